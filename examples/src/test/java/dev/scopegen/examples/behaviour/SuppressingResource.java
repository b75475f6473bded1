package dev.scopegen.examples.behaviour;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;

/**
 * Every lifecycle method synchronous, with noRollbackFor and a boolean exit that can suppress:
 * the inline call and run with all their helpers.
 */
class SuppressingResource {
  private final Script script;

  SuppressingResource(Script script) {
    this.script = script;
  }

  @Enter
  Handle open() {
    script.run("enter");
    return script.handle();
  }

  @Commit
  void commit(Handle handle) {
    script.run("commit");
  }

  @Rollback(noRollbackFor = ForgivenException.class)
  void rollback(Throwable failure) {
    script.run("rollback", failure);
  }

  @Exit
  boolean close(Handle handle, Throwable failure) {
    script.released(handle);
    script.run("exit", failure);
    return script.suppresses();
  }
}
