package dev.scopegen.runtime;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous exit handler for {@link ExitStack#pushAsync}: the {@code __aexit__} method that
 * Python's {@code AsyncExitStack.push_async_exit} takes.
 *
 * <p>It sees the failure in flight when the stack unwinds, and may suppress it by completing its
 * stage with {@code true}.
 */
@FunctionalInterface
public interface AsyncExitHandler {

  /**
   * Runs while the stack unwinds; the next registration runs once the returned stage completed.
   *
   * @param failure the failure in flight, or {@code null} if there is none (or an earlier handler
   *     suppressed it)
   * @return a stage that completes with {@code true} to suppress {@code failure}, or exceptionally
   *     with a cleanup failure (treated like one thrown by an {@link ExitHandler})
   */
  CompletionStage<Boolean> onExit(Throwable failure);
}
