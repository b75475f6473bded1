package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Failures;
import java.util.concurrent.CompletionException;

/**
 * How a {@code @ScopedResource} method's ending decides the outcome of its scope, the rules of
 * Python's generator context managers, shared by {@link BlockingGenerator} and {@link
 * AsyncGenerator}; and the errors of a method that breaks the one-yield protocol.
 *
 * <p>The runtime's own errors are told apart from the user's exceptions by identity, never by type:
 * a body may well fail with an {@link IllegalStateException} of its own.
 */
final class GeneratorOutcome {

  private GeneratorOutcome() {}

  /**
   * Returns the failure that must propagate instead of the body's failure, or {@code null} when the
   * body's failure (if any) propagates or is suppressed.
   *
   * <ul>
   *   <li>The method yielded twice: that error, with the body's failure and the method's own
   *       failure added as suppressed (Python: "generator didn't stop").
   *   <li>The method returned normally, or rethrew the body's failure itself: {@code null}.
   *   <li>The method failed after the body succeeded: its failure.
   *   <li>The method failed with another exception after the body failed: that deliberate
   *       replacement, with the body's failure added as suppressed unless it is already its cause.
   * </ul>
   *
   * @param secondYield the error the method's second yield received, or {@code null}
   * @param bodyFailure the body's failure, or {@code null}
   * @param methodFailure the method's failure, unwrapped, or {@code null} if it returned normally
   * @return the failure that propagates instead, or {@code null}
   */
  static Throwable replacement(
      Throwable secondYield, Throwable bodyFailure, Throwable methodFailure) {
    if (secondYield != null) {
      Failures.addSuppressed(secondYield, bodyFailure);
      return Failures.addSuppressed(secondYield, methodFailure);
    }
    if (methodFailure == null || methodFailure == bodyFailure) {
      return null;
    }
    return bodyFailure == null ? methodFailure : Failures.addSuppressed(methodFailure, bodyFailure);
  }

  /**
   * The failure of an asynchronous method's stage without the {@link CompletionException} that
   * {@link java.util.concurrent.CompletableFuture} wraps around a failure of a dependent stage, but
   * never unwrapping the body's own failure: a body may fail with a {@code CompletionException}
   * itself (exactly what {@code join()} throws), and a method that passes it through must hand back
   * that same object. The stage machinery never wraps a {@code CompletionException} again, so the
   * body's failure arrives as it is, and identity tells it apart.
   *
   * @param stageFailure the failure the method's stage completed with, or {@code null}
   * @param bodyFailure the body's failure, or {@code null}
   * @return {@code stageFailure} without the machinery's wrappers, or {@code bodyFailure} itself
   */
  static Throwable unwrap(Throwable stageFailure, Throwable bodyFailure) {
    Throwable current = stageFailure;
    while (current != bodyFailure
        && current instanceof CompletionException
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Whether the body's failure is suppressed: the method caught it and returned normally. Only
   * meaningful when {@link #replacement} returned {@code null}.
   *
   * @param bodyFailure the body's failure, or {@code null}
   * @param methodFailure the method's failure, or {@code null} if it returned normally
   * @return {@code true} when there is a failure to suppress and the method returned normally
   */
  static boolean suppresses(Throwable bodyFailure, Throwable methodFailure) {
    return bodyFailure != null && methodFailure == null;
  }

  /**
   * The error of a method that returned without yielding (Python: "generator didn't yield").
   */
  static IllegalStateException didNotYield(String name) {
    return new IllegalStateException("@ScopedResource " + name + " did not yield");
  }

  /**
   * The error that a second yield receives (Python: "generator didn't stop").
   */
  static IllegalStateException yieldedTwice(String name) {
    return new IllegalStateException("@ScopedResource " + name + " yielded more than once");
  }

  /**
   * The error of a yield that comes after the method has completed without yielding.
   */
  static IllegalStateException yieldedLate(String name) {
    return new IllegalStateException("@ScopedResource " + name + " yielded after it had completed");
  }

  /**
   * The error of a second use of a single-use generator scope.
   */
  static IllegalStateException alreadyUsed(String name) {
    return new IllegalStateException(
        "A scope of @ScopedResource "
            + name
            + " is single-use and was already entered; call the factory again for a new one");
  }

  /**
   * The error of an {@code exit} that does not follow a successful {@code enter}, or comes twice.
   */
  static IllegalStateException notEntered(String name) {
    return new IllegalStateException(
        "exit() of @ScopedResource " + name + " must follow a successful enter(), once");
  }
}
