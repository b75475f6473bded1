package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Two scopes in one statement, made by {@link Scopes#with}: Python's {@code async with
 * first as a, second as b:}.
 *
 * <p>Exactly the nesting of the scopes, written once: {@code call}, {@code run} and {@code use}
 * enter the scopes in order and exit them in reverse, each scope's own method wrapping the next, so
 * each exit sees what the statement inside it propagated:
 *
 * <pre>{@code
 * Scopes.with(first, second).run((a, b) -> body(a, b));
 * // is
 * first.run(a -> second.run(b -> body(a, b)));
 * }</pre>
 *
 * <p>{@code call} and {@code run} declare the body's exception {@code X} and the {@code E} of
 * each scope: {@code Exception} for a plain {@link AsyncScope}, and for a {@link TypedScope} its
 * own (such as {@code InterruptedException} for {@link Scopes#lock}, nothing checked for
 * {@link Scopes#just}).
 *
 * @param <A> the resource type of the first scope
 * @param <B> the resource type of the second scope
 * @param <E1> what entering or exiting the first scope may throw
 * @param <E2> what entering or exiting the second scope may throw
 */
public final class With2<A, B, E1 extends Exception, E2 extends Exception> {

  // Each method copies the scopes its lambdas need into locals, so that the lambdas capture
  // them and not this object: escape analysis then removes both the lambdas and this object.
  private final AsyncScope<A> first;
  private final AsyncScope<B> second;

  With2(AsyncScope<A> first, AsyncScope<B> second) {
    this.first = Objects.requireNonNull(first, "first scope");
    this.second = Objects.requireNonNull(second, "second scope");
  }

  /**
   * Runs {@code body} inside the scopes without blocking: {@code async with}. Cancelling the
   * returned future cancels the statement inside it that is running, as with nested {@code use}.
   *
   * @param <R> the result type
   * @param body the asynchronous body
   * @return a future that completes after every scope has exited
   */
  public <R> CompletableFuture<R> use(Use<? super A, ? super B, R> body) {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    return first.use(
        a -> second.use(
            b -> body.apply(a, b)));
  }

  /**
   * Runs {@code body} inside the scopes on the calling thread and returns its result: {@code with}.
   *
   * @param <R> the result type
   * @param <X> the checked exception the body may throw
   * @param body the body
   * @return the body's result, or {@code null} if a scope suppressed the body's failure
   * @throws X the body's failure
   * @throws E1 a failure of entering or exiting the first scope
   * @throws E2 a failure of entering or exiting the second scope
   */
  public <R, X extends Throwable> R call(
      Call<? super A, ? super B, ? extends R, X> body) throws X, E1, E2 {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    try {
      return first.<R, Throwable>call(
          a -> second.<R, Throwable>call(
              b -> body.apply(a, b)));
    } catch (Throwable failure) {
      throw Stages.sneakyThrow(failure); // one of the declared exceptions, or unchecked
    }
  }

  /**
   * Runs {@code body} inside the scopes on the calling thread: {@code with}.
   *
   * @param <X> the checked exception the body may throw
   * @param body the body
   * @throws X the body's failure
   * @throws E1 a failure of entering or exiting the first scope
   * @throws E2 a failure of entering or exiting the second scope
   */
  public <X extends Throwable> void run(
      Run<? super A, ? super B, X> body) throws X, E1, E2 {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    try {
      first.<Throwable>run(
          a -> second.<Throwable>run(
              b -> body.accept(a, b)));
    } catch (Throwable failure) {
      throw Stages.sneakyThrow(failure); // one of the declared exceptions, or unchecked
    }
  }

  @Override
  public String toString() {
    return "Scopes.with(" + first + ", " + second + ")";
  }

  /**
   * The body of {@link With2#call}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <R> the result type
   * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
   */
  @FunctionalInterface
  public interface Call<A, B, R, X extends Throwable> {
    /**
     * Runs the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @return the body's result
     * @throws X the body's failure
     */
    R apply(A a, B b) throws X;
  }

  /**
   * The body of {@link With2#run}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
   */
  @FunctionalInterface
  public interface Run<A, B, X extends Throwable> {
    /**
     * Runs the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @throws X the body's failure
     */
    void accept(A a, B b) throws X;
  }

  /**
   * The body of {@link With2#use}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface Use<A, B, R> {
    /**
     * Starts the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @return the body's stage
     */
    CompletionStage<R> apply(A a, B b);
  }
}
