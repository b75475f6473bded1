package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.NamedScope;
import dev.scopegen.runtime.internal.ScopeEvents;
import dev.scopegen.runtime.internal.SynchronousScope;
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
final class TimeoutScope
    implements TypedScope<Deadline, TimeoutException>, SynchronousScope<Deadline>, NamedScope {

  private final Duration timeout;

  TimeoutScope(Duration timeout) {
    this.timeout = timeout;
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

  @Override
  public Deadline enterNow() {
    return Deadline.interrupting(Thread.currentThread(), timeout);
  }

  @Override
  public boolean exitNow(Deadline deadline, Throwable failure) throws TimeoutException {
    TimeoutException timedOut = deadline.close(failure);
    if (timedOut != null) {
      throw timedOut;
    }
    return false;
  }

  /** Runs {@code body} with a deadline that cancels the body's stage when it passes. */
  @Override
  public <R> CompletableFuture<R> use(
      Function<? super Deadline, ? extends CompletionStage<R>> body) {
    Objects.requireNonNull(body, "body");
    return UseFuture.start(
        new Cancelling(timeout), deadline -> deadline.guard(body.apply(deadline)));
  }

  /**
   * Runs {@code body} with a deadline that interrupts the calling thread: what {@link
   * TypedScope#call} does through {@link #enter} and {@link #exit}, inline, with no stage.
   */
  @Override
  public <R, X extends Throwable> R call(ScopeFunction<? super Deadline, ? extends R, X> body)
      throws X, TimeoutException {
    if (ScopeEvents.enabled()) { // recorded as a JFR event on the scope protocol
      return Blocking.call(this, body, this::declares);
    }
    Deadline deadline = Deadline.interrupting(Thread.currentThread(), timeout);
    R result;
    try {
      result = body.apply(deadline);
    } catch (Throwable failure) {
      TimeoutException timedOut = deadline.close(failure);
      if (timedOut != null) {
        throw timedOut;
      }
      throw failure;
    }
    deadline.close(null);
    return result;
  }

  /** Runs {@code body} with a deadline that interrupts the calling thread; see {@link #call}. */
  @Override
  public <X extends Throwable> void run(ScopeConsumer<? super Deadline, X> body)
      throws X, TimeoutException {
    if (ScopeEvents.enabled()) { // recorded as a JFR event on the scope protocol
      Blocking.run(this, body, this::declares);
      return;
    }
    Deadline deadline = Deadline.interrupting(Thread.currentThread(), timeout);
    try {
      body.accept(deadline);
    } catch (Throwable failure) {
      TimeoutException timedOut = deadline.close(failure);
      if (timedOut != null) {
        throw timedOut;
      }
      throw failure;
    }
    deadline.close(null);
  }

  @Override
  public boolean declares(Throwable failure) {
    return failure instanceof TimeoutException;
  }

  @Override
  public String scopeName() {
    return "Scopes.timeout";
  }

  @Override
  public String toString() {
    return "Scopes.timeout(" + timeout + ")";
  }

  /** The same timeout for {@code use}: its deadline cancels the stage the body returns. */
  private static final class Cancelling implements AsyncScope<Deadline>, NamedScope {
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

    @Override
    public String scopeName() {
      return "Scopes.timeout";
    }
  }
}
