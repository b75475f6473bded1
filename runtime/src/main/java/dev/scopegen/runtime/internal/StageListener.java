package dev.scopegen.runtime.internal;

import java.util.function.BiFunction;

/**
 * What waits for a {@link BodyStage}: the stage chained after it, or the generator whose method
 * returned it. A stage keeps its first listener in a field of its own and calls it on completion,
 * with no {@code Completion} object and no new future; a second listener falls back to {@code
 * handle}, which this interface also serves (never {@code whenComplete}, which would wrap a failure
 * in a new {@code CompletionException}).
 */
interface StageListener extends BiFunction<Object, Throwable, Void> {

  /**
   * The stage completed.
   *
   * @param failure its failure, the same object it was completed with; {@code null} if it completed
   *     normally
   */
  void stageDone(Throwable failure);

  /** For {@code handle}: the stage completed with {@code failure}, or normally. */
  @Override
  default Void apply(Object ignored, Throwable failure) {
    stageDone(failure);
    return null;
  }
}
