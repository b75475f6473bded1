package test;

import dev.scopegen.Enter;
import dev.scopegen.Rollback;

class MissingFailure {
  @Enter String open() { return "resource"; }
  @Rollback(noRollbackFor = NoSuchFailure.class) void rollback() {}
}
