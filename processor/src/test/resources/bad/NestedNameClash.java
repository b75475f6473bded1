package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class NestedNameClash {
  static class Inner {
    @Enter String open() { return "resource"; }
    @Exit void close() {}
  }
}

class NestedNameClash_Inner {
  @Enter String open() { return "resource"; }
  @Exit void close() {}
}
