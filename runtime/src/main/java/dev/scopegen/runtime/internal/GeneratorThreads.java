package dev.scopegen.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that blocking {@code @ScopedResource} methods run on when their scope is entered and
 * exited separately, and the handoffs between those threads and their callers.
 *
 * <p>A thread that finishes a method waits for the next one, at most {@value #MAX_IDLE} threads at
 * a time, each for {@value #KEEP_ALIVE_SECONDS} seconds before it ends; the thread that finished
 * last is the first one taken. Virtual threads when the JDK has them (JDK 21 and later): a method
 * that waits at its yield holds no carrier thread. Before that, daemon platform threads. A thread
 * runs each method under its name ({@code @ScopedResource name}), with the context class loader of
 * the thread that entered the scope and no interrupt left over from the method before; between
 * methods it holds no class loader. Thread-locals that a method leaves set stay on its thread, as
 * they do on any pooled thread.
 *
 * <p>Handoffs. Waking a parked thread costs microseconds, tens of them on an idle machine whose
 * cores sleep, so a thread that waits for the other side of a handoff first spins for at most
 * {@link #SPIN_NANOS} (never on a single core) and only then parks: a thread that has just finished
 * a method, for the next one; a method at its yield, for the body's outcome; the caller,
 * for the yield after it handed the method to a thread that was spinning, and for the method's end
 * after it resumed a method that was spinning at its yield. A thread that had to wake the other
 * side waits about one wake-up ({@link #WAKE_NANOS}) for its reply instead: the caller after it
 * woke or started the method's thread, and the method's thread after the yield or the end it
 * completed woke a caller that had parked for it (an exit stack's enter or close), so that the
 * next handoffs find both threads running again rather than each parking while the other wakes.
 * No thread spins when nothing is in flight but the microseconds after a method ended.
 *
 * <p>The choice of thread kind is made once, when this class is initialized, through method
 * handles, so that the runtime compiles for Java 17.
 */
final class GeneratorThreads {

  /** How long an idle thread waits for the next method before it ends. */
  static final long KEEP_ALIVE_SECONDS = 30;

  /** How many threads wait for the next method at most; one that finishes beyond ends. */
  static final int MAX_IDLE = 256;

  /**
   * How long a thread spins for the other side of a handoff before it parks: a few microseconds, a
   * handoff between two running threads takes well under one. None on a single core.
   */
  static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 5_000 : 0;

  /**
   * How long a caller that had to wake or start a thread spins for it before it parks: about one
   * wake-up of a parked thread on an idle machine. Waiting that long keeps the caller's own wake-up
   * off the path, and the next handoffs find both threads running.
   */
  static final long WAKE_NANOS = SPIN_NANOS == 0 ? 0 : 20_000;

  private static final String PREFIX = "@ScopedResource ";

  /** Virtual threads, or {@code null} when the JDK has none. */
  private static final ThreadFactory VIRTUAL = virtualThreads();

  /** The idle threads, the one that finished last on top. */
  private static final AtomicReference<Idle> IDLE = new AtomicReference<>();

  private GeneratorThreads() {}

  /** A method to run on a pooled thread. */
  interface Task {

    /**
     * Runs the method. Calls {@code idle.run()} once, on this thread, when the method has ended and
     * only the stage its caller waits for is left to complete: the thread becomes idle first, so
     * that the caller's next method finds it there.
     *
     * @param idle makes the thread idle
     * @return whether completing that stage woke a caller that had parked for it: the thread then
     *     waits about one wake-up ({@link #WAKE_NANOS}) for the caller's next method before it
     *     parks, rather than park while the caller wakes
     */
    boolean run(Runnable idle);
  }

  /**
   * Runs {@code task} on a thread of its own named after the method {@code name}: an idle one, or a
   * new one.
   *
   * @return {@code true} when a thread that was spinning for work took it, so that the task is
   *     under way at once; {@code false} when a thread had to be woken or started
   */
  static boolean start(String name, Task task) {
    Thread caller = Thread.currentThread();
    ClassLoader loader = caller.getContextClassLoader();
    Idle top;
    while ((top = IDLE.get()) != null) {
      if (IDLE.compareAndSet(top, top.below)) {
        Worker worker = top.worker;
        if (worker.thread == caller) {
          // The caller is that thread, completing what waited for its method: it can take no
          // method before that returns. It stays idle; the method goes to a new thread.
          worker.push();
          break;
        }
        int taken = worker.offer(name, loader, task);
        if (taken != Worker.RETIRED_ALREADY) {
          return taken == Worker.SPINNING;
        }
      }
    }
    Worker worker = new Worker(name, loader, task);
    Thread thread;
    if (VIRTUAL != null) {
      thread = VIRTUAL.newThread(worker);
      thread.setName(threadName(name));
    } else {
      thread = new Thread(worker, threadName(name));
      thread.setDaemon(true);
    }
    worker.thread = thread;
    thread.start();
    return false;
  }

  /**
   * One round of a wait that began at {@code start} (a {@link System#nanoTime}): spins, and says
   * whether {@code budget} nanoseconds have passed. The clock is read every 8 rounds. It never
   * yields its core: on a machine busy with other processes, {@link Thread#yield} can hand the
   * core away for a whole scheduling slice (milliseconds per handoff, measured), while a spin
   * that gives up and parks costs at most its budget.
   *
   * @param round the rounds waited so far
   * @param start when the wait began
   * @param budget how long to wait, {@link #SPIN_NANOS} or {@link #WAKE_NANOS}
   * @return {@code true} once the budget is spent: park now
   */
  static boolean waitedOut(int round, long start, long budget) {
    if ((round & 7) != 7) {
      Thread.onSpinWait();
      return false;
    }
    return System.nanoTime() - start >= budget;
  }

  private static String threadName(String name) {
    return PREFIX + name;
  }

  /** Whether {@code thread} is named for the method {@code name} already: no string built. */
  private static boolean isNamedFor(Thread thread, String name) {
    String current = thread.getName();
    return current.length() == PREFIX.length() + name.length()
        && current.startsWith(PREFIX)
        && current.endsWith(name);
  }

  /** {@code Thread.ofVirtual().factory()} when it exists and is enabled, else {@code null}. */
  private static ThreadFactory virtualThreads() {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      Class<?> builder = lookup.findClass("java.lang.Thread$Builder");
      Class<?> virtualBuilder = lookup.findClass("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualBuilder));
      MethodHandle factory =
          lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
      return (ThreadFactory) factory.invoke(ofVirtual.invoke());
    } catch (ReflectiveOperationException | UnsupportedOperationException noVirtualThreads) {
      // Before JDK 19 there is no Thread.ofVirtual; on JDK 19 and 20 it is a disabled preview.
      return null;
    } catch (Throwable unexpected) {
      throw new ExceptionInInitializerError(unexpected);
    }
  }

  /**
   * An entry of the stack of idle threads: a new one each time a thread becomes idle, so that a
   * compare-and-set of the top never mistakes an entry for an older one.
   */
  private static final class Idle {
    final Worker worker;
    final Idle below;
    final int depth;

    Idle(Worker worker, Idle below) {
      this.worker = worker;
      this.below = below;
      this.depth = below == null ? 1 : below.depth + 1;
    }
  }

  /** A thread's loop: runs a method, becomes idle, and waits for the next one. */
  private static final class Worker implements Runnable {
    static final int SPINNING = 0;
    static final int PARKED = 1;
    static final int RETIRED_ALREADY = 2;

    /** The task of a worker that has ended: no task can be handed to it any more. */
    private static final Task RETIRED = idle -> false;

    private static final VarHandle TASK =
        Stages.field(MethodHandles.lookup(), Worker.class, "task", Task.class);

    /** The method's name and its caller's class loader: written before the task, read after. */
    private String name;

    private ClassLoader loader;

    /** The next task, {@code null} while the worker waits for one, or {@link #RETIRED}. */
    private volatile Task task;

    /** Hands {@link #becomeIdle} to the task. */
    private final Runnable idle = this::becomeIdle;

    /** Whether the worker became idle during this task: read and written by its thread only. */
    private boolean idleNow;

    /** Whether the worker ends after this task, the stack of idle workers being full. */
    private boolean ending;

    /** Whether the worker gave up spinning for a task and parks: a handoff must unpark it. */
    private volatile boolean parking;

    /** Set before the thread starts. */
    Thread thread;

    Worker(String name, ClassLoader loader, Task task) {
      this.name = name;
      this.loader = loader;
      this.task = task;
    }

    /** Hands {@code next} to this idle worker; says whether it was spinning, parked, or gone. */
    int offer(String name, ClassLoader loader, Task next) {
      this.name = name;
      this.loader = loader;
      if (!TASK.compareAndSet(this, null, next)) {
        return RETIRED_ALREADY;
      }
      if (parking) {
        LockSupport.unpark(thread);
        return PARKED;
      }
      return SPINNING;
    }

    @Override
    public void run() {
      Thread self = Thread.currentThread();
      Task next = task;
      while (next != null) {
        if (!isNamedFor(self, name)) {
          self.setName(threadName(name));
        }
        self.setContextClassLoader(loader);
        loader = null;
        Thread.interrupted(); // none left over from before, or from while it was idle
        idleNow = false;
        boolean woke = next.run(idle);
        self.setContextClassLoader(null);
        becomeIdle();
        next = ending ? null : awaitNext(woke ? WAKE_NANOS : SPIN_NANOS);
      }
    }

    /** Once per task: joins the idle workers, or ends after the task when there are enough. */
    private void becomeIdle() {
      if (idleNow) {
        return;
      }
      idleNow = true;
      task = null;
      Idle top = IDLE.get();
      ending = top != null && top.depth >= MAX_IDLE;
      if (!ending) {
        push();
      }
    }

    /** Puts this worker on top of the idle ones. */
    void push() {
      Idle top;
      do {
        top = IDLE.get();
      } while (!IDLE.compareAndSet(top, new Idle(this, top)));
    }

    /**
     * Waits for the next task, idle, spinning for {@code budget} nanoseconds before it parks;
     * {@code null} when the worker ends instead.
     */
    private Task awaitNext(long budget) {
      Task next;
      long start = System.nanoTime();
      for (int round = 0; (next = task) == null; round++) {
        if (waitedOut(round, start, budget)) {
          return parkForNext();
        }
      }
      return next;
    }

    private Task parkForNext() {
      parking = true;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS);
      Task next;
      while ((next = task) == null) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          if (TASK.compareAndSet(this, null, RETIRED)) {
            thread = null; // its entry may stay on the stack until a caller drops it
            return null;
          }
        } else {
          LockSupport.parkNanos(this, remaining);
          Thread.interrupted(); // an interrupt while idle is for no method: drop it, park again
        }
      }
      parking = false;
      return next;
    }
  }
}
