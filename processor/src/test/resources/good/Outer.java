package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A nested class gets Outer_SessionScope; a stage of Void on enter hands the object itself. */
public class Outer {
  static class Session {
    @Enter
    CompletionStage<Void> start() {
      return CompletableFuture.completedFuture(null);
    }

    @Exit
    CompletionStage<?> stop(Throwable failure) {
      return CompletableFuture.completedFuture("stopped");
    }
  }
}
