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
 * <p>Entering and exiting may still fail with some other checked exception (an asynchronous stage
 * can fail with anything): {@link #declares} tells an {@code E} from it, and {@code call}/{@code
 * run} throw such an undeclared failure wrapped in a {@link java.util.concurrent.CompletionException},
 * as {@code join()} would, never as an exception they do not declare.
 *
 * @param <T> the type of the resource handed to the body
 * @param <E> the checked exception entering or exiting may fail with ({@link RuntimeException} when
 *     none)
 */
public interface TypedScope<T, E extends Exception> extends AsyncScope<T> {

  /**
   * Whether {@code failure}, a checked exception that entering or exiting failed with, is an {@code
   * E}, which {@code call}/{@code run} throw as it is. (Java erases {@code E}, so the scope says.)
   *
   * @param failure a checked exception of entering or exiting
   * @return {@code true} if it is an {@code E}
   */
  boolean declares(Throwable failure);

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
    return Blocking.call(this, body, this::declares);
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
    Blocking.run(this, body, this::declares);
  }
}
