package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Failures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The {@code async with} statement for any {@link AsyncScope}: the future returned by {@link
 * AsyncScope#use}. Not part of the public API.
 *
 * <p>It moves through three phases, entering, running the body and exiting, in a lock-free state
 * word. Stages that are already complete are consumed on the spot: a scope whose stages are all
 * complete costs no {@code UseFuture} at all, only the completed future {@link #start} returns.
 * A stage that already failed is read on the spot too. A pending stage is listened to with {@code
 * handle}, never {@code whenComplete}, which would wrap a failure in a new {@code
 * CompletionException} with a stack trace.
 *
 * <p>{@link #cancel} is a request, as in Python: it cancels the body's stage (or, while entering,
 * marks the body as never to run) and the future completes after {@link AsyncScope#exit} has
 * finished. Cleanup is never cancelled.
 *
 * @param <T> the resource type
 * @param <R> the result type
 */
public final class UseFuture<T, R> extends CompletableFuture<R> {

  private static final int ENTERING = 0;
  private static final int RUNNING = 1;
  private static final int EXITING = 2;
  private static final int PHASE = 3;
  private static final int CANCEL_REQUESTED = 4;

  private static final VarHandle STATE =
      Stages.field(MethodHandles.lookup(), UseFuture.class, "state", int.class);

  private final AsyncScope<T> scope;
  private final Function<? super T, ? extends CompletionStage<R>> body;

  /** Phase and cancel request; written with {@link #STATE}. */
  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  /** The body's stage while it runs, so that a cancel request can reach it. */
  private volatile CompletionStage<R> running;

  /** The stage enter returned, while pending: a generator's way to reach the body. */
  private CompletionStage<T> entering;

  // Written before the stage that hands them to the next phase; read after it completed.
  private T resource;
  private R value;
  private Throwable failure;
  private boolean cancelledBeforeBody;

  private UseFuture(
      AsyncScope<T> scope, Function<? super T, ? extends CompletionStage<R>> body, int phase) {
    this.scope = scope;
    this.body = body;
    STATE.setRelease(this, phase);
  }

  /**
   * Starts {@code async with scope as resource: body(resource)}.
   *
   * <p>While every stage is already complete, the statement runs right here with no shared state:
   * nobody holds the future yet, so nobody can cancel it. The first stage that is still pending
   * hands the rest to a {@code UseFuture}.
   *
   * @param <T> the resource type
   * @param <R> the result type
   * @param scope the scope
   * @param body the asynchronous body
   * @return the future of the whole statement
   */
  public static <T, R> CompletableFuture<R> start(
      AsyncScope<T> scope, Function<? super T, ? extends CompletionStage<R>> body) {
    ScopeUse<T> recorded = ScopeUse.of(scope);
    if (recorded != null) {
      return recorded.use(body);
    }
    CompletionStage<T> entering;
    try {
      entering = Stages.nonNull(scope.enter(), "enter()");
    } catch (Throwable enterFailure) {
      return CompletableFuture.failedFuture(enterFailure);
    }
    if (!Stages.isDoneNormally(entering)) {
      UseFuture<T, R> future = new UseFuture<>(scope, body, ENTERING);
      future.entering = entering;
      entering.handle(future::entered);
      return future;
    }
    T resource = Stages.valueOf(entering);
    CompletionStage<R> stage;
    try {
      stage = Stages.nonNull(body.apply(resource), "the body");
    } catch (Throwable bodyFailure) {
      return exitNow(scope, body, resource, null, bodyFailure);
    }
    if (Stages.isDoneExceptionally(stage)) {
      return exitAfterFailed(scope, body, resource, stage);
    }
    if (!Stages.isDoneNormally(stage)) {
      UseFuture<T, R> future = new UseFuture<>(scope, body, RUNNING);
      future.resource = resource;
      future.running = stage;
      stage.handle(future::bodyDone);
      BodyLink.runsAs(entering, stage);
      return future;
    }
    return exitNow(scope, body, resource, Stages.valueOf(stage), null);
  }

  /**
   * Exits after the body's stage, already failed, was read on the spot. A plain {@code
   * CompletableFuture}'s failure is read with {@code handle}, whose new future then carries the
   * statement's outcome: one future for both, so that a failed use costs no more than the failed
   * future it returns.
   */
  private static <T, R> CompletableFuture<R> exitAfterFailed(
      AsyncScope<T> scope,
      Function<? super T, ? extends CompletionStage<R>> body,
      T resource,
      CompletionStage<R> stage) {
    CompletableFuture<Object> holder = Stages.failureHolder(stage);
    Throwable failure = holder != null ? (Throwable) holder.getNow(null) : Stages.failureNow(stage);
    return exitNow(scope, body, resource, null, Failures.unwrap(failure), holder);
  }

  /** Exits before the future was handed out: no cancel request can have arrived. */
  private static <T, R> CompletableFuture<R> exitNow(
      AsyncScope<T> scope,
      Function<? super T, ? extends CompletionStage<R>> body,
      T resource,
      R value,
      Throwable failure) {
    return exitNow(scope, body, resource, value, failure, null);
  }

  /**
   * {@link #exitNow(AsyncScope, Function, Object, Object, Throwable)}, completing {@code holder}
   * (see {@link Stages#failureHolder}) with the outcome when it is not {@code null} and the exit
   * completed on the spot, instead of a new future.
   */
  private static <T, R> CompletableFuture<R> exitNow(
      AsyncScope<T> scope,
      Function<? super T, ? extends CompletionStage<R>> body,
      T resource,
      R value,
      Throwable failure,
      CompletableFuture<Object> holder) {
    CompletionStage<Boolean> exiting;
    try {
      exiting = Stages.nonNull(scope.exit(resource, failure), "exit()");
    } catch (Throwable crash) {
      // An exit that throws made no decision: what it threw is a cleanup failure (rule 4).
      Throwable propagating = failure == null ? crash : Failures.addSuppressed(failure, crash);
      return settled(holder, propagating, null);
    }
    if (Stages.isDoneNormally(exiting)) {
      boolean suppress = Boolean.TRUE.equals(Stages.valueOf(exiting));
      return settled(holder, outcome(failure, null, suppress), failure == null ? value : null);
    }
    if (Stages.isDoneExceptionally(exiting)) {
      return settled(holder, outcome(failure, Stages.failureNow(exiting), false), null);
    }
    UseFuture<T, R> future = new UseFuture<>(scope, body, EXITING);
    future.value = value;
    future.failure = failure;
    exiting.handle(future::exited);
    return future;
  }

  /**
   * A future completed exceptionally with {@code failure}, or else with {@code value}: {@code
   * holder} with its outcome replaced, when there is one (nobody else holds it yet), or a new one.
   */
  @SuppressWarnings("unchecked") // the holder's value is replaced by one of type R, or a failure
  private static <R> CompletableFuture<R> settled(
      CompletableFuture<Object> holder, Throwable failure, R value) {
    if (holder == null) {
      return failure != null
          ? CompletableFuture.failedFuture(failure)
          : CompletableFuture.completedFuture(value);
    }
    if (failure != null) {
      holder.obtrudeException(failure);
    } else {
      holder.obtrudeValue(value);
    }
    return (CompletableFuture<R>) (CompletableFuture<?>) holder;
  }

  /** Enter's stage completed; returns {@code null}, for {@code handle}. */
  private Void entered(T resource, Throwable enterFailure) {
    if (enterFailure != null) {
      completeExceptionally(Failures.unwrap(enterFailure));
      return null;
    }
    this.resource = resource;
    if (!STATE.compareAndSet(this, ENTERING, RUNNING)) {
      // Cancelled while entering: the body never runs, the late resource is released now.
      state = EXITING | CANCEL_REQUESTED;
      cancelledBeforeBody = true;
      exit(new CancellationException("use() was cancelled while entering the scope"));
      return null;
    }
    CompletionStage<R> stage;
    try {
      stage = Stages.nonNull(body.apply(resource), "the body");
    } catch (Throwable bodyFailure) {
      bodyEnded(null, bodyFailure);
      return null;
    }
    if (Stages.isDoneNormally(stage)) {
      bodyEnded(Stages.valueOf(stage), null);
      return null;
    }
    running = stage;
    if (((int) STATE.getVolatile(this) & CANCEL_REQUESTED) != 0) {
      Stages.cancel(stage);
    }
    stage.handle(this::bodyDone);
    BodyLink.runsAs(entering, stage);
    return null;
  }

  /**
   * The body's stage completed: its failure is read without the machinery's wrapper. Returns
   * {@code null}, for {@code handle}.
   */
  private Void bodyDone(R value, Throwable bodyFailure) {
    bodyEnded(value, Failures.unwrap(bodyFailure));
    return null;
  }

  /** The body ended with {@code value} or {@code failure}, which is kept as it is. */
  private void bodyEnded(R value, Throwable failure) {
    int previous = (int) STATE.getAndSet(this, EXITING);
    running = null;
    if (failure == null && (previous & CANCEL_REQUESTED) != 0) {
      failure = new CancellationException("use() was cancelled");
    }
    this.value = value;
    exit(failure);
  }

  private void exit(Throwable failure) {
    this.failure = failure;
    CompletionStage<Boolean> exiting;
    try {
      exiting = Stages.nonNull(scope.exit(resource, failure), "exit()");
    } catch (Throwable crash) {
      // An exit that throws made no decision: what it threw is a cleanup failure (rule 4).
      if (failure == null) {
        exited(null, crash);
      } else {
        Failures.addSuppressed(failure, crash);
        exited(false, null);
      }
      return;
    }
    if (Stages.isDoneNormally(exiting)) {
      exited(Stages.valueOf(exiting), null);
    } else {
      exiting.handle(this::exited);
    }
  }

  /** Exit's stage completed; returns {@code null}, for {@code handle}. */
  private Void exited(Boolean suppress, Throwable exitFailure) {
    // The body never ran after a cancel during enter: its exit cannot turn that into a result.
    boolean suppressed = Boolean.TRUE.equals(suppress) && !cancelledBeforeBody;
    Throwable propagating = outcome(failure, exitFailure, suppressed);
    if (propagating != null) {
      completeExceptionally(propagating);
    } else {
      complete(failure == null ? value : null);
    }
    return null;
  }

  /**
   * The failure the statement completes with, or {@code null} when it completes normally (with the
   * body's value if there was no failure, with {@code null} if exit suppressed it).
   *
   * <p>What exit completed exceptionally with propagates as it is, with nothing attached: the exit
   * already decided what it carries (see {@link AsyncScope#exit}), and {@code failure} may be one
   * it suppressed.
   *
   * @param failure the body's failure, or {@code null}
   * @param exitFailure what exit completed exceptionally with, or {@code null}
   * @param suppress whether exit suppressed {@code failure}
   */
  private static Throwable outcome(Throwable failure, Throwable exitFailure, boolean suppress) {
    if (exitFailure != null) {
      return Failures.unwrap(exitFailure);
    }
    return suppress ? null : failure;
  }

  /**
   * Requests cancellation, as Python's {@code Task.cancel()} does. Returns {@code true} when the
   * request was taken (the scope is entering or the body is running): the future then completes
   * once cleanup has finished, normally cancelled. Returns {@code false} when the body has already
   * finished or the future is done.
   *
   * @param mayInterruptIfRunning passed on to the body's stage
   * @return whether the request was taken
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    while (true) {
      int current = state;
      if ((current & PHASE) == EXITING || isDone()) {
        return false;
      }
      if ((current & CANCEL_REQUESTED) != 0) {
        return true;
      }
      if (STATE.compareAndSet(this, current, current | CANCEL_REQUESTED)) {
        CompletionStage<R> stage = running;
        if (stage != null) {
          Stages.cancel(stage);
        }
        return true;
      }
    }
  }
}
