package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.TypedScope;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Lock;

/** {@link Scopes#lock}: Python's {@code async with lock}. Not part of the public API. */
public final class LockScope<L extends Lock> implements TypedScope<L, InterruptedException> {

  private final L lock;
  private final CompletionStage<L> locked;

  public LockScope(L lock) {
    this.lock = lock;
    this.locked = Stages.constant(lock);
  }

  /** Acquires the lock, waiting interruptibly; an interrupt fails the stage and takes nothing. */
  @Override
  public CompletionStage<L> enter() {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException interrupt) {
      return Stages.failed(interrupt);
    }
    return locked;
  }

  @Override
  public CompletionStage<Boolean> exit(L resource, Throwable failure) {
    try {
      lock.unlock();
    } catch (Throwable unlockFailure) {
      return CleanupOutcome.failed(failure, unlockFailure);
    }
    return Stages.of(false);
  }

  @Override
  public boolean declares(Throwable failure) {
    return failure instanceof InterruptedException;
  }

  @Override
  public String toString() {
    return "Scopes.lock(" + lock + ")";
  }
}
