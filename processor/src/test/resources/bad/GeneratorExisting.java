package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorExisting {
  @ScopedResource
  static void open(Yield<String> y) {
    y.yield("open");
  }
}

class GeneratorExistingScopes {}
