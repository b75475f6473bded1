package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deadline of one {@link Scopes#timeout} scope, handed to its body: Python's {@code
 * asyncio.Timeout}. The body may move it ({@link #reschedule}) and ask whether it passed ({@link
 * #expired}).
 *
 * <p>When the deadline passes while the scope is open, it either interrupts the thread that entered
 * the scope (blocking {@link AsyncScope#call}/{@link AsyncScope#run}, or {@link ExitStack#enter}),
 * or cancels the body's stage ({@link AsyncScope#use}). The scope's exit then turns the body's
 * failure into a {@link TimeoutException} and, on that thread, clears the interrupt it caused.
 *
 * <p>A deadline is safe to use from any thread.
 */
public final class Deadline {

  // The state word: a generation count (bumped by every reschedule, so that a stale timer is
  // ignored) and a phase in the two lowest bits.
  private static final long OPEN = 0;
  private static final long FIRING = 1;
  private static final long EXPIRED = 2;
  private static final long CLOSED = 3;
  private static final long PHASE = 3;
  private static final long GENERATION = 4;

  private static final VarHandle STATE =
      Stages.field(MethodHandles.lookup(), Deadline.class, "state", long.class);
  private static final VarHandle WHEN =
      Stages.field(MethodHandles.lookup(), Deadline.class, "when", Object.class);
  private static final VarHandle TIMER =
      Stages.field(MethodHandles.lookup(), Deadline.class, "timer", Future.class);

  /** {@link #when} of a deadline that has none. */
  private static final Object NONE = new Object();

  /**
   * Timeouts up to this many nanoseconds reach the timer unchanged (the scheduler clamps longer
   * delays), so the timer's own delay tells when the deadline passes.
   */
  private static final long EXACT_NANOS = Long.MAX_VALUE >> 2;

  /** The thread to interrupt, or {@code null} when the deadline cancels {@link #body} instead. */
  private final Thread thread;

  /** Phase and generation; written with {@link #STATE}. */
  private volatile long state;

  /** The body's stage, once the body of {@code use} returned it. */
  private volatile CompletionStage<?> body;

  /** The timer of the current generation; written with {@link #TIMER} by the first schedule. */
  private volatile Future<?> timer;

  /**
   * When the deadline passes: an {@link Instant}; {@link #NONE}; or, until someone asks (few do),
   * the {@link ScheduledFuture} of the timer, whose delay tells it. Written with {@link #WHEN}.
   */
  private volatile Object when;

  private Deadline(Thread thread) {
    this.thread = thread;
  }

  /** A deadline that interrupts {@code thread}, scheduled {@code timeout} from now. */
  static Deadline interrupting(Thread thread, Duration timeout) {
    Deadline deadline = new Deadline(thread);
    deadline.schedule(0, timeout, false);
    return deadline;
  }

  /** A deadline that cancels the stage passed to {@link #guard}, scheduled from now. */
  static Deadline cancelling(Duration timeout) {
    Deadline deadline = new Deadline(null);
    deadline.schedule(0, timeout, false);
    return deadline;
  }

  /**
   * Moves the deadline to {@code timeout} from now, like Python's {@code Timeout.reschedule};
   * {@code null} removes it, and zero or a negative duration makes it expire at once.
   *
   * @param timeout the new time left, or {@code null} for no deadline
   * @throws IllegalStateException if the deadline already expired or its scope has exited
   */
  public void reschedule(Duration timeout) {
    while (true) {
      long current = state;
      long phase = current & PHASE;
      if (phase != OPEN) {
        throw new IllegalStateException(
            phase == CLOSED
                ? "cannot reschedule the deadline of a timeout scope that has exited"
                : "cannot reschedule a deadline that has expired");
      }
      long next = current + GENERATION;
      if (STATE.compareAndSet(this, current, next)) {
        Future<?> stale = timer;
        if (stale != null) {
          stale.cancel(false);
        }
        schedule(next, timeout, true);
        return;
      }
    }
  }

  /**
   * Whether the deadline has passed while the scope was open, as Python's {@code
   * Timeout.expired()}.
   *
   * @return {@code true} once the deadline fired
   */
  public boolean expired() {
    long phase = state & PHASE;
    return phase == FIRING || phase == EXPIRED;
  }

  /**
   * When the deadline passes, like Python's {@code Timeout.when()}, on the wall clock (the timer
   * itself measures elapsed time, unaffected by clock changes).
   *
   * @return the instant, or empty when there is no deadline
   */
  public Optional<Instant> when() {
    return Optional.ofNullable(instant());
  }

  /** The instant of the deadline, or {@code null} when there is none. */
  private Instant instant() {
    while (true) {
      Object current = when;
      if (current instanceof Instant) {
        return (Instant) current;
      }
      if (current == NONE) {
        return null;
      }
      // The timer's delay, read before the wall clock so that the instant is never early;
      // computed once: the first answer is kept, unless a reschedule replaced the timer.
      long remaining = ((ScheduledFuture<?>) current).getDelay(TimeUnit.NANOSECONDS);
      Instant computed = Instant.now().plusNanos(remaining);
      if (WHEN.compareAndSet(this, current, computed)) {
        return computed;
      }
    }
  }

  @Override
  public String toString() {
    Instant at = instant();
    String status = expired() ? "expired" : (state & PHASE) == CLOSED ? "exited" : "open";
    return "Deadline[" + status + (at == null ? ", none" : ", at " + at) + "]";
  }

  /**
   * Starts the timer of {@code generation}.
   *
   * @param published whether other threads may see the deadline already (a reschedule): the first
   *     schedule runs before the factory hands the deadline out, so its writes need no fence of
   *     their own (whoever receives the deadline from this thread synchronizes with it, and the
   *     timer's task reads neither field)
   */
  private void schedule(long generation, Duration timeout, boolean published) {
    if (timeout == null) {
      timer = null;
      when = NONE;
      return;
    }
    if (timeout.isZero() || timeout.isNegative()) {
      timer = null;
      when = instantAfter(timeout);
      fire(generation, false);
      return;
    }
    long nanos = saturatedNanos(timeout);
    ScheduledFuture<?> scheduled =
        scheduler().schedule(new Expiry(this, generation), nanos, TimeUnit.NANOSECONDS);
    // The instant is left to the timer, and computed only if asked for; a delay the scheduler
    // would clamp (over a century) cannot tell it, so it is computed now.
    Object at = nanos <= EXACT_NANOS ? scheduled : instantAfter(timeout);
    if (published) {
      timer = scheduled;
      when = at;
    } else {
      TIMER.setRelease(this, scheduled);
      WHEN.setRelease(this, at);
    }
  }

  /** The deadline passes: interrupts the thread or cancels the body, unless it moved or closed. */
  private void fire(long generation, boolean onTimerThread) {
    if (thread != null) {
      if (STATE.compareAndSet(this, generation, generation | FIRING)) {
        thread.interrupt();
        STATE.setVolatile(this, generation | EXPIRED);
      }
      return;
    }
    if (STATE.compareAndSet(this, generation, generation | EXPIRED)) {
      CompletionStage<?> stage = body;
      if (stage != null) {
        cancel(stage, onTimerThread);
      }
    }
  }

  /**
   * Makes {@code stage}, the body's, the one to cancel when the deadline passes; cancels it at once
   * if it already passed.
   *
   * @return {@code stage}
   */
  <S extends CompletionStage<?>> S guard(S stage) {
    if (stage != null) {
      body = stage;
      if (expired()) {
        Stages.cancel(stage);
      }
    }
    return stage;
  }

  /**
   * Closes the deadline when its scope exits, and tells what the scope's outcome is.
   *
   * @param failure the body's failure, or {@code null}
   * @return {@code false} when the deadline did not expire, or when it did but the body still
   *     succeeded or failed with a {@link TimeoutException} of its own; otherwise a stage failed with
   *     a {@link TimeoutException} whose cause is {@code failure}
   */
  CompletionStage<Boolean> exit(Throwable failure) {
    TimeoutException timedOut = close(failure);
    return timedOut == null ? Stages.of(false) : Stages.failed(timedOut);
  }

  /**
   * Closes the deadline when its scope exits: {@link #exit} without a stage, for the blocking
   * {@code call} and {@code run}.
   *
   * @param failure the body's failure, or {@code null}
   * @return the {@link TimeoutException} that replaces {@code failure}, or {@code null} when the
   *     outcome is the body's
   * @throws IllegalStateException if the deadline was closed already
   */
  TimeoutException close(Throwable failure) {
    while (true) {
      long current = state;
      long phase = current & PHASE;
      if (phase == OPEN) {
        if (STATE.compareAndSet(this, current, current | CLOSED)) {
          Future<?> pending = timer;
          if (pending != null) {
            pending.cancel(false);
          }
          return null;
        }
      } else if (phase == FIRING) {
        Thread.onSpinWait(); // the timer is interrupting the thread right now
      } else if (phase == EXPIRED) {
        break;
      } else {
        throw new IllegalStateException("the timeout scope has already exited");
      }
    }
    if (thread == Thread.currentThread()) {
      Thread.interrupted(); // clear the interrupt the deadline caused
    }
    if (failure == null || failure instanceof TimeoutException) {
      return null;
    }
    TimeoutException timeout = new TimeoutException("the deadline of the timeout scope expired");
    timeout.initCause(failure);
    return timeout;
  }

  /**
   * The timer's task for one generation. A {@link Callable}, which the scheduler runs as it is: a
   * {@code Runnable} would cost one more object per deadline, the adapter the scheduler wraps it in.
   */
  private static final class Expiry implements Callable<Void> {
    private final Deadline deadline;
    private final long generation;

    Expiry(Deadline deadline, long generation) {
      this.deadline = deadline;
      this.generation = generation;
    }

    @Override
    public Void call() {
      deadline.fire(generation, true);
      return null;
    }
  }

  private static void cancel(CompletionStage<?> stage, boolean onTimerThread) {
    if (onTimerThread) {
      // Cancelling runs the body's dependent stages, user code: never on the timer thread.
      ForkJoinPool.commonPool().execute(() -> Stages.cancel(stage));
    } else {
      Stages.cancel(stage);
    }
  }

  private static Instant instantAfter(Duration timeout) {
    try {
      return Instant.now().plus(timeout);
    } catch (ArithmeticException | DateTimeException beyondTheCalendar) {
      return timeout.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  private static long saturatedNanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** The scheduler of every deadline's timer; created on first use. */
  static ScheduledExecutorService scheduler() {
    return Timers.SCHEDULER;
  }

  /**
   * The one timer thread of every deadline: a daemon thread, started the first time a deadline is
   * scheduled (the holder idiom: lazy, safe, lock-free). Its tasks only interrupt a thread or hand a
   * cancellation over to the common pool, so that no user code ever runs on it and one thread
   * serves any number of timeouts.
   */
  private static final class Timers {
    static final ScheduledExecutorService SCHEDULER = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "scopegen-timeouts");
                thread.setDaemon(true);
                return thread;
              });
      // A deadline that is met cancels its timer: drop it from the queue at once, so that many
      // long timeouts that end early do not pile up.
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
