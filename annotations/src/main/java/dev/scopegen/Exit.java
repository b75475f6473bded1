package dev.scopegen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that releases a resource: the {@code finally} of the scope, Python's
 * {@code __aexit__}.
 *
 * <p>It runs exactly once after the body, whether the body succeeded or failed, and after
 * {@link Commit @Commit} or {@link Rollback @Rollback}. It may take the resource, the failure
 * ({@code null} on success), both, or neither:
 *
 * <pre>{@code
 * @Exit void close(Connection connection, Throwable failure) throws SQLException {
 *   connection.close();
 * }
 * }</pre>
 *
 * <p>Accepted parameters: {@code ()}, {@code (T)}, {@code (Throwable)} or {@code (T, Throwable)},
 * where {@code T} is the type {@link Enter @Enter} produces (or a supertype of it). Accepted return
 * types: {@code void}, {@code boolean}, {@code CompletionStage<Void>}, {@code CompletionStage<?>} or
 * {@code CompletionStage<Boolean>}. Returning {@code true} suppresses the failure: the scope then
 * completes normally with a {@code null} result, as when {@code __aexit__} returns a true value.
 *
 * <p>If this method throws while a failure is propagating, its exception is added to that failure
 * with {@link Throwable#addSuppressed}; it never replaces it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Exit {}
