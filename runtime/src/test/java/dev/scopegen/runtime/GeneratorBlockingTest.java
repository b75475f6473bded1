package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.BlockingGenerator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What only the blocking generator engine does: it runs the method on the calling thread for
 * {@code call}/{@code run} and on a thread of its own for {@code enter}/{@code exit} and {@code
 * use}. The contract both engines keep is {@link GeneratorContractTest}.
 */
@Timeout(10)
class GeneratorBlockingTest {

  private final List<String> log = new CopyOnWriteArrayList<>();

  /** A generator that logs its setup and cleanup and yields {@code "resource"}. */
  private BlockingGenerator<String> logging() {
    return new BlockingGenerator<>(
        "logging",
        y -> {
          log.add("setup");
          try {
            y.yield("resource");
            log.add("after yield");
          } finally {
            log.add("finally");
          }
        });
  }

  @Test
  void callRunsSetupBodyAndCleanupInOrderOnTheCallingThread() throws Exception {
    Thread caller = Thread.currentThread();
    AtomicReference<Thread> generatorThread = new AtomicReference<>();
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "inline",
            y -> {
              generatorThread.set(Thread.currentThread());
              log.add("setup");
              y.yield("resource");
              log.add("cleanup");
            });

    String result =
        scope.call(
            resource -> {
              log.add("body " + resource);
              return "result";
            });

    assertEquals("result", result);
    assertEquals(List.of("setup", "body resource", "cleanup"), log);
    assertSame(caller, generatorThread.get());
  }

  @Test
  void yieldAfterTheGeneratorReturnedFails() throws Exception {
    AtomicReference<Yield<String>> leaked = new AtomicReference<>();
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "leaky",
            y -> {
              leaked.set(y);
              y.yield("resource");
            });
    scope.run(resource -> log.add("body"));

    assertThrows(IllegalStateException.class, () -> leaked.get().yield("late"));
    assertEquals(List.of("body"), log);
  }

  @Test
  void enterRunsTheGeneratorOnItsOwnDaemonThreadUntilTheYield() throws Exception {
    AtomicReference<Thread> generatorThread = new AtomicReference<>();
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "threaded",
            y -> {
              generatorThread.set(Thread.currentThread());
              log.add("setup");
              y.yield("resource");
              log.add("cleanup");
            });

    String resource = scope.enter().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals("resource", resource);
    assertEquals(List.of("setup"), log);

    Boolean suppress = scope.exit(resource, null).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertFalse(suppress);
    assertEquals(List.of("setup", "cleanup"), log);
    Thread thread = generatorThread.get();
    assertNotSame(Thread.currentThread(), thread);
    assertTrue(thread.isDaemon());
    assertEquals("@ScopedResource threaded", thread.getName());
    if (Runtime.version().feature() >= 21) {
      assertEquals(true, Thread.class.getMethod("isVirtual").invoke(thread));
    }
  }

  @Test
  void useRunsAnAsynchronousBodyWhileTheGeneratorWaitsAtItsYield() throws Exception {
    CompletableFuture<String> entered = new CompletableFuture<>();
    CompletableFuture<String> body = new CompletableFuture<>();

    CompletableFuture<String> result =
        logging()
            .use(
                resource -> {
                  entered.complete(resource);
                  return body;
                });
    assertEquals("resource", entered.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("setup"), log);
    body.complete("result");

    assertEquals("result", result.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("setup", "after yield", "finally"), log);
  }

  @Test
  void cancellingUseThrowsCancellationIntoTheGeneratorAndWaitsForItsCleanup() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "cancelled",
            y -> {
              try {
                y.yield("resource");
              } catch (CancellationException e) {
                seen.complete("cancelled");
                throw e;
              }
            });
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> entered = new CompletableFuture<>();

    CompletableFuture<String> result =
        scope.use(
            resource -> {
              entered.complete(resource);
              return body;
            });
    entered.get(5, TimeUnit.SECONDS);
    assertTrue(result.cancel(true));

    assertThrows(CancellationException.class, () -> result.get(5, TimeUnit.SECONDS));
    assertEquals("cancelled", seen.getNow("not yet"));
    assertTrue(body.isCancelled());
  }
}
