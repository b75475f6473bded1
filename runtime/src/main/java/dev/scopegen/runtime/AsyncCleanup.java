package dev.scopegen.runtime;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous cleanup: Python's {@code await cleanup()}. Registered with {@link
 * ExitStack#callbackAsync} ({@code AsyncExitStack.push_async_callback}), or chained after a
 * generator's yield with {@link YieldStage#andFinally(AsyncCleanup)} and {@link
 * YieldStage#onFailure(AsyncCleanup)}. It does not see the failure in flight and cannot suppress
 * it, whatever value its stage completes with.
 */
@FunctionalInterface
public interface AsyncCleanup {

  /**
   * Starts the cleanup; what comes next (the next registration of a stack, the rest of a
   * generator's chain) runs once the returned stage completed.
   *
   * @return a stage that completes when the cleanup is done, or exceptionally with a cleanup
   *     failure
   * @throws Exception a cleanup failure, treated like a stage that failed with it
   */
  CompletionStage<?> run() throws Exception;
}
