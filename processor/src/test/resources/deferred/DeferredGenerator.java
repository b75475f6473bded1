package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

/** A generator method whose types another processor generates in the first round. */
class DeferredGenerator {
  @ScopedResource
  static void open(LaterBound bound, Yield<Later> y) {
    y.yield(new Later());
  }
}
