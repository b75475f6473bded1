package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Blocking;

/**
 * An {@link AsyncScope} that says what its own {@code enter} and {@code exit} can fail with, so
 * that its blocking {@link #call} and {@link #run} declare {@code X, E} instead of {@code X,
 * Exception}: only the body's exception and the scope's own.
 *
 * <p>The {@link Scopes} toolbox returns typed scopes: {@code Scopes.lock(lock)} is a {@code
 * TypedScope<L, InterruptedException>}, {@code Scopes.just(value)} a {@code TypedScope<T,
 * RuntimeException>} (nothing checked), so that
 *
 * <pre>{@code
 * void increment() throws InterruptedException {
 *   Scopes.lock(lock).run(held -> counter.increment());
 * }
 * }</pre>
 *
 * compiles without {@code throws Exception}. {@link Scopes#with} carries the types of typed
 * scopes into its own {@code call} and {@code run}.
 *
 * <p>An implementation promises that {@link #enter} and {@link #exit} fail only with an {@code E},
 * an unchecked exception, or the failure they were given: nothing else checks it.
 *
 * @param <T> the type of the resource handed to the body
 * @param <E> the checked exception entering or exiting may fail with ({@link RuntimeException} when
 *     none)
 */
public interface TypedScope<T, E extends Exception> extends AsyncScope<T> {

  /**
   * Runs {@code body} inside this scope on the calling thread and returns its result, as {@link
   * AsyncScope#call} does.
   *
   * @param <R> the result type
   * @param <X> the checked exception the body may throw
   * @param body the body
   * @return the body's result, or {@code null} if the scope suppressed the body's failure
   * @throws X the body's failure
   * @throws E a failure of entering or exiting the scope
   */
  @Override
  default <R, X extends Throwable> R call(ScopeFunction<? super T, ? extends R, X> body)
      throws X, E {
    return Blocking.call(this, body);
  }

  /**
   * Runs {@code body} inside this scope on the calling thread, as {@link AsyncScope#run} does.
   *
   * @param <X> the checked exception the body may throw
   * @param body the body
   * @throws X the body's failure
   * @throws E a failure of entering or exiting the scope
   */
  @Override
  default <X extends Throwable> void run(ScopeConsumer<? super T, X> body) throws X, E {
    Blocking.run(this, body);
  }
}
