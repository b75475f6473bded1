package dev.scopegen.examples.readme;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What the README's ExitStack snippet enters asynchronously: a pool handing out a {@link Conn}. */
final class Pool {
  int released;

  @Enter
  CompletionStage<Conn> acquire() {
    return CompletableFuture.completedFuture(new Conn());
  }

  @Exit
  void release(Conn conn) {
    released++;
  }

  /** A pooled connection with an asynchronous flush. */
  static final class Conn {
    int flushes;

    CompletionStage<Void> flush() {
      flushes++;
      return CompletableFuture.completedFuture(null);
    }
  }
}
