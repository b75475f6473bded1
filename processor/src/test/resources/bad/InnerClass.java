package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class InnerClass {
  class Inner {
    @Enter String open() { return "resource"; }
    @Exit void close() {}
  }
}
