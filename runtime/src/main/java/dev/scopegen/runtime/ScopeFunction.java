package dev.scopegen.runtime;

/**
 * The body of a blocking scope that returns a result: {@code with scope as resource: return ...}.
 *
 * <p>Unlike {@link java.util.function.Function}, it may throw a checked exception of type {@code X},
 * which {@link AsyncScope#call} rethrows unchanged.
 *
 * @param <T> the resource type
 * @param <R> the result type
 * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface ScopeFunction<T, R, X extends Throwable> {

  /**
   * Runs the body with the entered resource.
   *
   * @param resource the resource the scope entered
   * @return the body's result
   * @throws X the body's failure, which propagates after the scope has exited
   */
  R apply(T resource) throws X;
}
