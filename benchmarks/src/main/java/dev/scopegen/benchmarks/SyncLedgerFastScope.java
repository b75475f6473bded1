package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.ExitSequence;
import dev.scopegen.runtime.internal.Stages;
import dev.scopegen.runtime.internal.SynchronousScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link SyncLedgerScope} written by hand, with the {@code enterNow} and {@code exitNow} of {@link
 * SynchronousScope}, which the generated scope of a class whose lifecycle methods are all
 * synchronous has too. Kept beside it so that one run shows the generated fast path costs what
 * hand-written code does.
 */
public final class SyncLedgerFastScope implements SynchronousScope<SyncLedger> {
  private final SyncLedger target;

  SyncLedgerFastScope(SyncLedger target) {
    this.target = target;
  }

  @Override
  public CompletionStage<SyncLedger> enter() {
    try {
      target.acquire();
      return CompletableFuture.completedFuture(target);
    } catch (Throwable failure) {
      return Stages.failed(failure);
    }
  }

  @Override
  public CompletionStage<Boolean> exit(SyncLedger resource, Throwable failure) {
    return new ExitSequence<SyncLedger>(resource, failure) {
      @Override
      protected CompletionStage<?> commit(SyncLedger resource) {
        target.commit();
        return Stages.done();
      }

      @Override
      protected CompletionStage<Boolean> close(SyncLedger resource, Throwable failure) {
        target.release();
        return Stages.of(false);
      }
    }.start();
  }

  @Override
  public SyncLedger enterNow() {
    target.acquire();
    return target;
  }

  @Override
  public boolean exitNow(SyncLedger resource, Throwable failure) {
    if (failure != null) {
      abort(failure);
      return false;
    }
    try {
      target.commit();
    } catch (Throwable commitFailure) {
      abort(commitFailure);
      throw commitFailure;
    }
    target.release();
    return false;
  }

  @Override
  public <R, X extends Throwable> R call(ScopeFunction<? super SyncLedger, ? extends R, X> body)
      throws X {
    target.acquire();
    R result;
    try {
      result = body.apply(target);
    } catch (Throwable failure) {
      abort(failure);
      throw failure;
    }
    try {
      target.commit();
    } catch (Throwable failure) {
      abort(failure);
      throw failure;
    }
    target.release();
    return result;
  }

  private void abort(Throwable failure) {
    try {
      target.release();
    } catch (Throwable exitFailure) {
      Failures.addSuppressed(failure, exitFailure);
    }
  }
}
