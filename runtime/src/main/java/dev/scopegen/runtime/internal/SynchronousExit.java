package dev.scopegen.runtime.internal;

import java.util.concurrent.CompletionStage;

/**
 * The stage that {@code exit} of a generated {@link SynchronousScope} returns, from what its {@code
 * exitNow} returned: the same completed stage an {@link ExitSequence} over the same methods
 * completes with, which, while a JFR recording runs, also says whether the exit committed or rolled
 * back. An exit that only exited returns {@link Stages#of}: the scope needs no exit sequence of
 * its own. Not part of the public API.
 */
public final class SynchronousExit {

  private SynchronousExit() {}

  /**
   * An exit whose {@code @Commit} method ran and succeeded.
   *
   * @param suppress whether the exit suppressed the failure
   * @return a completed stage with {@code suppress}
   */
  public static CompletionStage<Boolean> committed(boolean suppress) {
    return ScopeEvents.enabled() ? ExitKind.of(suppress, ExitKind.COMMITTED) : Stages.of(suppress);
  }

  /**
   * An exit whose {@code @Rollback} method ran.
   *
   * @param suppress whether the exit suppressed the failure
   * @return a completed stage with {@code suppress}
   */
  public static CompletionStage<Boolean> rolledBack(boolean suppress) {
    return ScopeEvents.enabled()
        ? ExitKind.of(suppress, ExitKind.ROLLED_BACK)
        : Stages.of(suppress);
  }
}
