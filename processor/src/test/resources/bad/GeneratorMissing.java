package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorMissing {
  @ScopedResource
  static void open(DoesNotExist missing, Yield<String> y) {
    y.yield("open");
  }
}
