package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The throws clause of an asynchronous method declares what its stage may fail with, and call and
 * run declare it too.
 */
public class Throwing<E extends Exception> {

  @Enter
  public CompletionStage<String> open() throws IOException {
    return CompletableFuture.completedFuture("resource");
  }

  @Exit
  public CompletionStage<Boolean> close(Throwable failure) throws E {
    return CompletableFuture.completedFuture(false);
  }

  @ScopedResource
  public static CompletionStage<Void> async(AsyncYield<String> y) throws IOException {
    return y.yield("resource");
  }
}
