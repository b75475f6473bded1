package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A scope whose enter and exit are synchronous, and which says so: {@code Scopes.all} and {@code
 * ExitStack} then enter and exit it on the calling thread through {@link #enterNow} and {@link
 * #exitNow}, without a stage. Not part of the public API: implemented by the scopes of {@code
 * Scopes} whose steps never wait, and by generated scopes whose lifecycle methods are all
 * synchronous.
 *
 * <p>An {@code ExitStack} tests for this interface once per scope, when it registers the scope, and
 * keeps the answer with the registration. Where a call site has seen few scope classes, the JIT
 * folds the test into a class comparison. Where it has seen many, a scope that does not implement
 * the interface costs a scan of its class's interfaces on JDK 17 (tens of nanoseconds measured),
 * next to nothing on JDK 25: one test per scope, which the stack needs anyway to exit a scope
 * without a stage.
 *
 * <p>The two methods must do exactly what {@link #enter} and {@link #exit} do, only with the
 * outcome returned or thrown instead of held in a stage:
 *
 * <ul>
 *   <li>{@link #enterNow} returns the resource {@code enter()}'s stage completes with, or throws
 *       the failure it completes exceptionally with.
 *   <li>{@link #exitNow} returns whether the failure is suppressed, as {@code exit()}'s stage
 *       completes with it, or throws the failure that must propagate instead, the one {@code
 *       exit()}'s stage completes exceptionally with. Cleanup failures that do not propagate are
 *       added to {@code failure} as suppressed, as {@code exit()} adds them.
 * </ul>
 *
 * <p>{@link #enter} and {@link #exit} default to these two methods with the outcome held in a
 * completed stage, so that a generated scope writes them only when its stage must say more (an
 * exit that commits or rolls back, for the JFR event).
 *
 * @param <T> the resource type
 */
public interface SynchronousScope<T> extends AsyncScope<T> {

  /**
   * Enters the scope: {@link #enterNow}, with its outcome held in a completed stage.
   *
   * @return a completed stage with the resource, or with the failure of entering
   */
  @Override
  default CompletionStage<T> enter() {
    try {
      return CompletableFuture.completedFuture(enterNow());
    } catch (Throwable failure) {
      return Stages.failed(failure);
    }
  }

  /**
   * Exits the scope: {@link #exitNow}, with its outcome held in a completed stage.
   *
   * @param resource the resource the scope entered with
   * @param failure the failure in flight, or {@code null}
   * @return a completed stage with whether {@code failure} is suppressed, or with the failure that
   *     must propagate instead
   */
  @Override
  default CompletionStage<Boolean> exit(T resource, Throwable failure) {
    try {
      return Stages.of(exitNow(resource, failure));
    } catch (Throwable exitFailure) {
      return Stages.failed(exitFailure);
    }
  }

  /**
   * Enters the scope on the calling thread.
   *
   * @return the resource
   * @throws Throwable the failure of entering, as {@link #enter}'s stage would hold it
   */
  T enterNow() throws Throwable;

  /**
   * Exits the scope on the calling thread.
   *
   * @param resource the resource {@link #enterNow} returned
   * @param failure the failure in flight, or {@code null}
   * @return {@code true} to suppress {@code failure}
   * @throws Throwable the failure that must propagate instead of {@code failure}, as {@link
   *     #exit}'s stage would hold it
   */
  boolean exitNow(T resource, Throwable failure) throws Throwable;
}
