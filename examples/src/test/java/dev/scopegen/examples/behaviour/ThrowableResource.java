package dev.scopegen.examples.behaviour;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.examples.behaviour.Script.Handle;

/**
 * Synchronous methods that declare Throwable: call and run declare Exception, the most that
 * AsyncScope's allow, and wrap a checked Throwable that is not an Exception.
 */
class ThrowableResource {
  private final Script script;

  ThrowableResource(Script script) {
    this.script = script;
  }

  @Enter
  Handle open() throws Throwable {
    script.run("enter");
    return script.handle();
  }

  @Exit
  void close(Handle handle) throws Throwable {
    script.released(handle);
    script.run("exit");
  }
}
