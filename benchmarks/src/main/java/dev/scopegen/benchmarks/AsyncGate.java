package dev.scopegen.benchmarks;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletionStage;

/**
 * A resource with a synchronous enter and an asynchronous exit whose stage is already complete:
 * the shape of an asynchronous {@code @ScopedResource} method that acquires, yields and releases.
 */
public final class AsyncGate {

  int acquired;
  int released;

  /** Acquires, synchronously: the gate itself is the resource. */
  @Enter
  public void acquire() {
    acquired++;
  }

  /** Releases: a stage that is already complete. */
  @Exit
  public CompletionStage<Void> release() {
    released++;
    return AsyncLedger.DONE;
  }
}
