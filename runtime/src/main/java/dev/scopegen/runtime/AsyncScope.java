package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.UseFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An asynchronous context manager: Python's {@code __aenter__}/{@code __aexit__} pair, with
 * {@code async with} ({@link #use}) and {@code with} ({@link #call}, {@link #run}) built on top.
 *
 * <p>Scopes are usually generated: the ScopeGen processor writes an {@code AsyncScope} for every
 * class with an {@code @Enter} method and for every {@code @ScopedResource} method. The runtime's
 * {@code ExitStack} and {@code Scopes} are scopes too, and any class may implement the two abstract
 * methods by hand.
 *
 * <h2>Semantics</h2>
 * <ol>
 *   <li>If {@link #enter} fails, nothing else runs and its failure propagates unchanged.
 *   <li>The body runs with the entered resource; then {@link #exit} runs exactly once, with the
 *       body's failure or {@code null}, whatever the failure is ({@link Error}s, {@link
 *       InterruptedException}, {@link java.util.concurrent.CancellationException} included).
 *   <li>The body's failure propagates as the same object, never wrapped in {@link
 *       java.util.concurrent.CompletionException}, unless {@code exit} completed with {@code true}:
 *       then the scope completes normally with a {@code null} result.
 *   <li>Cleanup failures never replace the body's failure; they are added to it as suppressed
 *       exceptions (see {@link Failures#addSuppressed}).
 *   <li>A failure that {@code exit} suppressed is gone: nothing attaches it to a failure that
 *       arises later. A body failure that is itself a {@link
 *       java.util.concurrent.CompletionException} propagates as that same object.
 * </ol>
 *
 * @param <T> the type of the resource handed to the body
 */
public interface AsyncScope<T> {

  /**
   * Acquires the resource: {@code __aenter__}.
   *
   * @return a stage that completes with the resource, or exceptionally when it cannot be acquired
   */
  CompletionStage<T> enter();

  /**
   * Releases the resource: {@code __aexit__}. Called exactly once for every successful {@link
   * #enter}.
   *
   * <p>The stage completes with {@code true} to suppress {@code failure}, and with {@code false} to
   * let the caller propagate it; also when cleanup failures were added to it as suppressed, or when
   * the resource re-threw that very instance. It completes exceptionally only with a failure that
   * must propagate instead: a cleanup failure when {@code failure} was {@code null} or once the
   * exit itself suppressed it (an {@link ExitStack} handler swallowed it, then an older callback
   * failed), or a deliberate replacement (a generator that translates the failure into another
   * one).
   *
   * <p>The exit owns that failure's chain, and the caller propagates it as it is, attaching
   * nothing: a replacement must keep {@code failure} reachable itself (as its cause, or added as
   * suppressed), while a failure that arose after {@code failure} was suppressed must not carry it,
   * because a suppressed failure is gone. Only the exit can tell these apart; the runtime's own
   * scopes and generated scopes do so. An exit that throws instead of returning a stage, or returns
   * {@code null}, made no decision: what it throws is a cleanup failure, added to {@code failure}
   * as suppressed.
   *
   * @param resource the resource {@code enter} produced
   * @param failure the body's failure, or {@code null} if the body succeeded
   * @return a stage that tells whether {@code failure} is suppressed
   */
  CompletionStage<Boolean> exit(T resource, Throwable failure);

  /**
   * Runs {@code body} inside this scope without blocking: Python's {@code async with}.
   *
   * <p>Enters, runs the body with the resource, waits for the body's stage, exits, and completes
   * the returned future with the body's result or failure (the same object, unwrapped). What the
   * body throws is kept as it is, a {@link java.util.concurrent.CompletionException} included; the
   * failure of the stage it returns is read as {@code get()} reads it, without the {@code
   * CompletionException} that {@link CompletableFuture} wraps around failures of dependent stages.
   *
   * <p><b>Cancellation</b> follows Python's {@code Task.cancel()}: {@code cancel} on the returned
   * future is a request. While the body runs, the body's stage is cancelled and {@link #exit} runs
   * once with a {@link java.util.concurrent.CancellationException}; if the request arrives while
   * {@link #enter} is still in flight, the body never runs and the resource is released as soon as
   * it arrives. Cleanup itself is never cancelled, and the returned future completes (cancelled)
   * only after cleanup has finished, so {@code join()} waits for it. {@code cancel} returns
   * {@code false} once the body has finished, when there is nothing left to cancel.
   *
   * @param <R> the result type
   * @param body the asynchronous body
   * @return a future that completes after the scope has exited
   */
  default <R> CompletableFuture<R> use(Function<? super T, ? extends CompletionStage<R>> body) {
    return UseFuture.start(this, body);
  }

  /**
   * Runs {@code body} inside this scope on the calling thread and returns its result: Python's
   * {@code with}. Ideal on virtual threads.
   *
   * <p>Waits for {@link #enter} (interruptibly: a resource that arrives after the interrupt is
   * released at once), runs the body, then waits for {@link #exit} without being interrupted. The
   * body's failure propagates unchanged; failures of asynchronous stages propagate as they are,
   * never wrapped in {@link java.util.concurrent.CompletionException}, except a checked failure
   * that is not an {@link Exception}, which this method does not declare.
   *
   * @param <R> the result type
   * @param <X> the checked exception the body may throw
   * @param body the body
   * @return the body's result, or {@code null} if the scope suppressed the body's failure
   * @throws X the body's failure
   * @throws Exception a failure of entering or exiting the scope
   */
  default <R, X extends Throwable> R call(ScopeFunction<? super T, ? extends R, X> body)
      throws X, Exception {
    return Blocking.call(this, body, failure -> failure instanceof Exception);
  }

  /**
   * Runs {@code body} inside this scope on the calling thread: Python's {@code with}. Like {@link
   * #call} for a body without a result.
   *
   * @param <X> the checked exception the body may throw
   * @param body the body
   * @throws X the body's failure
   * @throws Exception a failure of entering or exiting the scope
   */
  default <X extends Throwable> void run(ScopeConsumer<? super T, X> body) throws X, Exception {
    Blocking.run(this, body, failure -> failure instanceof Exception);
  }
}
