package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Cleanup;
import dev.scopegen.runtime.ExitHandler;
import dev.scopegen.runtime.Failures;
import java.util.concurrent.CompletionStage;

/**
 * One unwinding of {@link Registrations}, newest first: the {@code __aexit__} of Python's {@code
 * AsyncExitStack}, with the failure bookkeeping of try-with-resources (JLS 14.20.3).
 *
 * <ul>
 *   <li>Each exit handler and scope sees the failure in flight; once one of them suppresses it, the
 *       ones after it see {@code null}. Callbacks never suppress, whatever their stage holds.
 *   <li>A handler or callback that fails while a failure is in flight adds its failure to it as
 *       suppressed; with none in flight, its failure becomes the failure in flight and must
 *       propagate (unless a later handler suppresses it).
 *   <li>A scope's {@link AsyncScope#exit} completes exceptionally only with a failure that must
 *       propagate instead: that failure takes over as it is, the scope having kept the one it
 *       replaces reachable.
 *   <li>A failure that a handler or scope suppressed is gone: nothing attaches it to a failure that
 *       arises later in the unwinding, and the stage does not complete with it.
 * </ul>
 *
 * <p>The outcome follows {@link AsyncScope#exit}: {@code true} when the failure received was
 * suppressed, {@code false} when it must propagate as it is, exceptionally when another failure
 * must propagate instead.
 *
 * <p>Not part of the public API.
 */
public final class Unwinding extends StageLoop<Boolean> {

  private final Registrations registrations;
  /** Whether the received failure stays primary whatever happens: see {@link #release}. */
  private final boolean keepFailure;
  private final Throwable received;
  private Throwable failure;
  /** Whether {@link #failure} arose during unwinding and must propagate instead. */
  private boolean propagate;
  private boolean suppressed;
  /** The kind of the registration whose stage is in progress. */
  private byte kind;

  /** The stage of a step that started before the loop took over, for {@link #next} to return. */
  private CompletionStage<?> started;

  private Unwinding(Registrations registrations, Throwable failure, boolean keepFailure) {
    this.registrations = registrations;
    this.keepFailure = keepFailure;
    this.received = failure;
    this.failure = failure;
  }

  /**
   * Unwinds every registration, including those added while unwinding.
   *
   * <p>The newest registrations run on the spot while they are synchronous (callbacks, handlers and
   * {@link SynchronousScope}s, the commonest) and succeed, with no object and no stage: a handler
   * or scope that suppresses the failure clears it, and nothing else can happen. The first
   * asynchronous registration, or the first failure, hands the rest over to an unwinding object,
   * which keeps the whole bookkeeping and waits for stages.
   *
   * @param registrations the registrations; empty afterwards
   * @param failure the failure in flight, or {@code null}
   * @return a stage with the outcome described in the class comment
   */
  @SuppressWarnings("unchecked") // a scope registration pairs a scope with its own resource
  public static CompletionStage<Boolean> unwind(Registrations registrations, Throwable failure) {
    Throwable inFlight = failure;
    while (!registrations.isEmpty()) {
      byte kind = registrations.newestKind();
      if (kind != Registrations.CLEANUP
          && kind != Registrations.SYNCHRONOUS_SCOPE
          && kind != Registrations.HANDLER) {
        registrations.clearAbove();
        return takeOver(registrations, failure, inFlight);
      }
      try {
        if (kind == Registrations.CLEANUP) {
          ((Cleanup) registrations.popNewest(kind)).run();
        } else if (kind == Registrations.SYNCHRONOUS_SCOPE) {
          Object resource = registrations.newestResource();
          if (((SynchronousScope<Object>) registrations.popNewest(kind))
              .exitNow(resource, inFlight)) {
            inFlight = null;
          }
        } else if (((ExitHandler) registrations.popNewest(kind)).onExit(inFlight)) {
          inFlight = null;
        }
      } catch (Throwable stepFailure) {
        registrations.clearAbove();
        return takeOver(registrations, failure, inFlight, kind, stepFailure);
      }
    }
    registrations.forget();
    return Stages.of(inFlight != failure);
  }

  /**
   * Takes over an unwinding whose newest registrations ran on the spot and succeeded, at the first
   * asynchronous one: {@link #unwind}'s hand-over, and an {@code ExitStack}'s, which runs its
   * synchronous registrations itself.
   *
   * @param registrations the registrations left, the asynchronous one newest; empty afterwards
   * @param received the failure the unwinding received, or {@code null}
   * @param inFlight {@code received}, or {@code null} once a handler or scope suppressed it
   * @return a stage with the outcome described in the class comment
   */
  public static CompletionStage<Boolean> takeOver(
      Registrations registrations, Throwable received, Throwable inFlight) {
    return new Unwinding(registrations, received, inFlight).run();
  }

  /**
   * Takes over an unwinding whose newest registrations ran on the spot, when the last of them, an
   * asynchronous one already removed, returned a stage that is not complete, or completed
   * exceptionally: the loop engine takes that stage as its first step.
   *
   * @param registrations the registrations left; empty afterwards
   * @param received the failure the unwinding received, or {@code null}
   * @param inFlight {@code received}, or {@code null} once a handler or scope suppressed it
   * @param kind the kind of the registration whose stage {@code step} is
   * @param step its stage
   * @return a stage with the outcome described in the class comment
   */
  public static CompletionStage<Boolean> takeOver(
      Registrations registrations,
      Throwable received,
      Throwable inFlight,
      byte kind,
      CompletionStage<?> step) {
    Unwinding unwinding = new Unwinding(registrations, received, inFlight);
    unwinding.kind = kind;
    unwinding.started = step;
    return unwinding.run();
  }

