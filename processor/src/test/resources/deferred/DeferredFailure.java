package test;

import dev.scopegen.Enter;
import dev.scopegen.Rollback;

/** Only a class literal refers to a type generated in the first round. */
class DeferredFailure {
  @Enter String open() { return "resource"; }
  @Rollback(noRollbackFor = LaterFailure.class) void rollback() {}
}
