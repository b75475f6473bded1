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
 * thread. Used by {@link AsyncScope#call} and by generated scopes whose methods are asynchronous
 * (generated scopes with synchronous methods inline the same logic instead). Not part of the public
 * API.
 *
 * <p>Checked exceptions are never thrown undeclared. The caller says which failures of the scope's
 * own steps (entering, exiting, or the exit's replacement of the body's failure) its {@code throws}
 * clause declares: those propagate as they are, like unchecked ones. A checked failure that it does
 * not declare propagates wrapped in a {@link CompletionException}, as {@link
 * CompletableFuture#join()} would throw it; an {@link InterruptedException} wrapped so keeps the
 * thread's interrupt status set. The body's own failures propagate unchanged, never wrapped.
 */
public final class Blocking {

  private Blocking() {}

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
  static CompletionException undeclared(Throwable failure, Predicate<? super Throwable> declared) {
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
    CompletionStage<T> entering = scope.enter();
    if (Stages.isDoneNormally(entering)) {
      BodyLink.runsOn(entering, Thread.currentThread());
      return Stages.valueOf(entering);
    }
    CompletableFuture<T> future = entering.toCompletableFuture();
    try {
      T resource = future.get();
      BodyLink.runsOn(entering, Thread.currentThread());
      return resource;
    } catch (ExecutionException e) {
      throw undeclared(Failures.unwrap(e.getCause()), declared);
    } catch (CancellationException e) {
      throw undeclared(Stages.failureOf(future), declared);
    } catch (InterruptedException interrupt) {
      future.thenAccept(late -> releaseLate(scope, late, interrupt));
      throw undeclared(interrupt, declared);
    }
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
