package dev.scopegen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that acquires a resource: the {@code __aenter__} of a resource class.
 *
 * <p>The ScopeGen processor writes a {@code <Name>Scope} class for every class with an {@code @Enter}
 * method. The value the method returns is the resource handed to the body of the scope; a
 * {@code void} method hands the object itself, like Python's {@code return self}.
 *
 * <pre>{@code
 * final class Database {
 *   @Enter Connection connect() throws SQLException { return dataSource.getConnection(); }
 *   @Exit void close(Connection connection) throws SQLException { connection.close(); }
 * }
 *
 * DatabaseScope.of(database).run(connection -> insertRows(connection));
 * }</pre>
 *
 * <p>Rules, each checked at compile time: a class has exactly one {@code @Enter} method and at least
 * one {@link Exit @Exit}, {@link Commit @Commit} or {@link Rollback @Rollback} method; the method is
 * an instance method that is not private, takes no parameters and returns {@code T},
 * {@code CompletionStage<T>}, {@code void} or {@code CompletionStage<Void>}. It may declare checked
 * exceptions; the generated blocking {@code call} and {@code run} declare them too.
 *
 * <p>If the method fails, nothing else runs and its failure propagates unchanged.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Enter {}
