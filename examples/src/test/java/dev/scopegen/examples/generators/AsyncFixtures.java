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
import java.util.concurrent.Executor;
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

  /** Recovers from the body's failure: suppresses it. */
  @ScopedResource
  static CompletionStage<Void> swallowing(List<String> log, AsyncYield<String> y) {
    return y.yield("resource")
        .exceptionally(
            failure -> {
              log.add("swallowed " + failure.getClass().getSimpleName());
              return null;
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

  /** Yields a second time (Python: "generator didn't stop"). */
  @ScopedResource
  static CompletionStage<Void> twice(List<String> log, AsyncYield<String> y) {
    return y.yield("first")
        .thenCompose(ok -> y.yield("second"))
        .whenComplete((ok, failure) -> log.add("finally"));
  }

  /** Sets up, yields and cleans up on {@code executor}'s threads, later than the caller. */
  @ScopedResource
  static CompletionStage<Void> deferred(Executor executor, List<String> log, AsyncYield<String> y) {
    return CompletableFuture.supplyAsync(() -> "deferred", executor)
        .thenCompose(y::yield)
        .whenCompleteAsync(
            (ok, failure) -> log.add("cleanup, failed: " + (failure != null)), executor);
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
