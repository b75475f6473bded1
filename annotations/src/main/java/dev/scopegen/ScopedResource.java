package dev.scopegen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generator-like resource method: the Java form of Python's {@code @asynccontextmanager}.
 *
 * <p>The method's last parameter is a {@code dev.scopegen.runtime.Yield<T>} (a blocking method
 * returning {@code void}) or an {@code dev.scopegen.runtime.AsyncYield<T>} (a method returning
 * {@code CompletionStage<Void>}). Everything before the yield is the setup, the body of the scope runs
 * inside the yield, and everything after it is the cleanup:
 *
 * <pre>{@code
 * final class Transactions {
 *   @ScopedResource
 *   static void transaction(Connection c, Yield<Connection> y) throws SQLException {
 *     c.setAutoCommit(false);
 *     try { y.yield(c); c.commit(); }
 *     catch (Throwable t) { c.rollback(); throw t; }
 *     finally { c.setAutoCommit(true); }
 *   }
 * }
 *
 * TransactionsScopes.transaction(connection).run(c -> insertRows(c));
 * }</pre>
 *
 * <p>The processor writes one {@code <Enclosing>Scopes} class per enclosing type, with a static
 * factory of the same name for each method; instance methods take the receiver as the factory's
 * first parameter. The method must yield exactly once: a scope that did not yield fails with
 * {@link IllegalStateException}, as does one that yields twice. A method that catches the body's
 * failure and returns normally suppresses it; one that throws another exception replaces it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ScopedResource {}
