package dev.scopegen.runtime;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous cleanup callback for {@link ExitStack#callbackAsync}: Python's
 * {@code AsyncExitStack.push_async_callback}. It does not see the failure in flight and cannot
 * suppress it, whatever value its stage completes with.
 */
@FunctionalInterface
public interface AsyncCleanup {

  /**
   * Runs while the stack unwinds; the next registration runs once the returned stage completed.
   *
   * @return a stage that completes when the cleanup is done, or exceptionally with a cleanup failure
   *     (treated like one thrown by a {@link Cleanup})
   */
  CompletionStage<?> run();
}
