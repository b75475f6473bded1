package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorUnusedYield {
  @ScopedResource
  static void forgetful(String name, Yield<String> unused) {
    System.out.println(name);
  }
}
