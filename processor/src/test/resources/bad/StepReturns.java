package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Rollback;

class StepReturns {
  @Enter String open() { return "resource"; }
  @Commit boolean commit() { return true; }
  @Rollback String rollback() { return "rolled back"; }
}
