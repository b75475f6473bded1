package dev.scopegen.runtime;

/**
 * A synchronous cleanup callback for {@link ExitStack#callback}: Python's {@code
 * ExitStack.callback}; also chained after a generator's yield with {@link
 * YieldStage#andFinally(Cleanup)} and {@link YieldStage#onFailure(Cleanup)}. It does not see the
 * failure in flight and cannot suppress it.
 */
@FunctionalInterface
public interface Cleanup {

  /**
   * Runs while the stack unwinds.
   *
   * @throws Exception a cleanup failure; it is added to the failure in flight as suppressed, or
   *     becomes the failure if there is none
   */
  void run() throws Exception;
}
