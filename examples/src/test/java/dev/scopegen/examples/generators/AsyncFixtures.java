package dev.scopegen.examples.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Deadline;
import dev.scopegen.runtime.Scopes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Asynchronous generator methods, Python's {@code @asynccontextmanager} examples, that the
 * behaviour tests run through the scopes the processor generates for them ({@code
 * AsyncFixturesScopes}). They mirror {@link BlockingFixtures}.
 */
final class AsyncFixtures {

  private AsyncFixtures() {}

  /** Logs its setup, how the body ended, and its cleanup; keeps the body's failure. */
  @ScopedResource
  static CompletionStage<Void> logging(List<String> log, String name, AsyncYield<String> y) {
    log.add(name + " setup");
    return y.yield(name)
        .whenComplete(
            (ok, failure) -> {
              log.add(
                  failure == null
                      ? name + " after body"
                      : name + " caught " + failure.getClass().getSimpleName());
              log.add(name + " finally");
            });
  }

  /** Translates the body's failure into a checked exception of its own. */
  @ScopedResource
  static CompletionStage<Void> translating(AsyncYield<String> y) throws TranslatedException {
    return y.yield("resource")
        .exceptionallyCompose(
            failure -> CompletableFuture.failedFuture(new TranslatedException(failure)));
  }

  /** Completes without yielding (Python: "generator didn't yield"). */
  @ScopedResource
  static CompletionStage<Void> silent(List<String> log, AsyncYield<String> y) {
    log.add("setup");
    return log.isEmpty() ? y.yield("never") : CompletableFuture.completedFuture(null);
  }

  /**
   * Runs the body under a deadline: Python's {@code async with asyncio.timeout(d): yield}. The
   * deadline cancels the yield's stage, which reaches the body.
   */
  @ScopedResource
  static CompletionStage<Void> deadline(Duration timeout, AsyncYield<Deadline> y)
      throws TimeoutException {
    return Scopes.timeout(timeout).use(y::yield);
  }

  /**
   * Fails with {@code failure} once the body is done, whatever its outcome, and declares nothing:
   * {@code call} and {@code run} wrap a checked {@code failure} in a {@code CompletionException}.
   */
  @ScopedResource
  static CompletionStage<Void> failingUndeclared(Exception failure, AsyncYield<String> y) {
    return y.yield("resource")
        .handle((ok, bodyFailure) -> null)
        .thenCompose(ignored -> CompletableFuture.failedFuture(failure));
  }

  /** Like {@link #failingUndeclared}, but declares what its stage may fail with. */
  @ScopedResource
  static CompletionStage<Void> failingDeclared(IOException failure, AsyncYield<String> y)
      throws IOException {
    return y.yield("resource")
        .handle((ok, bodyFailure) -> null)
        .thenCompose(ignored -> CompletableFuture.failedFuture(failure));
  }

  /** Fails before it yields with {@code failure}, a stage failure it declares. */
  @ScopedResource
  static CompletionStage<Void> failingEnter(IOException failure, AsyncYield<String> y)
      throws IOException {
    return CompletableFuture.<String>failedFuture(failure).thenCompose(y::yield);
  }
}
