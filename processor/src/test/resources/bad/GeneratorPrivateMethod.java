package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorPrivateMethod {
  @ScopedResource
  private static void hidden(Yield<String> y) {
    y.yield("hidden");
  }
}
