package dev.scopegen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs only when the body succeeded, before {@link Exit @Exit}.
 *
 * <pre>{@code
 * @Commit void commit(Connection connection) throws SQLException { connection.commit(); }
 * }</pre>
 *
 * <p>Accepted parameters: {@code ()} or {@code (T)}, where {@code T} is the type {@link Enter @Enter}
 * produces (or a supertype of it); returns {@code void} or a {@code CompletionStage}. A failing
 * commit becomes the scope's failure: {@link Rollback @Rollback} and {@code @Exit} see it. It also
 * runs, instead of {@code @Rollback}, when the body fails with one of the exceptions listed in
 * {@link Rollback#noRollbackFor()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Commit {}
