package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class PrivateClass {
  private static class Hidden {
    @Enter String open() { return "resource"; }
    @Exit void close() {}
  }

  private static class Enclosing {
    static class Nested {
      @Enter String open() { return "resource"; }
      @Exit void close() {}
    }
  }
}
