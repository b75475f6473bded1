package dev.scopegen.examples.behaviour;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/** Synchronous enter and rollback, asynchronous commit and exit: one async method is enough. */
class MixedResource {
  private final Script script;

  MixedResource(Script script) {
    this.script = script;
  }

  @Enter
  Handle open() throws TimeoutException {
    script.run("enter");
    return script.handle();
  }

  @Commit
  CompletionStage<Void> commit(Handle handle) {
    return script.async("commit", null, null);
  }

  @Rollback
  void rollback(Handle handle, Throwable failure) {
    script.run("rollback", failure);
  }

  @Exit
  CompletionStage<Void> close(Object handle, Throwable failure) {
    script.released((Handle) handle);
    return script.async("exit", failure, null);
  }
}
