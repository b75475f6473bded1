package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class StaticMethod {
  @Enter static String open() { return "resource"; }
  @Exit void close() {}
}
