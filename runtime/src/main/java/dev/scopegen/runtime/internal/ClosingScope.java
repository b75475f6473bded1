package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.TypedScope;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** {@link Scopes#closing}: Python's {@code contextlib.closing}. Not part of the public API. */
public final class ClosingScope<T, E extends Exception> implements TypedScope<T, E> {

  private final T resource;
  private final ScopeConsumer<? super T, ? extends E> close;
  private final CompletionStage<T> entered;

  /** Whether a checked failure of {@code close} is an {@code E}. */
  private final Predicate<Throwable> declared;

  public ClosingScope(
      T resource, ScopeConsumer<? super T, ? extends E> close, Predicate<Throwable> declared) {
    this.resource = resource;
    this.close = close;
    this.declared = declared;
    this.entered = Stages.constant(resource);
  }

  @Override
  public CompletionStage<T> enter() {
    return entered;
  }

  @Override
  public CompletionStage<Boolean> exit(T ignored, Throwable failure) {
    try {
      close.accept(resource);
    } catch (Throwable closeFailure) {
      return CleanupOutcome.failed(failure, closeFailure);
    }
    return Stages.of(false);
  }

  @Override
  public boolean declares(Throwable failure) {
    return declared.test(failure);
  }

  @Override
  public String toString() {
    return "Scopes.closing(" + resource + ")";
  }
}
