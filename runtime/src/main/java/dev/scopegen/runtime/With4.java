package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Four scopes in one statement, made by {@link Scopes#with}: Python's {@code async with
 * first as a, second as b, third as c, fourth as d:}.
 *
 * <p>Exactly the nesting of the scopes, written once: {@code call}, {@code run} and {@code use}
 * enter the scopes in order and exit them in reverse, each scope's own method wrapping the next, so
 * each exit sees what the statement inside it propagated:
 *
 * <pre>{@code
 * Scopes.with(first, second, third, fourth).run((a, b, c, d) -> body(a, b, c, d));
 * // is
 * first.run(a -> second.run(b -> third.run(c -> fourth.run(d -> body(a, b, c, d)))));
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
 * @param <D> the resource type of the fourth scope
 * @param <E1> what entering or exiting the first scope may throw
 * @param <E2> what entering or exiting the second scope may throw
 * @param <E3> what entering or exiting the third scope may throw
 * @param <E4> what entering or exiting the fourth scope may throw
 */
public final class With4<
    A, B, C, D,
    E1 extends Exception, E2 extends Exception, E3 extends Exception, E4 extends Exception> {

  // Each method copies the scopes its lambdas need into locals, so that the lambdas capture
  // them and not this object: escape analysis then removes both the lambdas and this object.
  private final AsyncScope<A> first;
  private final AsyncScope<B> second;
  private final AsyncScope<C> third;
  private final AsyncScope<D> fourth;

  With4(AsyncScope<A> first, AsyncScope<B> second, AsyncScope<C> third, AsyncScope<D> fourth) {
    this.first = Objects.requireNonNull(first, "first scope");
    this.second = Objects.requireNonNull(second, "second scope");
    this.third = Objects.requireNonNull(third, "third scope");
    this.fourth = Objects.requireNonNull(fourth, "fourth scope");
  }

  /**
   * Runs {@code body} inside the scopes without blocking: {@code async with}. Cancelling the
   * returned future cancels the statement inside it that is running, as with nested {@code use}.
   *
   * @param <R> the result type
   * @param body the asynchronous body
   * @return a future that completes after every scope has exited
   */
  public <R> CompletableFuture<R> use(Use<? super A, ? super B, ? super C, ? super D, R> body) {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    AsyncScope<C> third = this.third;
    AsyncScope<D> fourth = this.fourth;
    return first.use(
        a -> second.use(
            b -> third.use(
                c -> fourth.use(
                    d -> body.apply(a, b, c, d)))));
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
   * @throws E4 a failure of entering or exiting the fourth scope
   */
  public <R, X extends Throwable> R call(
      Call<? super A, ? super B, ? super C, ? super D, ? extends R, X> body)
      throws X, E1, E2, E3, E4 {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    AsyncScope<C> third = this.third;
    AsyncScope<D> fourth = this.fourth;
    try {
      return first.<R, Throwable>call(
          a -> second.<R, Throwable>call(
              b -> third.<R, Throwable>call(
                  c -> fourth.<R, Throwable>call(
                      d -> body.apply(a, b, c, d)))));
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
   * @throws E4 a failure of entering or exiting the fourth scope
   */
  public <X extends Throwable> void run(
      Run<? super A, ? super B, ? super C, ? super D, X> body) throws X, E1, E2, E3, E4 {
    Objects.requireNonNull(body, "body");
    AsyncScope<B> second = this.second;
    AsyncScope<C> third = this.third;
    AsyncScope<D> fourth = this.fourth;
    try {
      first.<Throwable>run(
          a -> second.<Throwable>run(
              b -> third.<Throwable>run(
                  c -> fourth.<Throwable>run(
                      d -> body.accept(a, b, c, d)))));
    } catch (Throwable failure) {
      throw Stages.sneakyThrow(failure); // one of the declared exceptions, or unchecked
    }
  }

  @Override
  public String toString() {
    return "Scopes.with(" + first + ", " + second + ", " + third + ", " + fourth + ")";
  }

  /**
   * The body of {@link With4#call}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <C> the resource type of the third scope
   * @param <D> the resource type of the fourth scope
   * @param <R> the result type
   * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
   */
  @FunctionalInterface
  public interface Call<A, B, C, D, R, X extends Throwable> {
    /**
     * Runs the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @param c the resource of the third scope
     * @param d the resource of the fourth scope
     * @return the body's result
     * @throws X the body's failure
     */
    R apply(A a, B b, C c, D d) throws X;
  }

  /**
   * The body of {@link With4#run}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <C> the resource type of the third scope
   * @param <D> the resource type of the fourth scope
   * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
   */
  @FunctionalInterface
  public interface Run<A, B, C, D, X extends Throwable> {
    /**
     * Runs the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @param c the resource of the third scope
     * @param d the resource of the fourth scope
     * @throws X the body's failure
     */
    void accept(A a, B b, C c, D d) throws X;
  }

  /**
   * The body of {@link With4#use}.
   *
   * @param <A> the resource type of the first scope
   * @param <B> the resource type of the second scope
   * @param <C> the resource type of the third scope
   * @param <D> the resource type of the fourth scope
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface Use<A, B, C, D, R> {
    /**
     * Starts the body with the entered resources.
     *
     * @param a the resource of the first scope
     * @param b the resource of the second scope
     * @param c the resource of the third scope
     * @param d the resource of the fourth scope
     * @return the body's stage
     */
    CompletionStage<R> apply(A a, B b, C c, D d);
  }
}
