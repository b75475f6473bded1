package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Synchronous, entered as itself, with noRollbackFor and an exit that can suppress: the inline
 * blocking code with every helper. Thrown types overlap, so the scope declares the widest ones.
 */
final class Ledger {
  static final class EmptyResultException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Enter
  void open() throws FileNotFoundException {}

  @Commit
  void commit() throws IOException {}

  @Rollback(noRollbackFor = {EmptyResultException.class, UncheckedIOException.class})
  void rollback(Throwable failure) throws InterruptedException {}

  @Exit
  boolean close(Ledger ledger, Throwable failure) throws IOException {
    return failure instanceof IllegalStateException;
  }

  boolean close(String reason, Throwable failure) {
    return false;
  }
}
