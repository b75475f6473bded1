package dev.scopegen.runtime;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The suppressed-exception bookkeeping of every scope, following try-with-resources (JLS 14.20.3).
 *
 * <p>A failure that happens while cleaning up after another failure never replaces it: it is added
 * to it with {@link Throwable#addSuppressed}, in the order the cleanup failures happened. This class
 * does that safely: it never makes an exception suppress itself, never attaches an exception that is
 * already reachable from the primary one through its causes and suppressed exceptions (so nothing is
 * attached twice), never creates a cycle, and leaves alone a primary exception created with
 * {@code enableSuppression = false}.
 */
public final class Failures {

  private Failures() {}

  /**
   * Adds {@code secondary} to the suppressed exceptions of {@code primary}, unless that would attach
   * it twice, make an exception suppress itself, or close a cycle.
   *
   * @param primary the failure that propagates
   * @param secondary a failure that happened while cleaning up after {@code primary}; may be
   *     {@code null}, which does nothing
   * @return {@code primary}, for use in a {@code throw} statement
   */
  public static Throwable addSuppressed(Throwable primary, Throwable secondary) {
    if (secondary == null || secondary == primary) {
      return primary;
    }
    if (reaches(primary, secondary) || reaches(secondary, primary)) {
      return primary;
    }
    primary.addSuppressed(secondary);
    return primary;
  }

  /**
   * Returns the failure a {@link java.util.concurrent.CompletionStage} completed with, without the
   * {@link CompletionException} that {@link java.util.concurrent.CompletableFuture} wraps around
   * failures of dependent stages.
   *
   * @param failure a failure observed on a stage, or {@code null}
   * @return the failure itself, or the cause of a {@code CompletionException}
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Whether {@code target} can be reached from {@code from} through causes and suppressed
   * exceptions, {@code from} included.
   */
  static boolean reaches(Throwable from, Throwable target) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> pending = new ArrayDeque<>();
    pending.push(from);
    while (!pending.isEmpty()) {
      Throwable current = pending.pop();
      if (current == target) {
        return true;
      }
      if (!seen.add(current)) {
        continue;
      }
      Throwable cause = current.getCause();
      if (cause != null) {
        pending.push(cause);
      }
      for (Throwable suppressed : current.getSuppressed()) {
        pending.push(suppressed);
      }
    }
    return false;
  }
}
