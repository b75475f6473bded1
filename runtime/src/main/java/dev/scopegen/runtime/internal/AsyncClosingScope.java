package dev.scopegen.runtime.internal;


import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Scopes;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@link Scopes#closingAsync}: Python's {@code contextlib.aclosing}.
 *
 * <p>Not part of the public API.
 *
 * @param <T> the resource type
 */
public final class AsyncClosingScope<T> implements AsyncScope<T>, NamedScope {

  private final T resource;
  private final Function<? super T, ? extends CompletionStage<?>> close;
  private final CompletionStage<T> entered;

  /**
   * Creates the scope.
   *
   * @param resource the resource handed to the body
   * @param close closes it without blocking
   */
  public AsyncClosingScope(T resource, Function<? super T, ? extends CompletionStage<?>> close) {
    this.resource = resource;
    this.close = close;
    this.entered = Stages.constant(resource);
  }

  @Override
  public CompletionStage<T> enter() {
    return entered;
  }

  @Override
  public CompletionStage<Boolean> exit(T ignored, Throwable failure) {
    CompletionStage<?> closing;
    try {
      closing = Objects.requireNonNull(close.apply(resource), "close returned null");
    } catch (Throwable closeFailure) {
      return CleanupOutcome.failed(failure, closeFailure);
    }
    return CleanupOutcome.after(closing, failure);
  }

  @Override
  public String scopeName() {
    return "Scopes.closingAsync";
  }

  @Override
  public String toString() {
    return "Scopes.closingAsync(" + resource + ")";
  }
}
