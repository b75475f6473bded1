package dev.scopegen.benchmarks;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** An asynchronous resource whose acquire completes later, on another thread. */
public final class PendingLedger {

  static final CompletableFuture<Integer> ANSWER = CompletableFuture.completedFuture(42);

  private final Executor other;
  int committed;
  int released;

  PendingLedger(Executor other) {
    this.other = other;
  }

  /** Acquires on the other thread. */
  @Enter
  public CompletionStage<PendingLedger> acquire() {
    return CompletableFuture.supplyAsync(() -> this, other);
  }

  /** Commits: already complete. */
  @Commit
  public CompletionStage<Void> commit() {
    committed++;
    return AsyncLedger.DONE;
  }

  /** Releases: already complete. */
  @Exit
  public CompletionStage<Void> release() {
    released++;
    return AsyncLedger.DONE;
  }
}
