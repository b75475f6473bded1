package dev.scopegen.runtime;

/**
 * The yield of a blocking {@code @ScopedResource} method: the point where the scope's body runs, as
 * Python's {@code yield} does inside a {@code @contextmanager} generator.
 *
 * <p>The method receives a {@code Yield} as its last parameter and calls {@link #yield} exactly
 * once, with the resource. Everything before the call is the setup; the body of the scope runs
 * inside the call; everything after it is the cleanup:
 *
 * <pre>{@code
 * @ScopedResource
 * static void transaction(Connection c, Yield<Connection> y) throws SQLException {
 *   c.setAutoCommit(false);
 *   try {
 *     y.yield(c);        // the body runs here
 *     c.commit();
 *   } catch (Throwable t) {
 *     c.rollback();
 *     throw t;           // the same instance: the body's failure propagates unchanged
 *   } finally {
 *     c.setAutoCommit(true);
 *   }
 * }
 * }</pre>
 *
 * <p>A {@code Yield} belongs to one invocation of the method: calling it a second time, or after
 * the method returned, fails with {@link IllegalStateException}.
 *
 * <p>A timeout or an interrupt that reaches the method while it waits at its yield reaches the body,
 * however the scope is entered: {@code Scopes.timeout(d).run(y::yield)} interrupts the thread that
 * runs the body of {@code call}/{@code run} or of an {@link ExitStack}, and cancels the stage the
 * body of {@code use} returned; the method then sees the body's failure at its yield, and the scope
 * fails with {@link java.util.concurrent.TimeoutException}.
 *
 * @param <T> the type of the resource handed to the body
 */
@FunctionalInterface
public interface Yield<T> {

  /**
   * Runs the scope's body with {@code resource} and returns when it has succeeded.
   *
   * <p>When the body fails, this method throws the body's failure, the same object, checked or not
   * (the compiler does not see checked exceptions here; the generated scope declares the method's
   * own). The method then decides, as in Python:
   *
   * <ul>
   *   <li>rethrow that same instance (or let it propagate): the body's failure propagates
   *       unchanged;
   *   <li>catch it and return normally: the failure is suppressed, and the scope completes normally
   *       with a {@code null} result;
   *   <li>throw another exception: it replaces the body's failure, which stays reachable as its
   *       cause or as a suppressed exception.
   * </ul>
   *
   * @param resource the resource handed to the body
   * @throws IllegalStateException if this yield was already called (the method yielded more than
   *     once) or the method has returned
   */
  void yield(T resource);
}
