package dev.scopegen.examples.behaviour;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every lifecycle method asynchronous, with noRollbackFor and an exit that can suppress: use runs
 * on the stages, call and run wait for them. Each declares what its stage may fail with, so that
 * call and run declare it too.
 */
public class AsyncResource {
  private final Script script;

  AsyncResource(Script script) {
    this.script = script;
  }

  @Enter
  CompletableFuture<Handle> acquire() throws IOException {
    return script.async("enter", null, script.handle());
  }

  @Commit
  CompletionStage<Void> commit(Handle handle) throws SQLException {
    return script.async("commit", null, null);
  }

  @Rollback(noRollbackFor = ForgivenException.class)
  CompletionStage<?> rollback(Handle handle, Throwable failure) {
    return script.async("rollback", failure, "rolled back");
  }

  @Exit
  CompletionStage<Boolean> release(Handle handle, Throwable failure) throws IOException {
    script.released(handle);
    return script.async("exit", failure, script.suppresses());
  }
}
