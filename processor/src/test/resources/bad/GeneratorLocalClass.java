package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorLocalClass {
  void method() {
    class Local {
      @ScopedResource void open(Yield<String> y) {
        y.yield("local");
      }
    }
  }

  Object field = new Object() {
    @dev.scopegen.ScopedResource void acquire(Yield<String> y) {
      y.yield("anonymous");
    }
  };

  /** Only here so that javac runs ScopeGen: it sees no annotation inside method bodies. */
  @ScopedResource
  static void visible(Yield<String> y) {
    y.yield("visible");
  }
}
