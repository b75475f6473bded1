package example.app;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.util.List;

/** A synchronous resource class: every lifecycle method, one with a checked exception. */
public final class Ledger {
  private final List<String> log;

  public Ledger(List<String> log) {
    this.log = log;
  }

  @Enter
  StringBuilder open() {
    log.add("open");
    return new StringBuilder();
  }

  @Commit
  void commit(StringBuilder entries) throws Exception {
    log.add("commit " + entries);
  }

  @Rollback
  void rollback(StringBuilder entries, Throwable failure) {
    log.add("rollback " + failure.getMessage());
  }

  @Exit
  void close(StringBuilder entries) {
    log.add("close");
  }
}
