package dev.scopegen.benchmarks;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous resource whose stages are already complete: what an async driver returns from
 * a cache hit. The stages are created once, so the benchmark measures the scope, not them.
 */
public final class AsyncLedger {

  static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CompletableFuture<AsyncLedger> acquired = CompletableFuture.completedFuture(this);
  int committed;
  int released;

  /** Acquires: a stage that is already complete. */
  @Enter
  public CompletionStage<AsyncLedger> acquire() {
    return acquired;
  }

  /** Commits. */
  @Commit
  public CompletionStage<Void> commit(AsyncLedger ledger) {
    committed++;
    return DONE;
  }

  /** Releases. */
  @Exit
  public CompletionStage<Void> release(AsyncLedger ledger) {
    released++;
    return DONE;
  }
}
