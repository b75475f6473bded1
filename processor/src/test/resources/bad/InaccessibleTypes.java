package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;

class InaccessibleTypes {
  private static class Secret {}

  private static class SecretFailure extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private static class Forgiven extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Enter Secret open() { return new Secret(); }

  @Rollback(noRollbackFor = {
      IllegalStateException.class,
      Forgiven.class
  })
  void rollback() throws SecretFailure {}

  @Exit void close() {}
}
