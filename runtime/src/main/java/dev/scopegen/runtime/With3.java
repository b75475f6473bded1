package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Three scopes in one statement, made by {@link Scopes#with}: Python's {@code async with
 * first as a, second as b, third as c:}.
 *
 * <p>Exactly the nesting of the scopes, written once: {@code call}, {@code run} and {@code use}
 * enter the scopes in order and exit them in reverse, each scope's own method wrapping the next, so
 * each exit sees what the statement inside it propagated:
 *
 * <pre>{@code
 * Scopes.with(first, second, third).run((a, b, c) -> body(a, b, c));
 * // is
 * first.run(a -> second.run(b -> third.run(c -> body(a, b, c))));
 * }</pre>
 *
 * <p>{@code call} and {@code run} declare the body's exception {@code X} and the {@code E} of
 * each scope: {@code Exception} for a plain {@link AsyncScope}, and for a {@link TypedScope} its
 * own (such as {@code InterruptedException} for {@link Scopes#lock}, nothing checked for
 * {@link Scopes#just}).
 *
 * @param <A> the resource type of the first scope
 * @param <B> the resource type of the second scope
 * @param <C> the resource type of the third scope
 * @param <E1> what entering or exiting the first scope may throw
 * @param <E2> what entering or exiting the second scope may throw
 * @param <E3> what entering or exiting the third scope may throw
 */
public final class With3<
    A, B, C,
    E1 extends Exception, E2 extends Exception, E3 extends Exception> {

  // Each method copies the scopes its lambdas need into locals, so that the lambdas capture
  // them and not this object: escape analysis then removes both the lambdas and this object.
  private final AsyncScope<A> first;
  private final AsyncScope<B> second;
  private final AsyncScope<C> third;

  With3(AsyncScope<A> first, AsyncScope<B> second, AsyncScope<C> third) {
    this.first = Objects.requireNonNull(first, "first scope");
    this.second = Objects.requireNonNull(second, "second scope");
    this.third = Objects.requireNonNull(third, "third scope");
  }

  /**
   * Runs {@code body} inside the scopes without blocking: {@code async with}. Cancelling the
   * returned future cancels the statement inside it that is running, as with nested {@code use}.
   *
   * @param <R> the result type
   * @param body the asynchronous body
   * @return a future that completes after every scope has exited
   */
  public <R> CompletableFuture<R> use(Use<? super A, ? super B, ? super C, R> body) {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    AsyncScope<C> third = this.third;
    return first.use(
        a -> second.use(
            b -> third.use(
                c -> body.apply(a, b, c))));
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
   * @throws E3 a failure of entering or exiting the third scope
   */
  public <R, X extends Throwable> R call(
      Call<? super A, ? super B, ? super C, ? extends R, X> body) throws X, E1, E2, E3 {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    AsyncScope<C> third = this.third;
    try {
      return first.<R, Throwable>call(
          a -> second.<R, Throwable>call(
              b -> third.<R, Throwable>call(
                  c -> body.apply(a, b, c))));
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
   * @throws E3 a failure of entering or exiting the third scope
   */
  public <X extends Throwable> void run(
      Run<? super A, ? super B, ? super C, X> body) throws X, E1, E2, E3 {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    AsyncScope<C> third = this.third;
    try {
      first.<Throwable>run(
          a -> second.<Throwable>run(
              b -> third.<Throwable>run(
                  c -> body.accept(a, b, c))));
    } catch (Throwable failure) {
      throw Stages.sneakyThrow(failure); // one of the declared exceptions, or unchecked
    }
  }

  @Override
  public String toString() {
    return "Scopes.with(" + first + ", " + second + ", " + third + ")";
  }

  /**
   * The body of {@link With3#call}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <C> the resource type of the third scope
   * @param <R> the result type
   * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
   */
  @FunctionalInterface
  public interface Call<A, B, C, R, X extends Throwable> {
    /**
     * Runs the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @param c the resource of the third scope
     * @return the body's result
     * @throws X the body's failure
     */
    R apply(A a, B b, C c) throws X;
  }

  /**
   * The body of {@link With3#run}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <C> the resource type of the third scope
   * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
   */
  @FunctionalInterface
  public interface Run<A, B, C, X extends Throwable> {
    /**
     * Runs the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @param c the resource of the third scope
     * @throws X the body's failure
     */
    void accept(A a, B b, C c) throws X;
  }

  /**
   * The body of {@link With3#use}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <C> the resource type of the third scope
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface Use<A, B, C, R> {
    /**
     * Starts the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @param c the resource of the third scope
     * @return the body's stage
     */
    CompletionStage<R> apply(A a, B b, C c);
  }
}
