package dev.scopegen.examples.behaviour;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every lifecycle method asynchronous, with noRollbackFor and an exit that can suppress: use runs
 * on the stages, call and run wait for them.
 */
public class AsyncResource {
  private final Script script;

  AsyncResource(Script script) {
    this.script = script;
  }

  @Enter
  CompletableFuture<Handle> acquire() {
    return script.async("enter", null, script.handle());
  }

  @Commit
  CompletionStage<Void> commit(Handle handle) {
    return script.async("commit", null, null);
  }

  @Rollback(noRollbackFor = ForgivenException.class)
  CompletionStage<?> rollback(Handle handle, Throwable failure) {
    return script.async("rollback", failure, "rolled back");
  }

  @Exit
  CompletionStage<Boolean> release(Handle handle, Throwable failure) {
    script.released(handle);
    return script.async("exit", failure, script.suppresses());
  }
}
