package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.BlockingGenerator;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A blocking generator entered split runs on a pooled thread (virtual from JDK 21 on, a daemon
 * platform thread before): the next method reuses it, named for that method, with the entering
 * thread's context class loader and no interrupt left over from the method before.
 */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class GeneratorThreadReuseTest {

  private static final class Seen {
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final AtomicReference<ClassLoader> loader = new AtomicReference<>();
    final AtomicReference<Boolean> interrupted = new AtomicReference<>();
  }

  private static BlockingGenerator<String> generator(String name, Seen seen, boolean interrupt) {
    return new BlockingGenerator<>(
        name,
        y -> {
          Thread self = Thread.currentThread();
          seen.thread.set(self);
          seen.loader.set(self.getContextClassLoader());
          seen.interrupted.set(self.isInterrupted());
          y.yield(name);
          if (interrupt) {
            self.interrupt(); // left behind when the method returns
          }
        });
  }

  @Test
  void aSplitBlockingGeneratorReusesAPooledThreadCleanly() throws Exception {
    Seen first = new Seen();
    assertEquals(
        "first",
        generator("first", first, true)
            .use(resource -> CompletableFuture.completedFuture(resource))
            .get(5, TimeUnit.SECONDS));

    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = new URLClassLoader(new URL[0], previous);
    Seen second = new Seen();
    try {
      Thread.currentThread().setContextClassLoader(loader);
      // The first thread goes back to the pool after the method returned: give it a moment.
      for (int attempt = 0; attempt < 50 && second.thread.get() != first.thread.get(); attempt++) {
        Thread.sleep(20);
        second = new Seen();
        generator("second", second, false)
            .use(resource -> CompletableFuture.completedFuture(resource))
            .get(5, TimeUnit.SECONDS);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    Thread reused = second.thread.get();
    assertSame(first.thread.get(), reused, "the pooled thread was not reused");
    assertNotSame(Thread.currentThread(), reused);
    assertTrue(reused.isDaemon());
    assertEquals("@ScopedResource second", reused.getName());
    assertSame(loader, second.loader.get());
    assertFalse(second.interrupted.get(), "an interrupt of the method before was left over");
    if (Runtime.version().feature() >= 21) {
      assertEquals(true, Thread.class.getMethod("isVirtual").invoke(reused));
    }
  }
}
