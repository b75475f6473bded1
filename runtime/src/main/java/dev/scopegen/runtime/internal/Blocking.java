package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The blocking {@code with} statement for any {@link AsyncScope}: enter, body, exit on the calling
 * thread. Used by {@link AsyncScope#call} and by generated scopes whose methods are asynchronous
 * (generated scopes with synchronous methods inline the same logic instead). Not part of the public
 * API.
 */
public final class Blocking {

  private Blocking() {}

  /**
   * Enters {@code scope}, applies {@code body}, exits, and returns the body's result.
   *
   * <p>Failures of {@code enter} and {@code exit} are thrown as they are, checked or not: callers
   * declare the checked exceptions their scope can produce.
   *
   * @param <T> the resource type
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param scope the scope
   * @param body the body
   * @return the body's result, or {@code null} when the scope suppressed the body's failure
   * @throws X the body's failure, unchanged
   */
  public static <T, R, X extends Throwable> R call(
      AsyncScope<T> scope, ScopeFunction<? super T, ? extends R, X> body) throws X {
    T resource = enter(scope);
    R result;
    try {
      result = body.apply(resource);
    } catch (Throwable failure) {
      if (exitAfter(scope, resource, failure)) {
        return null;
      }
      throw failure;
    }
    Stages.await(scope.exit(resource, null));
    return result;
  }

  /**
   * Enters {@code scope}, runs {@code body}, exits.
   *
   * @param <T> the resource type
   * @param <X> the body's checked exception
   * @param scope the scope
   * @param body the body
   * @throws X the body's failure, unchanged
   */
  public static <T, X extends Throwable> void run(
      AsyncScope<T> scope, ScopeConsumer<? super T, X> body) throws X {
    T resource = enter(scope);
    try {
      body.accept(resource);
    } catch (Throwable failure) {
      if (exitAfter(scope, resource, failure)) {
        return;
      }
      throw failure;
    }
    Stages.await(scope.exit(resource, null));
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
      throw Stages.sneakyThrow(Failures.unwrap(e.getCause()));
    } catch (InterruptedException interrupt) {
      future.thenAccept(late -> releaseLate(scope, late, interrupt));
      throw Stages.sneakyThrow(interrupt);
    }
  }

  private static <T> void releaseLate(AsyncScope<T> scope, T resource, Throwable reason) {
    try {
      scope.exit(resource, reason)
          .whenComplete((ignored, failure) -> Failures.addSuppressed(reason, Failures.unwrap(failure)));
    } catch (Throwable failure) {
      Failures.addSuppressed(reason, failure);
    }
  }

  /**
   * Exits after the body failed with {@code failure}. Returns whether the scope suppressed it;
   * throws what exit failed with as it is: the exit already decided what that failure carries (see
   * {@link AsyncScope#exit}), and {@code failure} may be one it suppressed.
   */
  private static <T> boolean exitAfter(AsyncScope<T> scope, T resource, Throwable failure) {
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
      throw Stages.sneakyThrow(replacement);
    }
    return Boolean.TRUE.equals(suppress);
  }
}
