package dev.scopegen.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * The threads that blocking {@code @ScopedResource} methods run on when their scope is entered and
 * exited separately: virtual threads when the JDK has them (JDK 21 and later), daemon platform
 * threads otherwise. Found once, when this class is initialized, through method handles, so that
 * the runtime compiles for Java 17.
 */
final class GeneratorThreads {

  private static final ThreadFactory FACTORY = factory();

  private GeneratorThreads() {}

  /**
   * Starts {@code task} on a new thread named after the method {@code name}.
   */
  static void start(String name, Runnable task) {
    Thread thread = FACTORY.newThread(task);
    thread.setName("@ScopedResource " + name);
    thread.start();
  }

  /** {@code Thread.ofVirtual().factory()} when it exists and is enabled, else daemon threads. */
  private static ThreadFactory factory() {
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
      return GeneratorThreads::daemonThread;
    } catch (Throwable unexpected) {
      throw new ExceptionInInitializerError(unexpected);
    }
  }

  private static Thread daemonThread(Runnable task) {
    Thread thread = new Thread(task);
    thread.setDaemon(true);
    return thread;
  }
}
