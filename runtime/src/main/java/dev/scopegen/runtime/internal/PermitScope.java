package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.TypedScope;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/** {@link Scopes#permit}: Python's {@code async with semaphore}. Not part of the public API. */
public final class PermitScope implements TypedScope<Semaphore, InterruptedException> {

  private final Semaphore semaphore;
  private final CompletionStage<Semaphore> acquired;

  public PermitScope(Semaphore semaphore) {
    this.semaphore = semaphore;
    this.acquired = Stages.constant(semaphore);
  }

  /** Takes a permit, waiting interruptibly; an interrupt fails the stage and takes nothing. */
  @Override
  public CompletionStage<Semaphore> enter() {
    try {
      semaphore.acquire();
    } catch (InterruptedException interrupt) {
      return Stages.failed(interrupt);
    }
    return acquired;
  }

  @Override
  public CompletionStage<Boolean> exit(Semaphore resource, Throwable failure) {
    semaphore.release();
    return Stages.of(false);
  }

  @Override
  public boolean declares(Throwable failure) {
    return failure instanceof InterruptedException;
  }

  @Override
  public String toString() {
    return "Scopes.permit(" + semaphore + ")";
  }
}