  /**
   * Takes over an unwinding whose newest registrations ran on the spot, when the last of them, a
   * synchronous one, failed: {@link #takeOver(Registrations, Throwable, Throwable)} with that step's
   * failure recorded first.
   *
   * @param registrations the registrations left; empty afterwards
   * @param received the failure the unwinding received, or {@code null}
   * @param inFlight {@code received}, or {@code null} once a handler or scope suppressed it
   * @param kind the kind of the registration that failed
   * @param stepFailure what it threw
   * @return a stage with the outcome described in the class comment
   */
  public static CompletionStage<Boolean> takeOver(
      Registrations registrations,
      Throwable received,
      Throwable inFlight,
      byte kind,
      Throwable stepFailure) {
    Unwinding unwinding = new Unwinding(registrations, received, inFlight);
    unwinding.kind = kind;
    unwinding.record(null, stepFailure);
    return unwinding.start();
  }

  /** Takes over an unwinding whose registrations so far were synchronous and succeeded. */
  private Unwinding(Registrations registrations, Throwable received, Throwable inFlight) {
    this(registrations, received, false);
    if (inFlight != received) { // suppressed by a handler or scope
      this.failure = null;
      this.suppressed = true;
    }
  }

  /**
   * Unwinds every registration after {@code failure} made the whole operation fail, as when one
   * scope of several could not be entered: each registration sees {@code failure}, nothing can
   * suppress or replace it, and every cleanup failure is added to it as suppressed.
   *
   * @param registrations the registrations; empty afterwards
   * @param failure the failure that propagates afterwards, not {@code null}
   * @return a stage that completes normally when every registration ran
   */
  static CompletionStage<Boolean> release(Registrations registrations, Throwable failure) {
    if (registrations.isEmpty()) {
      return Stages.of(false);
    }
    return new Unwinding(registrations, failure, true).start();
  }

  @Override
  boolean hasNext() {
    return started != null || !registrations.isEmpty();
  }

  @Override
  CompletionStage<?> next() throws Throwable {
    CompletionStage<?> step = started;
    if (step != null) {
      started = null;
      return step;
    }
    kind = registrations.newestKind();
    return registrations.exitNewest(kind, failure);
  }

  /** Runs the synchronous newest registrations on the spot, then the loop engine for the rest. */
  private CompletionStage<Boolean> start() {
    if (!registrations.isEmpty()) {
      runSynchronous();
    }
    return run();
  }

  /**
   * Runs the newest registrations while they are synchronous (callbacks, handlers and {@link
   * SynchronousScope}s, the commonest) in a tight loop, recording each outcome on the spot, with no
   * stage; registrations added meanwhile are the newest, and run first. It stops at the first
   * asynchronous one, which the loop engine ({@link #next}) takes with its stage, as it takes any
   * registration after it. Kept out of {@link #next}: the engine's loop, shared with every exit
   * sequence, must stay small enough for the JIT to inline into it.
   */
  @SuppressWarnings("unchecked") // a scope registration pairs a scope with its own resource
  private void runSynchronous() {
    do {
      kind = registrations.newestKind();
      if (kind == Registrations.CLEANUP) {
        Object target = registrations.removeNewest(kind);
        try {
          ((Cleanup) target).run();
        } catch (Throwable cleanupFailure) {
          record(null, cleanupFailure);
        }
      } else if (kind == Registrations.HANDLER) {
        Object target = registrations.removeNewest(kind);
        boolean suppress;
        try {
          suppress = ((ExitHandler) target).onExit(failure);
        } catch (Throwable handlerFailure) {
          record(null, handlerFailure);
          continue;
        }
        record(suppress, null);
      } else if (kind == Registrations.SYNCHRONOUS_SCOPE) {
        Object resource = registrations.newestResource();
        Object target = registrations.removeNewest(kind);
        boolean suppress;
        try {
          suppress = ((SynchronousScope<Object>) target).exitNow(resource, failure);
        } catch (Throwable replacement) {
          record(null, replacement);
          continue;
        }
        record(suppress, null);
      } else {
        return; // an asynchronous one: the loop engine takes it with its stage
      }
    } while (!registrations.isEmpty());
  }

  @Override
  void record(Object value, Throwable stepFailure) {
    if (keepFailure) {
      Failures.addSuppressed(failure, stepFailure);
    } else if (stepFailure == null) {
      if (kind != Registrations.CLEANUP
          && kind != Registrations.ASYNC_CLEANUP
          && Boolean.TRUE.equals(value)) {
        suppressed = true;
        propagate = false;
        failure = null;
      }
    } else if (stepFailure == failure) {
      // Re-thrown as it is: not suppressed, nothing to add.
    } else if (failure == null) {
      failure = stepFailure;
      propagate = true;
    } else if (kind >= Registrations.SCOPE) {
      // A deliberate replacement: the scope's exit kept the failure it replaces reachable.
      failure = stepFailure;
      propagate = true;
    } else {
      Failures.addSuppressed(failure, stepFailure);
    }
  }

  @Override
  CompletionStage<Boolean> outcome() {
    if (propagate) {
      return Stages.failed(failure);
    }
    return Stages.of(received != null && suppressed);
  }
}
