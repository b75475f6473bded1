package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class GenericMethod {
  @Enter String open() { return "resource"; }
  @Exit <T> void close() {}
}
