package dev.scopegen.benchmarks;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

/** A blocking generator over a {@link SyncLedger}, for the cost of entering one on its own thread. */
final class LeakLedgers {

  private LeakLedgers() {}

  /** Acquires, yields the ledger, commits after success and always releases. */
  @ScopedResource
  static void ledger(SyncLedger ledger, Yield<SyncLedger> y) {
    ledger.acquire();
    try {
      y.yield(ledger);
      ledger.commit();
    } finally {
      ledger.release();
    }
  }
}
