package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;

class DuplicateMethods {
  @Enter Object open() { return this; }
  @Enter Object reopen() { return this; }
  @Commit void commit() {}
  @Commit void commitAgain() {}
  @Rollback void rollback() {}
  @Rollback void rollbackAgain() {}
  @Exit void close() {}
  @Exit void closeAgain() {}
}
