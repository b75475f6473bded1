package example.app;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An asynchronous resource class whose exit may suppress the body's failure. */
public final class Gate {
  private final List<String> log;

  public Gate(List<String> log) {
    this.log = log;
  }

  @Enter
  CompletionStage<String> open() {
    log.add("gate open");
    return CompletableFuture.supplyAsync(() -> "pass");
  }

  @Exit
  CompletionStage<Boolean> close(String pass, Throwable failure) {
    log.add("gate close " + (failure == null ? "ok" : failure.getMessage()));
    return CompletableFuture.completedFuture(failure instanceof IllegalArgumentException);
  }
}
