package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * The blocking {@code with} statement for any {@link AsyncScope}: enter, body, exit on the calling
 * thread. Used by {@link AsyncScope#call}, and by generated scopes while a JFR recording runs.
 * Otherwise generated scopes inline the same logic, calling their lifecycle methods one after the
 * other; when a method is asynchronous they wait for its stage with {@link #enter(AsyncScope,
 * CompletionStage, Predicate)} or {@link #await}, and throw what they do not declare through {@link
 * #undeclared}. Not part of the public API.
 *
 * <p>Checked exceptions are never thrown undeclared. The caller says which failures of the scope's
 * own steps (entering, exiting, or the exit's replacement of the body's failure) its {@code throws}
 * clause declares: those propagate as they are, like unchecked ones. A checked failure that it does
 * not declare propagates wrapped in a {@link CompletionException}, as {@link
 * CompletableFuture#join()} would throw it; an {@link InterruptedException} wrapped so keeps the
 * thread's interrupt status set. The body's own failures propagate unchanged, never wrapped.
 */
public final class Blocking {

  /** What {@link #valueNow} returns for a stage that has no value yet, or failed. */
  private static final Object PENDING = new Object();

  private Blocking() {}

  /**
   * The value of {@code stage} when it is a {@code CompletableFuture} that completed normally,
   * otherwise {@link #PENDING}: {@link Stages#isDoneNormally} and {@link Stages#valueOf} in one, on
   * the inline code's hot path. It reads the future's state once, as {@code join()} does: a stage
   * that failed throws here, and the caller's slow path reads its failure as it is stored. The
   * price falls on that path only, and is {@code join()}'s: the {@link CompletionException} that
   * {@code getNow} creates around a failure that is not one already.
   */
  private static Object valueNow(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture && !Stages.isMinimal(stage)) {
      @SuppressWarnings("unchecked") // only read: whatever its value, it is an Object
      CompletableFuture<Object> future = (CompletableFuture<Object>) stage;
      try {
        return future.getNow(PENDING);
      } catch (CompletionException | CancellationException failed) {
        return PENDING;
      }
    }
    return PENDING;
  }

  /**
   * Enters {@code scope}, applies {@code body}, exits, and returns the body's result.
   *
   * @param <T> the resource type
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param scope the scope
   * @param body the body
   * @param declared whether the caller declares a checked failure of entering or exiting; it sees
   *     only checked failures
   * @return the body's result, or {@code null} when the scope suppressed the body's failure
   * @throws X the body's failure, unchanged
   */
  public static <T, R, X extends Throwable> R call(
      AsyncScope<T> scope,
      ScopeFunction<? super T, ? extends R, X> body,
      Predicate<? super Throwable> declared)
      throws X {
    ScopeUse<T> recorded = ScopeUse.of(scope);
    if (recorded != null) {
      return recorded.call(body, declared);
    }
    return callEntered(scope, enter(scope, declared), body, declared);
  }

  /**
   * Applies {@code body} to the resource of a scope that is already entered, exits, and returns
   * the body's result: {@link #call} without the enter, for a scope that hands out a resource it
   * already has (an exit stack hands out itself).
   *
   * @param <T> the resource type
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param scope the scope, entered
   * @param resource its resource
   * @param body the body
   * @param declared whether the caller declares a checked failure of exiting; it sees only checked
   *     failures
   * @return the body's result, or {@code null} when the scope suppressed the body's failure
   * @throws X the body's failure, unchanged
   */
  public static <T, R, X extends Throwable> R callEntered(
      AsyncScope<T> scope,
      T resource,
      ScopeFunction<? super T, ? extends R, X> body,
      Predicate<? super Throwable> declared)
      throws X {
    R result;
    try {
      result = body.apply(resource);
    } catch (Throwable failure) {
      if (exitAfter(scope, resource, failure, declared)) {
        return null;
      }
      throw failure;
    }
    exit(scope, resource, declared);
    return result;
  }

  /**
   * Enters {@code scope}, runs {@code body}, exits.
   *
   * @param <T> the resource type
   * @param <X> the body's checked exception
   * @param scope the scope
   * @param body the body
   * @param declared whether the caller declares a checked failure of entering or exiting; it sees
   *     only checked failures
   * @throws X the body's failure, unchanged
   */
  public static <T, X extends Throwable> void run(
      AsyncScope<T> scope, ScopeConsumer<? super T, X> body, Predicate<? super Throwable> declared)
      throws X {
    ScopeUse<T> recorded = ScopeUse.of(scope);
    if (recorded != null) {
      recorded.run(body, declared);
      return;
    }
    runEntered(scope, enter(scope, declared), body, declared);
  }

  /**
   * Runs {@code body} with the resource of a scope that is already entered, and exits: {@link
   * #run} without the enter; see {@link #callEntered}.
   *
   * @param <T> the resource type
   * @param <X> the body's checked exception
   * @param scope the scope, entered
   * @param resource its resource
   * @param body the body
   * @param declared whether the caller declares a checked failure of exiting; it sees only checked
   *     failures
   * @throws X the body's failure, unchanged
   */
  public static <T, X extends Throwable> void runEntered(
      AsyncScope<T> scope,
      T resource,
      ScopeConsumer<? super T, X> body,
      Predicate<? super Throwable> declared)
      throws X {
    try {
      body.accept(resource);
    } catch (Throwable failure) {
      if (exitAfter(scope, resource, failure, declared)) {
        return;
      }
      throw failure;
    }
    exit(scope, resource, declared);
  }

  /**
   * Returns {@code failure} as a blocking method throws it when it is a failure of the scope's own
   * steps: throws it at once when it is unchecked or {@code declared} accepts it; otherwise returns
   * it wrapped in a new {@link CompletionException}, for the caller to throw.
   *
   * @param failure a failure of entering or exiting, or a replacement of the body's failure
   * @param declared whether the caller declares a checked failure
   * @return the exception to throw, when {@code failure} is not thrown as it is
   */
  public static CompletionException undeclared(Throwable failure, Predicate<? super Throwable> declared) {
    if (failure instanceof RuntimeException || failure instanceof Error || declared.test(failure)) {
      throw Stages.sneakyThrow(failure);
    }
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new CompletionException(failure);
  }

  /**
   * Enters {@code scope} on the calling thread: waits for {@code scope.enter()} and returns the
   * resource. Waiting can be interrupted: the interrupt propagates as an {@link
   * InterruptedException}, and a resource that arrives later is released at once, with that
   * exception as the failure its exit sees.
   *
   * <p>The failure of entering is thrown as it is, checked or not, never wrapped. The calling
   * thread is the body's: a {@code @ScopedResource} method suspended at its yield interrupts it
   * when a timeout or an interrupt reaches the method there.
   *
   * @param <T> the resource type
   * @param scope the scope
   * @return the entered resource
   */
  public static <T> T enter(AsyncScope<T> scope) {
    return enter(scope, failure -> true);
  }

  /** Like {@link #enter(AsyncScope)}, with the failures that {@code declared} rejects wrapped. */
  // After an interrupt, a late resource is released by a callback; if the enter fails instead,
  // there is nothing to release and the callback's stage is dropped on purpose.
  @SuppressWarnings("FutureReturnValueIgnored")
  private static <T> T enter(AsyncScope<T> scope, Predicate<? super Throwable> declared) {
    return enter(scope, scope.enter(), declared);
  }

  /**
   * Waits on the calling thread for {@code entering}, the stage of {@code scope}'s asynchronous
   * enter, and returns the resource it completes with: the enter of a generated scope's inline
   * {@code call} and {@code run}. Waiting can be interrupted: the interrupt propagates as an {@link
   * InterruptedException}, and a resource that arrives later is released at once by {@code
   * scope.exit}, with that exception as the failure it sees.
   *
   * <p>The failure of entering is thrown as it is when it is unchecked or {@code declared} accepts
   * it, otherwise wrapped in a {@link CompletionException} (see {@link #undeclared}).
   *
   * @param <T> the resource type
   * @param scope the scope being entered, which releases a late resource
   * @param entering the stage its enter returned
   * @param declared whether the caller declares a checked failure of entering
   * @return the resource
   * @throws NullPointerException if {@code entering} is {@code null}
   */
  // After an interrupt, a late resource is released by a callback; if the enter fails instead,
  // there is nothing to release and the callback's stage is dropped on purpose.
  @SuppressWarnings("FutureReturnValueIgnored")
  public static <T> T enter(
      AsyncScope<T> scope,
      CompletionStage<? extends T> entering,
      Predicate<? super Throwable> declared) {
    Object now = valueNow(entering);
    if (now != PENDING) {
      BodyLink.runsOn(entering, Thread.currentThread());
      @SuppressWarnings("unchecked") // the value of a CompletionStage<? extends T>
      T resource = (T) now;
      return resource;
    }
    if (Stages.isDoneExceptionally(Stages.nonNull(entering, "enter()"))) {
      throw undeclared(Failures.unwrap(Stages.failureNow(entering)), declared);
    }
    CompletableFuture<? extends T> future = entering.toCompletableFuture();
    try {
      T resource = future.get();
      BodyLink.runsOn(entering, Thread.currentThread());
      return resource;
    } catch (ExecutionException | CancellationException e) {
      throw undeclared(enteringFailure(future, e), declared);
    } catch (InterruptedException interrupt) {
      future.thenAccept(late -> releaseLate(scope, late, interrupt));
      throw undeclared(interrupt, declared);
    }
  }

  /**
   * Waits on the calling thread for {@code entering}, the stage of an asynchronous enter that hands
   * out {@code resource}, the object itself: {@link #enter(AsyncScope, CompletionStage, Predicate)}
   * for an enter method that returns {@code CompletionStage<Void>}.
   *
   * @param <T> the resource type
   * @param scope the scope being entered, which releases a late resource
   * @param entering the stage its enter returned
   * @param resource the resource, once {@code entering} completed normally
   * @param declared whether the caller declares a checked failure of entering
   * @throws NullPointerException if {@code entering} is {@code null}
   */
  @SuppressWarnings("FutureReturnValueIgnored") // as in the other enter
  public static <T> void enter(
      AsyncScope<T> scope,
      CompletionStage<?> entering,
      T resource,
      Predicate<? super Throwable> declared) {
    if (valueNow(entering) != PENDING) {
      return;
    }
    if (Stages.isDoneExceptionally(Stages.nonNull(entering, "enter()"))) {
      throw undeclared(Failures.unwrap(Stages.failureNow(entering)), declared);
    }
    CompletableFuture<?> future = entering.toCompletableFuture();
    try {
      future.get();
    } catch (ExecutionException | CancellationException e) {
      throw undeclared(enteringFailure(future, e), declared);
    } catch (InterruptedException interrupt) {
      future.thenAccept(late -> releaseLate(scope, resource, interrupt));
      throw undeclared(interrupt, declared);
    }
  }

  /**
   * The failure of entering, after {@code get()} threw {@code thrown}: unwrapped from its {@link
   * ExecutionException}, or the very {@link CancellationException} the stage holds.
   */
  private static Throwable enteringFailure(CompletableFuture<?> future, Exception thrown) {
    return thrown instanceof ExecutionException
        ? Failures.unwrap(thrown.getCause())
        : Stages.failureOf(future);
  }

  /**
   * Waits on the calling thread for the stage of an asynchronous commit, rollback or exit method,
   * as the inline {@code call} and {@code run} of a generated scope do, and returns its value. As
   * in the exit protocol, a {@code null} stage counts as one completed with {@code null}, and the
   * wait is never interrupted: an interrupt that arrives meanwhile is kept, set again on return, as
   * {@link CompletableFuture#join()} keeps it.
   *
   * <p>The stage's failure is thrown as it is, checked or not, without the {@link
   * CompletionException} of a dependent stage (see {@link Failures#unwrap}); the caller passes a
   * failure that it propagates through {@link #undeclared}.
   *
   * @param <V> the value type
   * @param stage the stage a lifecycle method returned, or {@code null}
   * @return its value
   */
  public static <V> V await(CompletionStage<V> stage) {
    if (stage == null) {
      return null;
    }
    Object now = valueNow(stage);
    if (now != PENDING) {
      @SuppressWarnings("unchecked") // the value of a CompletionStage<V>
      V value = (V) now;
      return value;
    }
    if (Stages.isDoneExceptionally(stage)) {
      throw Stages.sneakyThrow(Failures.unwrap(Stages.failureNow(stage)));
    }
    if (stage instanceof CompletableFuture) {
      return Stages.await(stage);
    }
    // A stage of another kind need not support toCompletableFuture(): listen to it instead.
    CompletableFuture<V> relayed = new CompletableFuture<>();
    Stages.relay(stage, relayed);
    return Stages.await(relayed);
  }

  /** Exits after the body succeeded; throws the exit's failure. */
  private static <T> void exit(
      AsyncScope<T> scope, T resource, Predicate<? super Throwable> declared) {
    try {
      Stages.await(scope.exit(resource, null));
    } catch (Throwable failure) {
      throw undeclared(failure, declared);
    }
  }

  private static <T> void releaseLate(AsyncScope<T> scope, T resource, Throwable reason) {
    try {
      scope.exit(resource, reason)
          .handle((ignored, failure) -> Failures.addSuppressed(reason, Failures.unwrap(failure)));
    } catch (Throwable failure) {
      Failures.addSuppressed(reason, failure);
    }
  }

  /**
   * Exits after the body failed with {@code failure}. Returns whether the scope suppressed it;
   * throws what exit failed with as it is (wrapped only when it is a checked failure that {@code
   * declared} rejects): the exit already decided what that failure carries (see {@link
   * AsyncScope#exit}), and {@code failure} may be one it suppressed.
   */
  private static <T> boolean exitAfter(
      AsyncScope<T> scope, T resource, Throwable failure, Predicate<? super Throwable> declared) {
    CompletionStage<Boolean> exiting;
    try {
      exiting =
          Objects.requireNonNull(
              scope.exit(resource, failure), "exit() returned null instead of a CompletionStage");
    } catch (Throwable crash) {
      // An exit that throws made no decision: what it threw is a cleanup failure (rule 4).
      Failures.addSuppressed(failure, crash);
      return false;
    }
    Boolean suppress;
    try {
      suppress = Stages.await(exiting);
    } catch (Throwable replacement) {
      if (replacement == failure) {
        return false;
      }
      throw undeclared(replacement, declared);
    }
    return Boolean.TRUE.equals(suppress);
  }
}
