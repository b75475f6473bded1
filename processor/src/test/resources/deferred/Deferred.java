package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;

/** Refers to three types that another processor generates in the first round. */
class Deferred<B extends LaterBound> {
  @Enter Later open() { return new Later(); }
  @Rollback(noRollbackFor = LaterFailure.class) void rollback(Later later) {}
  @Exit void close(Later later, Throwable failure) {}
}
