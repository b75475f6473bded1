package dev.scopegen.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The stage that {@code enter} of a {@code @ScopedResource} scope returns, and the way back from
 * the method, suspended at its yield, to the body that runs with the resource.
 *
 * <p>When the body runs on the caller's thread the method and the body share that thread, and a
 * deadline or an interrupt reaches the body by itself. When the scope is entered and exited
 * separately it does not: the method waits at its yield (on a thread of its own, or as a pending
 * stage) while the body runs elsewhere. A timeout or a cancel that fires inside the method then
 * hits the yield, so the method forwards it here with {@link #cancelBody}, and this link delivers
 * it to the body: whoever runs the body says how to reach it once the resource arrived, {@link
 * UseFuture} with the body's stage ({@link #runsAs}), {@link Blocking#enter} with its thread
 * ({@link #runsOn}). A request that comes before is kept and delivered then; one that comes after
 * the body ended ({@link #bodyEnded}) is refused.
 *
 * @param <T> the resource type
 */
class BodyLink<T> extends CompletableFuture<T> {

  private static final int REQUESTED = 1;
  private static final int CLAIMED = 2;
  private static final int DELIVERED = 4;
  private static final int ENDED = 8;

  private static final VarHandle STATE =
      Stages.field(MethodHandles.lookup(), BodyLink.class, "state", int.class);

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  /** The body: its {@link Thread} or its {@link CompletionStage}, once known. */
  private volatile Object body;

  /**
   * Says that the body of {@code entering}'s scope is the stage {@code body}: a cancel request
   * cancels it. Does nothing for a stage that is not a {@code BodyLink}.
   *
   * @param entering the stage {@code enter} returned
   * @param body the body's stage
   */
  static void runsAs(CompletionStage<?> entering, CompletionStage<?> body) {
    if (entering instanceof BodyLink) {
      ((BodyLink<?>) entering).link(body);
    }
  }

  /**
   * Says that the body of {@code entering}'s scope runs on {@code thread}: a cancel request
   * interrupts it. Does nothing for a stage that is not a {@code BodyLink}.
   *
   * @param entering the stage {@code enter} returned
   * @param thread the thread that runs the body
   */
  static void runsOn(CompletionStage<?> entering, Thread thread) {
    if (entering instanceof BodyLink) {
      ((BodyLink<?>) entering).link(thread);
    }
  }

  /**
   * Asks for the body to be cancelled: its stage is cancelled, or its thread interrupted, now or as
   * soon as it is known.
   *
   * @return {@code true} if the request was taken, {@code false} once the body has ended
   */
  boolean cancelBody() {
    while (true) {
      int current = state;
      if ((current & ENDED) != 0) {
        return false;
      }
      if ((current & REQUESTED) != 0) {
        return true;
      }
      if (STATE.compareAndSet(this, current, current | REQUESTED)) {
        deliver();
        return true;
      }
    }
  }

  /**
   * The body has ended: later requests are refused. Called by the scope's exit; when it runs on the
   * body's thread, it clears the interrupt this link caused, so that none is left behind.
   */
  void bodyEnded() {
    if (body == null) {
      // The body was never linked (it ran inline, or ended before it was known), and never will
      // be: no request was or will be delivered, so a plain write will do. A request that races
      // with it may be lost, as it would have been refused a moment later.
      STATE.setRelease(this, (int) STATE.getOpaque(this) | ENDED);
    } else {
      linkedBodyEnded();
    }
  }

  /** {@link #bodyEnded} once the body was linked: settles with a request being delivered. */
  private void linkedBodyEnded() {
    int before;
    while (true) {
      before = state;
      if ((before & CLAIMED) != 0 && (before & DELIVERED) == 0) {
        Thread.onSpinWait(); // another thread is interrupting the body's thread right now
      } else if (STATE.compareAndSet(this, before, before | ENDED)) {
        break;
      }
    }
    if ((before & DELIVERED) != 0 && body == Thread.currentThread()) {
      Thread.interrupted();
    }
  }

  private void link(Object target) {
    body = target;
    if (((int) STATE.getVolatile(this) & REQUESTED) != 0) {
      deliver();
    }
  }

  /** Delivers a request once, if the body is known and has not ended. */
  private void deliver() {
    Object target = body;
    if (target == null) {
      return; // delivered when the body becomes known
    }
    boolean thread = target instanceof Thread;
    int current;
    do {
      current = state;
      if ((current & (CLAIMED | ENDED)) != 0) {
        return;
      }
      // Cancelling a stage runs the body's dependents, which may end the body on this very thread:
      // mark it delivered first, so that bodyEnded never waits for it.
    } while (!STATE.compareAndSet(this, current, current | CLAIMED | (thread ? 0 : DELIVERED)));
    if (thread) {
      ((Thread) target).interrupt();
      STATE.getAndBitwiseOr(this, DELIVERED);
    } else {
      Stages.cancel((CompletionStage<?>) target);
    }
  }
}
