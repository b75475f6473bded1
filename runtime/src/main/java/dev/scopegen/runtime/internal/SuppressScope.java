package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.TypedScope;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@link Scopes#suppress}: Python's {@code contextlib.suppress}. Not part of the public API. */
public final class SuppressScope implements TypedScope<Void, RuntimeException>, NamedScope {

  private final List<Class<? extends Throwable>> types;

  /**
   * Creates the scope.
   *
   * @param types the failure types it suppresses
   */
  public SuppressScope(List<Class<? extends Throwable>> types) {
    this.types = types;
  }

  @Override
  public CompletionStage<Void> enter() {
    return Stages.done();
  }

  /** Suppresses {@code failure} when it is an instance of one of the types, subclasses included. */
  @Override
  public CompletionStage<Boolean> exit(Void resource, Throwable failure) {
    if (failure != null) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(failure)) {
          return Stages.of(true);
        }
      }
    }
    return Stages.of(false);
  }

  @Override
  public boolean declares(Throwable failure) {
    return false;
  }

  @Override
  public String scopeName() {
    return "Scopes.suppress";
  }

  @Override
  public String toString() {
    return "Scopes.suppress(" + types + ")";
  }
}
