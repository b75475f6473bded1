package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A semaphore whose waiters suspend instead of blocking a thread: Python's {@code
 * asyncio.BoundedSemaphore}, and with one permit its {@code asyncio.Lock}.
 *
 * <pre>{@code
 * AsyncSemaphore lock = new AsyncSemaphore(1);
 * Scopes.permit(lock).use(held -> saveAsync(counter.incrementAndGet()));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #acquire} never blocks: it returns a stage that completes when the permit is
 *       granted, at once if one is free.
 *   <li>Waiters are served in the order they called {@code acquire} (FIFO), and a permit released
 *       while someone waits passes straight to the first waiter: a newcomer never takes it first.
 *   <li>A waiter whose stage is cancelled (or completed in any other way, for example by {@link
 *       CompletableFuture#orTimeout}) leaves the queue and takes nothing: the permit passes over it
 *       to the next waiter. A cancel that races with the grant either wins, and the permit goes to
 *       the next waiter, or loses ({@code cancel} returns {@code false}), and the waiter holds the
 *       permit and must release it. (A cancelled stage is dropped from memory when the next
 *       release reaches it.)
 *   <li>The semaphore is bounded: releasing more permits than were taken is a bug, and {@link
 *       #release} refuses it, as Python's {@code Lock} and {@code BoundedSemaphore} do.
 * </ul>
 *
 * <p>The stage of a waiter is completed by the thread that releases the permit, so its dependent
 * stages run there (use the {@code *Async} methods of {@link CompletionStage} to move them
 * elsewhere). A chain of waiters that each release at once is handed the permit one after the
 * other in a loop, not by nested calls: any number of waiters never overflow the stack.
 *
 * <p>Lock-free: no operation blocks or waits for another thread. Use it with {@link
 * Scopes#permit(AsyncSemaphore)}, which releases exactly once per grant, also when {@code use} is
 * cancelled.
 */
public final class AsyncSemaphore {

  private static final VarHandle COUNT =
      Stages.field(MethodHandles.lookup(), AsyncSemaphore.class, "count", int.class);
  private static final VarHandle OWED =
      Stages.field(MethodHandles.lookup(), AsyncSemaphore.class, "owed", int.class);
  private static final VarHandle DRAINING =
      Stages.field(MethodHandles.lookup(), AsyncSemaphore.class, "draining", int.class);

  private final int permits;

  /**
   * The permits not held, minus the waiters that are counted: negative while waiters queue up.
   * Every {@code acquire} takes one from it; every {@code release} gives one back and, if it was
   * negative, owes that permit to a waiter.
   */
  @SuppressWarnings("unused") // accessed through COUNT
  private volatile int count;

  /** Permits released for waiters and not yet handed to one. */
  @SuppressWarnings("unused") // accessed through OWED
  private volatile int owed;

  /** The drain loop's work counter: whoever raises it from zero hands out the owed permits. */
  @SuppressWarnings("unused") // accessed through DRAINING
  private volatile int draining;

  /** Waiters, in arrival order; only the thread in the drain loop takes them out. */
  private final ConcurrentLinkedQueue<Waiter<?>> waiters = new ConcurrentLinkedQueue<>();

  /**
   * Creates a semaphore with {@code permits} free permits.
   *
   * @param permits how many holders at once, at least one ({@code 1} makes a lock)
   * @throws IllegalArgumentException if {@code permits} is less than one
   */
  public AsyncSemaphore(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("an AsyncSemaphore needs at least one permit: " + permits);
    }
    this.permits = permits;
    COUNT.setRelease(this, permits);
  }

  /**
   * Takes a permit: Python's {@code await semaphore.acquire()}. Never blocks.
   *
   * <p>The stage is a {@link CompletableFuture}: cancel it ({@code
   * acquire().toCompletableFuture().cancel(false)}) to stop waiting; the waiter then leaves the
   * queue and takes nothing. If {@code cancel} returns {@code false}, the permit was granted first
   * and must be released.
   *
   * @return a stage that completes with {@code null} when the permit is granted, already completed
   *     when one was free
   */
  public CompletionStage<Void> acquire() {
    return acquire(null, Stages.done());
  }

  /**
   * Takes a permit, for {@link Scopes#permit(AsyncSemaphore)}: like {@link #acquire}, with {@code
   * value} as the grant.
   *
   * @param <T> the value's type
   * @param value what the stage of a waiter completes with
   * @param free the stage to return when a permit is free at once, completed with {@code value}
   * @return {@code free}, or the stage of a new waiter
   */
  <T> CompletionStage<T> acquire(T value, CompletionStage<T> free) {
    if ((int) COUNT.getAndAdd(this, -1) > 0) {
      return free;
    }
    Waiter<T> waiter = new Waiter<>(value);
    waiters.offer(waiter);
    drain(); // a release may already owe this waiter its permit
    return waiter;
  }

  /**
   * Gives a permit back: Python's {@code semaphore.release()}. If someone waits, the permit passes
   * straight to the first waiter, whose stage completes on this thread.
   *
   * @throws IllegalStateException if every permit is already free: more releases than grants
   */
  public void release() {
    while (true) {
      int current = count;
      if (current >= permits) {
        throw new IllegalStateException(
            "release() without a permit to give back: all " + permits + " permits are free");
      }
      if (COUNT.compareAndSet(this, current, current + 1)) {
        if (current < 0) {
          owe();
        }
        return;
      }
    }
  }

  /**
   * The permits free right now: Python's {@code semaphore._value}, and for one permit {@code not
   * lock.locked()}. Zero while anyone waits.
   *
   * @return the number of permits that an {@code acquire} would get at once
   */
  public int availablePermits() {
    return Math.max(0, count);
  }

  @Override
  public String toString() {
    int current = count;
    return "AsyncSemaphore["
        + Math.max(0, current)
        + " of "
        + permits
        + " free"
        + (current < 0 ? ", " + -current + " waiting" : "")
        + "]";
  }

  /** Owes one released permit to the first waiter, and hands it over unless someone else does. */
  private void owe() {
    OWED.getAndAdd(this, 1);
    drain();
  }

  /**
   * Hands owed permits to waiters in order. One thread at a time runs the loop; a thread that finds
   * it running leaves its work to it, which is also how a waiter's dependent code that releases at
   * once does not recurse.
   */
  private void drain() {
    if ((int) DRAINING.getAndAdd(this, 1) != 0) {
      return;
    }
    int missed = 1;
    while (true) {
      while (owed > 0) {
        Waiter<?> waiter = waiters.poll();
        if (waiter == null) {
          break; // its acquirer has counted itself but not queued yet: it drains when it has
        }
        OWED.getAndAdd(this, -1);
        if (!waiter.grant()) {
          // Cancelled before the grant: it takes nothing, its permit goes on as a new release.
          if ((int) COUNT.getAndAdd(this, 1) < 0) {
            OWED.getAndAdd(this, 1);
          }
        }
      }
      missed = (int) DRAINING.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  /** One waiting {@code acquire}: its stage, and what it completes with when granted. */
  private static final class Waiter<T> extends CompletableFuture<T> {
    private final T value;

    Waiter(T value) {
      this.value = value;
    }

    /** Completes the stage; {@code false} when it was cancelled (or completed) first. */
    boolean grant() {
      return complete(value);
    }
  }
}
