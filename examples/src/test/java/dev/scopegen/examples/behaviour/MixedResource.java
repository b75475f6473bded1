package dev.scopegen.examples.behaviour;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Synchronous enter and rollback, asynchronous commit and exit: one async method is enough. Each
 * declares what it (or its stage) may fail with in the behaviour tests.
 */
class MixedResource {
  private final Script script;

  MixedResource(Script script) {
    this.script = script;
  }

  @Enter
  Handle open() throws TimeoutException, IOException {
    script.run("enter");
    return script.handle();
  }

  @Commit
  CompletionStage<Void> commit(Handle handle) throws SQLException {
    return script.async("commit", null, null);
  }

  @Rollback
  void rollback(Handle handle, Throwable failure) {
    script.run("rollback", failure);
  }

  @Exit
  CompletionStage<Void> close(Object handle, Throwable failure) throws IOException {
    script.released((Handle) handle);
    return script.async("exit", failure, null);
  }
}
