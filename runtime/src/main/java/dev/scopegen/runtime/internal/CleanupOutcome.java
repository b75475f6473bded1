package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Failures;
import java.util.concurrent.CompletionStage;

/**
 * The {@link AsyncScope#exit} outcome of a scope whose exit is one cleanup action.
 *
 * <p>Not part of the public API.
 */
public final class CleanupOutcome {

  private CleanupOutcome() {}

  /**
   * The outcome after the cleanup failed with {@code cleanupFailure} (JLS 14.20.3): added to the
   * failure in flight as suppressed, or, with none, the failure that propagates.
   *
   * @param failure the failure in flight, or {@code null}
   * @param cleanupFailure what the cleanup threw
   * @return the outcome of {@code exit}
   */
  public static CompletionStage<Boolean> failed(Throwable failure, Throwable cleanupFailure) {
    if (failure == null) {
      return Stages.failed(cleanupFailure);
    }
    Failures.addSuppressed(failure, cleanupFailure);
    return Stages.of(false);
  }

  /** The outcome once the asynchronous cleanup {@code stage} completes. */
  static CompletionStage<Boolean> after(CompletionStage<?> stage, Throwable failure) {
    if (Stages.isDoneNormally(stage)) {
      return Stages.of(false);
    }
    if (failure == null) {
      return Stages.after(stage, false);
    }
    return stage.handle(
        (ignored, cleanupFailure) -> {
          Failures.addSuppressed(failure, Failures.unwrap(cleanupFailure));
          return false;
        });
  }
}
