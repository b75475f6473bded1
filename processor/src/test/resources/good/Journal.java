package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Rollback;

/**
 * A primitive resource, noRollbackFor without an exit, and an exception named X: the blocking
 * methods pick other names for their type variables.
 */
class Journal {
  static final class X extends Exception {
    private static final long serialVersionUID = 1L;
  }

  @Enter
  int begin() throws X {
    return 1;
  }

  @Commit
  void commit(int entry) {}

  @Rollback(noRollbackFor = IllegalArgumentException.class)
  void rollback(Integer entry, Throwable failure) {}
}
