package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorPrivateClass {
  private static final class Hidden {
    @ScopedResource
    static void open(Yield<String> y) {
      y.yield("hidden");
    }
  }
}
