package dev.scopegen.benchmarks;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletionStage;

/**
 * The ledgers' lifecycle written as {@code @ScopedResource} methods, the same shape as the
 * resource classes {@link SyncLedger} and {@link AsyncLedger}: acquire, body, commit after
 * success, release always. The benchmarks set each beside the class scope of the same shape.
 */
final class Ledgers {

  private Ledgers() {}

  /** {@link SyncLedger}'s lifecycle as a blocking generator. */
  @ScopedResource
  static void ledger(SyncLedger ledger, Yield<SyncLedger> yield) {
    ledger.acquire();
    try {
      yield.yield(ledger);
      ledger.commit();
    } finally {
      ledger.release();
    }
  }

  /**
   * {@link AsyncGate}'s lifecycle as an asynchronous generator: acquire, yield, then release with
   * a stage that is already complete, as the class does.
   */
  @ScopedResource
  static CompletionStage<Void> gate(AsyncGate gate, AsyncYield<AsyncGate> yield) {
    gate.acquire();
    return yield.yield(gate).andFinally(gate::release);
  }

  /** A generator that only yields: the asynchronous {@code nullcontext}. */
  @ScopedResource
  static <T> CompletionStage<?> just(T value, AsyncYield<T> yield) {
    return yield.yield(value);
  }
}
