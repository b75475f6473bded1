package example.app;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Generator methods: a blocking one and an asynchronous one. */
public final class Sessions {
  private Sessions() {}

  @ScopedResource
  public static void session(List<String> log, String user, Yield<String> y) {
    log.add("login " + user);
    try {
      y.yield("session of " + user);
    } finally {
      log.add("logout " + user);
    }
  }

  @ScopedResource
  public static CompletionStage<Void> channel(List<String> log, AsyncYield<Integer> y) {
    log.add("connect");
    return y.yield(42).whenComplete((ok, failure) -> log.add("disconnect"));
  }
}
