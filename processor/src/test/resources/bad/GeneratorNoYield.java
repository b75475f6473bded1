package test;

import dev.scopegen.ScopedResource;

class GeneratorNoYield {
  @ScopedResource
  static void open(String name) {}
}
