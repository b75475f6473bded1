package dev.scopegen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs only when the body (or {@link Commit @Commit}) failed, before
 * {@link Exit @Exit}.
 *
 * <pre>{@code
 * @Rollback(noRollbackFor = EmptyResultException.class)
 * void rollback(Connection connection, Throwable failure) throws SQLException {
 *   connection.rollback();
 * }
 * }</pre>
 *
 * <p>Accepted parameters: {@code ()}, {@code (T)}, {@code (Throwable)} or {@code (T, Throwable)};
 * returns {@code void} or a {@code CompletionStage}. If it throws, its exception is added to the
 * failure with {@link Throwable#addSuppressed}; the original failure still propagates.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Rollback {

  /**
   * Failures that commit instead of rolling back, as in Spring's rule: when the body fails with an
   * instance of one of these types (or a subtype), {@link Commit @Commit} runs instead of this
   * method. The failure still propagates. Empty by default: every {@link Throwable} rolls back.
   *
   * @return the failure types that do not cause a rollback
   */
  Class<? extends Throwable>[] noRollbackFor() default {};
}
