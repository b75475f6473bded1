package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class PrivateMethod {
  @Enter String open() { return "resource"; }
  @Exit private void close() {}
}
