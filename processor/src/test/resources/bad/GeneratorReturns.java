package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletionStage;

class GeneratorReturns {
  @ScopedResource
  static CompletionStage<Void> blocking(Yield<String> y) {
    y.yield("a");
    return null;
  }

  @ScopedResource
  static void async(AsyncYield<String> y) {
    y.yield("b");
  }

  @ScopedResource
  static String notAStage(AsyncYield<String> y) {
    y.yield("c");
    return "c";
  }
}
