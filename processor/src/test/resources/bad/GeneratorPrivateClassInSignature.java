package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorPrivateClassInSignature {
  /** The private class is also a parameter and the resource: one error, not a second one. */
  private static final class Hidden {
    @ScopedResource
    static void open(Hidden hidden, Yield<Hidden> y) {
      y.yield(hidden);
    }
  }
}
