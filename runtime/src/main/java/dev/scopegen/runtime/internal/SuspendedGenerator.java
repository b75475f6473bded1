package dev.scopegen.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * One invocation of a blocking {@code @ScopedResource} method on a thread of its own, for the split
 * {@code enter}/{@code exit} protocol of {@link BlockingGenerator}.
 *
 * <p>The thread runs the method until it yields, completes {@link #start}'s stage with the
 * resource, and waits at the yield until {@link #resume} hands it the body's outcome; then the
 * method goes on with its cleanup, and {@code resume}'s stage completes with the outcome.
 *
 * <p>An interrupt of the method's thread while it waits at the yield (a {@code Scopes.timeout}
 * around the yield, say) is handed to the body through {@link BodyLink}: the body's stage is
 * cancelled, or its thread interrupted. The method goes on waiting for the body's outcome, which it
 * then sees at its yield, as it would if the body ran on the method's thread.
 *
 * <p>The handoffs between the caller and the method's thread spin briefly before they park, as
 * {@link GeneratorThreads} describes: when the caller hands the method to a thread that is spinning
 * for work, {@link #start} waits a few microseconds for the yield, and {@link #resume} for the
 * method's end when the method was spinning at its yield. A short method and body then run as a
 * chain of handoffs between running threads, and {@code use} or an exit stack goes on at once with
 * stages that are already complete, without waking a parked thread; a slow one costs the caller
 * those microseconds more, and then the method completes the stages as before.
 *
 * @param <T> the resource type
 */
final class SuspendedGenerator<T> extends SingleYield<T> implements GeneratorThreads.Task {

  /** The outcome of a body that succeeded. */
  private static final Object SUCCEEDED = new Object();

  private static final VarHandle OUTCOME =
      Stages.field(MethodHandles.lookup(), SuspendedGenerator.class, "outcome", Object.class);

  private final BlockingGenerator.Method<T> method;
  private final BodyLink<T> entered = new BodyLink<>();
  private final CompletableFuture<Boolean> exited = new CompletableFuture<>();

  /** Set once by {@link #resume}: the body's failure, or {@link #SUCCEEDED}; {@code null} before. */
  private volatile Object outcome;

  /** The method's thread once it parks for the outcome: {@link #resume} unparks it. */
  private volatile Thread parked;

  /**
   * The thread that runs the method, once it runs: a plain field, which a thread only ever compares
   * with itself, so that a stale value never matters.
   */
  private Thread thread;

  SuspendedGenerator(String name, BlockingGenerator.Method<T> method) {
    super(name);
    this.method = method;
  }

  /** Starts the method's thread; the stage completes when the method yields. */
  CompletionStage<T> start() {
    boolean running = GeneratorThreads.start(name, this);
    // A short method yields a moment after a running thread took it, and one wake-up after a
    // parked or new one did: wait that long for it here, rather than have the caller park.
    long budget = running ? GeneratorThreads.SPIN_NANOS : GeneratorThreads.WAKE_NANOS;
    long start = System.nanoTime();
    for (int round = 0; !entered.isDone(); round++) {
      if (GeneratorThreads.waitedOut(round, start, budget)) {
        break;
      }
    }
    return entered;
  }

  /** Resumes the method at its yield; the stage completes when the method has returned. */
  CompletionStage<Boolean> resume(Throwable failure) {
    if (!Stages.isDoneNormally(entered) || outcome != null) {
      throw GeneratorOutcome.notEntered(name);
    }
    entered.bodyEnded();
    if (!OUTCOME.compareAndSet(this, null, failure == null ? SUCCEEDED : failure)) {
      throw GeneratorOutcome.notEntered(name);
    }
    if (thread == Thread.currentThread()) {
      return exited; // the body ran on the method's thread, which goes on once this returns
    }
    // As in start: a short cleanup ends a moment after the method was resumed, or one wake-up.
    Thread waiting = parked;
    long budget = GeneratorThreads.SPIN_NANOS;
    if (waiting != null) {
      LockSupport.unpark(waiting);
      budget = GeneratorThreads.WAKE_NANOS;
    }
    long start = System.nanoTime();
    for (int round = 0; !exited.isDone(); round++) {
      if (GeneratorThreads.waitedOut(round, start, budget)) {
        break;
      }
    }
    return exited;
  }

  /** Whether {@link #resume} was called: for {@link LeakDetector}. */
  boolean isResumed() {
    return outcome != null;
  }

  /** The stage that completes when the method yields: for {@link LeakDetector}. */
  CompletionStage<T> yielded() {
    return entered;
  }

  @Override
  public boolean run(Runnable idle) {
    thread = Thread.currentThread();
    Throwable methodFailure = null;
    try {
      method.invoke(this);
    } catch (Throwable failure) {
      methodFailure = failure;
    }
    if (!methodReturned()) {
      idle.run();
      boolean woke = hasWaiters(entered);
      entered.completeExceptionally(
          methodFailure != null ? methodFailure : GeneratorOutcome.didNotYield(name));
      return woke;
    }
    Throwable bodyFailure = awaitOutcome(false, GeneratorThreads.SPIN_NANOS);
    Throwable replacement = replacement(bodyFailure, methodFailure);
    idle.run();
    boolean woke = hasWaiters(exited);
    if (replacement != null) {
      exited.completeExceptionally(replacement);
    } else {
      exited.complete(GeneratorOutcome.suppresses(bodyFailure, methodFailure));
    }
    return woke;
  }

  @Override
  void atYield(T resource) {
    // A caller that parked for the yield (an exit stack's enter, which blocks, when the method took
    // longer than the caller's spin) takes a wake-up to come back with the body's outcome: wait that
    // long for it, as the caller waits for a thread it woke, rather than park meanwhile and make
    // the caller wake this thread in turn. A caller that chained the body to the stage (use) runs
    // it right here, inside complete, and the outcome is there when it returns.
    boolean woke = hasWaiters(entered);
    entered.complete(resource);
    Throwable bodyFailure =
        awaitOutcome(true, woke ? GeneratorThreads.WAKE_NANOS : GeneratorThreads.SPIN_NANOS);
    if (bodyFailure != null) {
      throw Stages.sneakyThrow(bodyFailure);
    }
  }

  /** Whether a thread or a stage waits for {@code stage}, which is about to complete. */
  private static boolean hasWaiters(CompletableFuture<?> stage) {
    return stage.getNumberOfDependents() != 0;
  }

  /**
   * Waits for {@link #resume}, spinning for {@code budget} nanoseconds first, and returns the
   * body's failure or {@code null}. The wait cannot be interrupted. At the yield, an interrupt
   * while waiting is a cancel request for the body; one that comes when the body has already ended
   * is kept on this thread, for the method to see. After the method returned, every interrupt is
   * kept.
   */
  private Throwable awaitOutcome(boolean atYield, long budget) {
    Object resumed = outcome;
    if (resumed == null) {
      Thread self = Thread.currentThread();
      long start = System.nanoTime();
      for (int round = 0; (resumed = outcome) == null && !self.isInterrupted(); round++) {
        if (GeneratorThreads.waitedOut(round, start, budget)) {
          break;
        }
      }
      if (resumed == null) {
        resumed = park(self, atYield);
      }
    }
    return resumed == SUCCEEDED ? null : (Throwable) resumed;
  }

  private Object park(Thread self, boolean atYield) {
    boolean keep = false;
    parked = self;
    Object resumed;
    while ((resumed = outcome) == null) {
      if (Thread.interrupted()) {
        keep |= !(atYield && entered.cancelBody());
      } else {
        LockSupport.park(this);
      }
    }
    if (keep) {
      self.interrupt();
    }
    return resumed;
  }
}
