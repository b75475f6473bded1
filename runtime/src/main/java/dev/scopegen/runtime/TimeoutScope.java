package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.UseFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link Scopes#timeout}: Python's {@code asyncio.timeout}. Entered with {@link #enter} (blocking
 * {@code call}/{@code run}, {@link ExitStack#enter}) its deadline interrupts the entering thread;
 * through {@link #use} it cancels the body's stage.
 */
final class TimeoutScope implements TypedScope<Deadline, TimeoutException> {

  private final Duration timeout;
  private final AsyncScope<Deadline> cancelling;

  TimeoutScope(Duration timeout) {
    this.timeout = timeout;
    this.cancelling = new Cancelling(timeout);
  }

  /** Starts a deadline that interrupts the calling thread when it passes. */
  @Override
  public CompletionStage<Deadline> enter() {
    return CompletableFuture.completedFuture(
        Deadline.interrupting(Thread.currentThread(), timeout));
  }

  @Override
  public CompletionStage<Boolean> exit(Deadline deadline, Throwable failure) {
    return deadline.exit(failure);
  }

  /** Runs {@code body} with a deadline that cancels the body's stage when it passes. */
  @Override
  public <R> CompletableFuture<R> use(
      Function<? super Deadline, ? extends CompletionStage<R>> body) {
    Objects.requireNonNull(body, "body");
    return UseFuture.start(cancelling, deadline -> deadline.guard(body.apply(deadline)));
  }

  @Override
  public boolean declares(Throwable failure) {
    return failure instanceof TimeoutException;
  }

  @Override
  public String toString() {
    return "Scopes.timeout(" + timeout + ")";
  }

  /** The same timeout for {@code use}: its deadline cancels the stage the body returns. */
  private static final class Cancelling implements AsyncScope<Deadline> {
    private final Duration timeout;

    Cancelling(Duration timeout) {
      this.timeout = timeout;
    }

    @Override
    public CompletionStage<Deadline> enter() {
      return CompletableFuture.completedFuture(Deadline.cancelling(timeout));
    }

    @Override
    public CompletionStage<Boolean> exit(Deadline deadline, Throwable failure) {
      return deadline.exit(failure);
    }
  }
}
