/**
 * Generator-like resources: {@code @ScopedResource} methods, the Java form of Python's
 * {@code @contextmanager} and {@code @asynccontextmanager}.
 *
 * <ul>
 *   <li>{@link dev.scopegen.examples.generators.TransactionExample}: a JDBC transaction as a
 *       blocking generator.
 *   <li>{@link dev.scopegen.examples.generators.AsyncFileExample}: an asynchronous file writer that
 *       always closes its channel.
 *   <li>{@link dev.scopegen.examples.generators.SessionExample}: a cleanup in three asynchronous
 *       steps, every step attempted, no failure hidden.
 *   <li>{@link dev.scopegen.examples.generators.PoolExample}: a bounded pool whose leases keep
 *       statistics.
 * </ul>
 */
package dev.scopegen.examples.generators;
