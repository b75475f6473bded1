package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.CleanupOutcome;
import dev.scopegen.runtime.internal.NamedScope;
import dev.scopegen.runtime.internal.Stages;
import dev.scopegen.runtime.internal.UseFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * {@link Scopes#permit(AsyncSemaphore)}: Python's {@code async with semaphore}, whose waiting
 * suspends instead of blocking. A waiter that gives up (a cancelled {@code use}, an interrupted
 * {@code call}) leaves the queue: it takes nothing and releases nothing.
 */
final class AsyncPermitScope implements TypedScope<AsyncSemaphore, InterruptedException>, NamedScope {

  private final AsyncSemaphore semaphore;
  private final CompletionStage<AsyncSemaphore> acquired;

  /** The scope once the permit is held: enter hands it over, exit releases it. */
  private final AsyncScope<AsyncSemaphore> held;

  AsyncPermitScope(AsyncSemaphore semaphore) {
    this.semaphore = semaphore;
    this.acquired = Stages.constant(semaphore);
    this.held = new Held(semaphore, acquired);
  }

  /**
   * Takes a permit. The stage completes with the semaphore when the permit is granted; cancelling
   * it before then withdraws the waiter.
   */
  @Override
  public CompletionStage<AsyncSemaphore> enter() {
    return semaphore.acquire(semaphore, acquired);
  }

  @Override
  public CompletionStage<Boolean> exit(AsyncSemaphore resource, Throwable failure) {
    return held.exit(resource, failure);
  }

  /**
   * Waits for the permit without blocking, then runs the body as {@link AsyncScope#use} does. A
   * cancel while waiting withdraws the waiter and the future completes cancelled at once.
   */
  @Override
  public <R> CompletableFuture<R> use(
      Function<? super AsyncSemaphore, ? extends CompletionStage<R>> body) {
    CompletionStage<AsyncSemaphore> acquiring = enter();
    if (Stages.isDoneNormally(acquiring)) {
      return UseFuture.start(held, body);
    }
    return Waiting.start(acquiring.toCompletableFuture(), held, body);
  }

  /** Waits for the permit on the calling thread; an interrupt while waiting takes nothing. */
  @Override
  public <R, X extends Throwable> R call(ScopeFunction<? super AsyncSemaphore, ? extends R, X> body)
      throws X, InterruptedException {
    awaitPermit();
    return Blocking.call(held, body, this::declares);
  }

  /** Waits for the permit on the calling thread; an interrupt while waiting takes nothing. */
  @Override
  public <X extends Throwable> void run(ScopeConsumer<? super AsyncSemaphore, X> body)
      throws X, InterruptedException {
    awaitPermit();
    Blocking.run(held, body, this::declares);
  }

  @Override
  public boolean declares(Throwable failure) {
    return failure instanceof InterruptedException;
  }

  @Override
  public String scopeName() {
    return "Scopes.permit";
  }

  @Override
  public String toString() {
    return "Scopes.permit(" + semaphore + ")";
  }

  private void awaitPermit() throws InterruptedException {
    CompletionStage<AsyncSemaphore> acquiring = enter();
    if (Stages.isDoneNormally(acquiring)) {
      return;
    }
    CompletableFuture<AsyncSemaphore> waiter = acquiring.toCompletableFuture();
    try {
      waiter.get();
    } catch (InterruptedException interrupt) {
      if (!waiter.cancel(false)) {
        semaphore.release(); // granted just before the cancel: pass it on
      }
      throw interrupt;
    } catch (ExecutionException never) {
      throw Stages.sneakyThrow(Failures.unwrap(never.getCause())); // only this scope completes it
    }
  }

  /** The permit, once held. */
  private static final class Held implements AsyncScope<AsyncSemaphore>, NamedScope {
    private final AsyncSemaphore semaphore;
    private final CompletionStage<AsyncSemaphore> acquired;

    Held(AsyncSemaphore semaphore, CompletionStage<AsyncSemaphore> acquired) {
      this.semaphore = semaphore;
      this.acquired = acquired;
    }

    @Override
    public CompletionStage<AsyncSemaphore> enter() {
      return acquired;
    }

    @Override
    public CompletionStage<Boolean> exit(AsyncSemaphore resource, Throwable failure) {
      try {
        semaphore.release();
      } catch (Throwable releaseFailure) {
        return CleanupOutcome.failed(failure, releaseFailure);
      }
      return Stages.of(false);
    }

    @Override
    public String scopeName() {
      return "Scopes.permit";
    }
  }

  /**
   * The future of a {@code use} that waits for its permit. Until the permit is granted, a cancel
   * withdraws the waiter; afterwards it is passed on to the statement running the body.
   */
  private static final class Waiting<R> extends CompletableFuture<R> {
    private final CompletableFuture<AsyncSemaphore> waiter;
    private volatile CompletableFuture<R> statement;
    private volatile boolean cancelRequested;

    private Waiting(CompletableFuture<AsyncSemaphore> waiter) {
      this.waiter = waiter;
    }

    // The callback's own stage is dropped: it completes nothing, and cannot fail.
    @SuppressWarnings("FutureReturnValueIgnored")
    static <R> Waiting<R> start(
        CompletableFuture<AsyncSemaphore> waiter,
        AsyncScope<AsyncSemaphore> held,
        Function<? super AsyncSemaphore, ? extends CompletionStage<R>> body) {
      Waiting<R> future = new Waiting<>(waiter);
      waiter.handle(
          (granted, withdrawn) -> {
            if (withdrawn == null) {
              future.run(held, body);
            }
            return null;
          });
      return future;
    }

    // The callback relays the outcome into this future; its own stage is dropped, as it cannot fail.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void run(
        AsyncScope<AsyncSemaphore> held,
        Function<? super AsyncSemaphore, ? extends CompletionStage<R>> body) {
      CompletableFuture<R> started = UseFuture.start(held, body);
      statement = started;
      if (cancelRequested) {
        started.cancel(false);
      }
      started.handle(
          (value, failure) -> {
            if (failure != null) {
              completeExceptionally(Failures.unwrap(failure));
            } else {
              complete(value);
            }
            return null;
          });
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelRequested = true;
      CompletableFuture<R> started = statement;
      if (started == null && waiter.cancel(false)) {
        return super.cancel(mayInterruptIfRunning); // withdrawn: took nothing, releases nothing
      }
      started = statement;
      // Granted: the body runs or is about to; run() passes the request on if it is not there yet.
      return started == null || started.cancel(mayInterruptIfRunning);
    }
  }
}
