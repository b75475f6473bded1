package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorYieldNotLast {
  @ScopedResource
  static void open(Yield<String> y, String name) {
    y.yield(name);
  }
}
