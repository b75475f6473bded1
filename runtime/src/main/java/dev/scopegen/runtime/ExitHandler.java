package dev.scopegen.runtime;

/**
 * A synchronous exit handler for {@link ExitStack#push}: the {@code __exit__} method that Python's
 * {@code ExitStack.push} takes.
 *
 * <p>It sees the failure in flight when the stack unwinds, and may suppress it by returning
 * {@code true}.
 */
@FunctionalInterface
public interface ExitHandler {

  /**
   * Runs while the stack unwinds.
   *
   * @param failure the failure in flight, or {@code null} if there is none (or an earlier handler
   *     suppressed it)
   * @return {@code true} to suppress {@code failure}
   * @throws Exception a cleanup failure; it is added to the failure in flight as suppressed, or
   *     becomes the failure if there is none
   */
  boolean onExit(Throwable failure) throws Exception;
}
