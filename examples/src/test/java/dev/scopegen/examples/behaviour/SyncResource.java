package dev.scopegen.examples.behaviour;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.io.IOException;
import java.sql.SQLException;

/** Every lifecycle method synchronous, with a void exit: the inline call and run. */
class SyncResource {
  private final Script script;

  SyncResource(Script script) {
    this.script = script;
  }

  @Enter
  Handle open() throws IOException {
    script.run("enter");
    return script.handle();
  }

  @Commit
  void commit(Handle handle) throws SQLException {
    script.run("commit");
  }

  @Rollback
  void rollback(Handle handle, Throwable failure) {
    script.run("rollback", failure);
  }

  @Exit
  void close(Handle handle, Throwable failure) throws IOException {
    script.released(handle);
    script.run("exit", failure);
  }
}
