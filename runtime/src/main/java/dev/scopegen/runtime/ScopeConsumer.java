package dev.scopegen.runtime;

/**
 * The body of a blocking scope that returns nothing: {@code with scope as resource: ...}.
 *
 * <p>Unlike {@link java.util.function.Consumer}, it may throw a checked exception of type {@code X},
 * which {@link AsyncScope#run} rethrows unchanged.
 *
 * @param <T> the resource type
 * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface ScopeConsumer<T, X extends Throwable> {

  /**
   * Runs the body with the entered resource.
   *
   * @param resource the resource the scope entered
   * @throws X the body's failure, which propagates after the scope has exited
   */
  void accept(T resource) throws X;
}
