package test;

import dev.scopegen.Commit;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;

class WithoutEnter {
  @Commit void commit() {}
  @Rollback void rollback() {}
  @Exit void close() {}
}
