package dev.scopegen.examples.readme.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import java.util.concurrent.CompletionStage;

/** The README's three-step asynchronous cleanup, as written there (section "Generators"). */
final class Sessions {
  private Sessions() {}

  // README snippet, verbatim:
  @ScopedResource
  static CompletionStage<Void> session(Remote remote,
      String user, AsyncYield<Session> y) {
    return remote.open(user).thenCompose(s ->
        y.yield(s)
            .andFinally(s::flush)
            .andFinally(s::close)
            .andFinally(() -> remote.release(s)));
  }
  // every step runs, whatever failed before it; the
  // body's failure (or the first step's) propagates,
  // the later failures suppressed onto it, in order
}
