package dev.scopegen.benchmarks;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;

/** A synchronous resource that counts its uses: the cheapest possible acquire, commit, release. */
public final class SyncLedger {

  int entered;
  int committed;
  int released;

  /** Acquires: the ledger itself is the resource. */
  @Enter
  public void acquire() {
    entered++;
  }

  /** Commits. */
  @Commit
  public void commit() {
    committed++;
  }

  /** Releases. */
  @Exit
  public void release() {
    released++;
  }
}
