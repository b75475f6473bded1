package dev.scopegen.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that blocking {@code @ScopedResource} methods run on when their scope is entered and
 * exited separately.
 *
 * <ul>
 *   <li>When the JDK has virtual threads (JDK 21 and later), a new virtual thread per method: they
 *       cost little to start, and a method that waits at its yield holds no carrier thread.
 *   <li>Before that, daemon platform threads, kept for reuse: starting a platform thread costs tens
 *       of microseconds, far more than the handoff to a thread that waits for work. A thread that
 *       finishes a method waits {@value #KEEP_ALIVE_SECONDS} seconds for the next one (a handoff
 *       through a {@link SynchronousQueue}: park and unpark, no lock) and then ends; there are as
 *       many threads as methods suspended at once, never fewer. Each method runs with the context
 *       class loader of the thread that entered its scope and no interrupt left over; a thread
 *       keeps the name of the last method it ran while it waits.
 * </ul>
 *
 * <p>The choice is made once, when this class is initialized, through method handles, so that the
 * runtime compiles for Java 17.
 */
final class GeneratorThreads {

  /** How long a pooled platform thread waits for the next method before it ends. */
  static final long KEEP_ALIVE_SECONDS = 30;

  private static final String PREFIX = "@ScopedResource ";

  /** Virtual threads, or {@code null} when the JDK has none. */
  private static final ThreadFactory VIRTUAL = virtualThreads();

  private GeneratorThreads() {}

  /** Runs {@code task} on a thread of its own named after the method {@code name}. */
  static void start(String name, Runnable task) {
    if (VIRTUAL != null) {
      Thread thread = VIRTUAL.newThread(task);
      thread.setName(threadName(name));
      thread.start();
      return;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Pool.EXECUTOR.execute(
        () -> {
          Thread self = Thread.currentThread();
          if (!isNamedFor(self, name)) {
            self.setName(threadName(name));
          }
          self.setContextClassLoader(loader);
          task.run();
        });
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
   * The pool of platform threads, created on first use (the holder idiom): a cached pool of daemon
   * threads handing work over through a {@link SynchronousQueue}.
   */
  private static final class Pool {
    static final Executor EXECUTOR = create();

    private static Executor create() {
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(
              0,
              Integer.MAX_VALUE,
              KEEP_ALIVE_SECONDS,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              task -> {
                Thread thread = new Thread(task, "scopegen-generator-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      return executor;
    }
  }
}
