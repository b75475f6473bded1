package dev.scopegen.runtime;

import java.util.concurrent.CompletionStage;

/**
 * The stage that {@link AsyncYield#yield} returns: it completes when the scope's body is done, and
 * chains the cleanup of an asynchronous {@code @ScopedResource} method the way Python writes it
 * around its {@code yield}.
 *
 * <table>
 *   <caption>Python and ScopeGen</caption>
 *   <tr><th>Python</th><th>ScopeGen</th></tr>
 *   <tr><td>{@code try: yield r} / {@code finally: await r.close()}</td>
 *       <td>{@code return y.yield(r).andFinally(() -> r.close());}</td></tr>
 *   <tr><td>{@code try: yield r} / {@code except BaseException: await r.rollback(); raise}</td>
 *       <td>{@code return y.yield(r).onFailure(() -> r.rollback());}</td></tr>
 *   <tr><td>nested {@code try}/{@code finally} around one {@code yield}</td>
 *       <td>{@code y.yield(r).andFinally(first).andFinally(second)}</td></tr>
 * </table>
 *
 * <p>Each method returns a new {@code YieldStage} that completes after its cleanup, so chains read
 * from the inside out, as nested {@code try} statements do. The cleanups follow the scope rules:
 *
 * <ul>
 *   <li>The stage keeps the outcome of the stage it follows: the body's failure propagates as the
 *       same object (a {@link java.util.concurrent.CompletionException} included), never wrapped.
 *   <li>A cleanup that fails, by throwing (checked exceptions too) or by returning a stage that
 *       fails, never replaces a failure in flight: it is added to it with {@link
 *       Throwable#addSuppressed} (see {@link Failures#addSuppressed}). After a success, the
 *       cleanup's failure becomes the failure, and a later cleanup's failure is suppressed onto it.
 *       This deliberately differs from Python, where an exception raised in {@code finally}
 *       replaces the one in flight.
 *   <li>Cleanup is never cancelled. {@link java.util.concurrent.CompletableFuture#cancel cancel} on
 *       a {@code YieldStage} is a request that reaches the body, as Python's {@code Task.cancel()}
 *       does: the stage the body of {@code use} returned is cancelled, or the thread that runs the
 *       body of {@code call}/{@code run} (or that entered the scope into an {@link ExitStack}) is
 *       interrupted; the stage then completes with the body's outcome after its cleanups, and
 *       {@code cancel} returns {@code false} once the body has finished. That is how a deadline of
 *       {@link Scopes#timeout} that guards the yield reaches the body. Stages derived with the
 *       methods of {@link CompletionStage} ({@code thenApply}, ...) do not forward cancellation:
 *       return the {@code YieldStage} itself to let it through.
 * </ul>
 *
 * <p>Each method takes an asynchronous cleanup ({@code () -> CompletionStage<?>}) or a synchronous
 * one ({@code () -> void}); a lambda that returns a stage is taken as asynchronous, and its stage
 * is awaited.
 */
public interface YieldStage extends CompletionStage<Void> {

  /**
   * Runs {@code cleanup} once the body (and the cleanups chained before) are done, whatever their
   * outcome: Python's {@code try: yield r} / {@code finally: await cleanup()}.
   *
   * @param cleanup the cleanup; its stage is awaited
   * @return a stage that completes after the cleanup, with the outcome of this stage; or with the
   *     cleanup's failure when this stage succeeded
   */
  YieldStage andFinally(AsyncCleanup cleanup);

  /**
   * Runs {@code cleanup} once the body (and the cleanups chained before) are done, whatever their
   * outcome: Python's {@code try: yield r} / {@code finally: cleanup()}.
   *
   * @param cleanup the cleanup
   * @return a stage that completes after the cleanup, with the outcome of this stage; or with the
   *     cleanup's failure when this stage succeeded
   */
  YieldStage andFinally(Cleanup cleanup);

  /**
   * Runs {@code rollback} only if the body (or a cleanup chained before) failed, then lets that
   * failure propagate: Python's {@code try: yield r} / {@code except BaseException: await
   * rollback(); raise}. Every {@link Throwable} counts, a {@link
   * java.util.concurrent.CancellationException} included.
   *
   * @param rollback the rollback; its stage is awaited
   * @return a stage that completes normally at once after a success, and otherwise after the
   *     rollback, with the same failure (the rollback's own failure suppressed onto it)
   */
  YieldStage onFailure(AsyncCleanup rollback);

  /**
   * Runs {@code rollback} only if the body (or a cleanup chained before) failed, then lets that
   * failure propagate: Python's {@code try: yield r} / {@code except BaseException: rollback();
   * raise}.
   *
   * @param rollback the rollback
   * @return a stage that completes normally at once after a success, and otherwise after the
   *     rollback, with the same failure (the rollback's own failure suppressed onto it)
   */
  YieldStage onFailure(Cleanup rollback);
}
