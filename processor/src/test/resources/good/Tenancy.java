package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;

/**
 * noRollbackFor without a commit: a listed failure skips the rollback and goes straight to the
 * exit. The nested class's exit can suppress, so rollback and exit share one condition.
 */
class Tenancy {
  @Enter
  String lease() {
    return "lease";
  }

  @Rollback(noRollbackFor = IllegalStateException.class)
  void revoke(String lease, Throwable failure) {}

  @Exit
  void release(String lease, Throwable failure) {}

  static final class Forgiving {
    @Enter
    void open() {}

    @Rollback(noRollbackFor = IllegalStateException.class)
    void undo() {}

    @Exit
    boolean close(Throwable failure) {
      return failure instanceof IllegalArgumentException;
    }
  }
}
