package dev.scopegen.runtime;

/**
 * The yield of an asynchronous {@code @ScopedResource} method: the point where the scope's body
 * runs, as Python's {@code yield} does inside an {@code @asynccontextmanager} generator.
 *
 * <p>The method receives an {@code AsyncYield} as its last parameter, calls {@link #yield} exactly
 * once with the resource, and returns a stage that completes when its cleanup is done. The cleanup
 * is chained on the {@link YieldStage} that {@code yield} returns, with {@link
 * YieldStage#andFinally andFinally} (Python's {@code finally}) and {@link YieldStage#onFailure
 * onFailure} (Python's {@code except: ...; raise}):
 *
 * <pre>{@code
 * @ScopedResource
 * static CompletionStage<Void> session(Driver driver, AsyncYield<Session> y) {
 *   return driver.openAsync()                                        // setup
 *       .thenCompose(session -> y.yield(session)                     // the body runs here
 *           .onFailure(() -> session.rollbackAsync())                // except: await ...; raise
 *           .andFinally(() -> session.closeAsync()));                // finally: await ...
 * }
 * }</pre>
 *
 * <p>The method's stage decides, as in Python: completing exceptionally with the body's failure
 * (the same instance, or a {@link java.util.concurrent.CompletionException} around it) propagates
 * it unchanged; completing normally after the body failed suppresses the failure; completing
 * exceptionally with another exception replaces it. A stage that completes before the body has
 * finished cannot suppress the body's failure: only cleanup chained on the yield's stage can.
 *
 * <p>A timeout or a cancel that fires while the method waits at its yield reaches the body: {@code
 * return Scopes.timeout(d).use(deadline -> y.yield(deadline));} cancels the body's stage (or
 * interrupts the thread that runs a blocking body) at the deadline, and the scope fails with
 * {@link java.util.concurrent.TimeoutException}, as Python's {@code async with timeout(d): yield}.
 *
 * @param <T> the type of the resource handed to the body
 */
@FunctionalInterface
public interface AsyncYield<T> {

  /**
   * Starts the scope's body with {@code resource}.
   *
   * @param resource the resource handed to the body
   * @return a stage that completes when the body is done: normally when it succeeded, exceptionally
   *     with its failure (the same object) when it failed; a stage that has already failed with
   *     {@link IllegalStateException} if this yield was already called (the method yielded more
   *     than once) or the method's stage has completed. Cancelling it cancels the body (see {@link
   *     YieldStage})
   */
  YieldStage yield(T resource);
}
