package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorInnerClass {
  class Inner {
    @ScopedResource
    void open(Yield<String> y) {
      y.yield("inner");
    }
  }
}
