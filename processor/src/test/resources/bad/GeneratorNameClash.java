package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletionStage;

class GeneratorNameClash {
  @ScopedResource
  static void open(Yield<String> y) {
    y.yield("open");
  }

  @ScopedResource
  static void Open(Yield<String> y) {
    y.yield("Open");
  }

  @ScopedResource
  static void lease(GeneratorNameClash pool, Yield<String> y) {
    y.yield("static");
  }

  @ScopedResource
  CompletionStage<Void> lease(AsyncYield<String> y) {
    return y.yield("instance");
  }
}
