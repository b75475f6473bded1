package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.util.concurrent.CompletionStage;

/** {@link Scopes#closing}: Python's {@code contextlib.closing}. */
final class ClosingScope<C extends AutoCloseable> implements AsyncScope<C> {

  private final C resource;
  private final CompletionStage<C> entered;

  ClosingScope(C resource) {
    this.resource = resource;
    this.entered = Stages.constant(resource);
  }

  @Override
  public CompletionStage<C> enter() {
    return entered;
  }

  @Override
  public CompletionStage<Boolean> exit(C ignored, Throwable failure) {
    try {
      resource.close();
    } catch (Throwable closeFailure) {
      return CleanupOutcome.failed(failure, closeFailure);
    }
    return Stages.of(false);
  }

  @Override
  public String toString() {
    return "Scopes.closing(" + resource + ")";
  }
}
