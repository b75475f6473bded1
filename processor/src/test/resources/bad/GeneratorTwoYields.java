package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;

class GeneratorTwoYields {
  @ScopedResource
  static void open(Yield<String> first, AsyncYield<String> second) {
    first.yield("a");
    second.yield("b");
  }
}
