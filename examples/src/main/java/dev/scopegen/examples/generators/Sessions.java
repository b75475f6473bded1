package dev.scopegen.examples.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import java.util.concurrent.CompletionStage;

/**
 * A cleanup in three asynchronous steps, written as a generator. Python needs nested {@code
 * try}/{@code finally} for every step to be attempted whatever failed before it:
 *
 * <pre>{@code
 * @asynccontextmanager
 * async def session(remote, user):
 *     s = await remote.open(user)
 *     try:
 *         yield s
 *     finally:
 *         try:
 *             await s.flush()
 *         finally:
 *             try:
 *                 await s.close()
 *             finally:
 *                 await remote.release(s)
 * }</pre>
 *
 * <p>Here each {@code andFinally} is one of those {@code finally} blocks. Unlike Python's, a step
 * that fails does not replace the failure in flight: the body's failure (or, after a successful
 * body, the first step's failure) propagates, and the later failures are suppressed onto it, in
 * order. The processor turns it into {@code SessionsScopes.session(remote, user)}.
 */
public final class Sessions {

  private Sessions() {}

  /**
   * Opens a session for {@code user}, hands it to the body, then flushes it, closes it and releases
   * its slot, each step after the one before, every step attempted.
   *
   * @param remote the service
   * @param user the user
   * @param y where the body runs
   * @return a stage that completes when the three steps are done, with the body's outcome
   */
  @ScopedResource
  public static CompletionStage<Void> session(
      Remote remote, String user, AsyncYield<Remote.Session> y) {
    return remote
        .open(user)
        .thenCompose(
            session ->
                y.yield(session)
                    .andFinally(session::flush)
                    .andFinally(session::close)
                    .andFinally(() -> remote.release(session)));
  }
}
