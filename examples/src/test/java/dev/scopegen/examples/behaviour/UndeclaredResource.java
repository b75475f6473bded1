package dev.scopegen.examples.behaviour;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.util.concurrent.CompletionStage;

/**
 * Asynchronous enter and exit that declare nothing, whatever their stages fail with: call and run
 * declare nothing either, and wrap a checked stage failure in a CompletionException.
 */
class UndeclaredResource {
  private final Script script;

  UndeclaredResource(Script script) {
    this.script = script;
  }

  @Enter
  CompletionStage<Handle> open() {
    return script.async("enter", null, script.handle());
  }

  @Exit
  CompletionStage<Void> close(Handle handle, Throwable failure) {
    script.released(handle);
    return script.async("exit", failure, null);
  }
}
