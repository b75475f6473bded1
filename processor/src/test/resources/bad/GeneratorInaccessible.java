package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorInaccessible {
  private static final class Secret {}

  @ScopedResource
  static void open(Secret secret, Yield<String> y) {
    y.yield(secret.toString());
  }
}
