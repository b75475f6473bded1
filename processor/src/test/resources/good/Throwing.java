package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The throws clause of an asynchronous method declares what its stage may fail with, and call and
 * run declare it too; a Throwable that is not an Exception becomes Exception there.
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

  /** Synchronous, but declares Throwable: call and run cannot be inline code. */
  public static class Anything {
    @Enter
    public String open() throws Throwable {
      return "resource";
    }

    @Exit
    public void close() throws Throwable {}
  }

  @ScopedResource
  public static void blocking(Yield<String> y) throws Throwable {
    y.yield("resource");
  }

  @ScopedResource
  public static CompletionStage<Void> async(AsyncYield<String> y) throws IOException {
    return y.yield("resource");
  }
}
