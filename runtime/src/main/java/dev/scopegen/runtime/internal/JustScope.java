package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.TypedScope;
import java.util.concurrent.CompletionStage;

/** {@link Scopes#just}: Python's {@code contextlib.nullcontext}. Not part of the public API. */
public final class JustScope<T> implements TypedScope<T, RuntimeException> {

  private final T value;
  private final CompletionStage<T> entered;

  public JustScope(T value) {
    this.value = value;
    this.entered = Stages.constant(value);
  }

  @Override
  public CompletionStage<T> enter() {
    return entered;
  }

  @Override
  public CompletionStage<Boolean> exit(T resource, Throwable failure) {
    return Stages.of(false);
  }

  @Override
  public boolean declares(Throwable failure) {
    return false;
  }

  @Override
  public String toString() {
    return "Scopes.just(" + value + ")";
  }
}
