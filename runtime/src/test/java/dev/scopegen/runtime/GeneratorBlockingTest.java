package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.BlockingGenerator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocking generator engine: Python's {@code @contextmanager} semantics on the calling thread
 * ({@code call}/{@code run}) and on a thread of its own ({@code enter}/{@code exit}, {@code use}).
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
  void runRunsTheBodyInsideTheYield() throws Exception {
    logging().run(resource -> log.add("body " + resource));

    assertEquals(List.of("setup", "body resource", "after yield", "finally"), log);
  }

  @Test
  void bodyFailurePropagatesUnchangedAfterTheFinallyBlock() {
    IOException failure = new IOException("disk full");

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                logging()
                    .run(
                        resource -> {
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertEquals(List.of("setup", "finally"), log);
  }

  @Test
  void generatorThatSwallowsTheFailureSuppressesIt() throws Exception {
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "swallowing",
            y -> {
              try {
                y.yield("resource");
              } catch (IllegalArgumentException swallowed) {
                log.add("swallowed " + swallowed.getMessage());
              }
            });

    String result =
        scope.call(
            resource -> {
              throw new IllegalArgumentException("bad");
            });

    assertNull(result);
    assertEquals(List.of("swallowed bad"), log);
  }

  @Test
  void generatorThatTranslatesTheFailureReplacesItWithTheOriginalAsCause() {
    IOException original = new IOException("io");
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "translating",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable e) {
                throw new IllegalStateException("translated", e);
              }
            });

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                scope.run(
                    resource -> {
                      throw original;
                    }));

    assertEquals("translated", thrown.getMessage());
    assertSame(original, thrown.getCause());
    assertEquals(0, thrown.getSuppressed().length, "reachable as cause, so not suppressed too");
  }

  @Test
  void replacementWithoutCauseKeepsTheOriginalAsSuppressed() {
    RuntimeException original = new RuntimeException("original");
    RuntimeException replacement = new RuntimeException("replacement");
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "replacing",
            y -> {
              try {
                y.yield("resource");
              } catch (RuntimeException e) {
                throw replacement;
              }
            });

    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                scope.run(
                    resource -> {
                      throw original;
                    }));

    assertSame(replacement, thrown);
    assertEquals(List.of(original), List.of(thrown.getSuppressed()));
  }

  @Test
  void failureOfTheCleanupAfterASuccessfulBodyPropagates() {
    IOException cleanupFailure = new IOException("cannot close");
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "failing cleanup",
            y -> {
              y.yield("resource");
              throw cleanupFailure;
            });

    IOException thrown = assertThrows(IOException.class, () -> scope.call(resource -> "result"));

    assertSame(cleanupFailure, thrown);
  }

  @Test
  void generatorThatDoesNotYieldFailsAndTheBodyNeverRuns() {
    BlockingGenerator<String> scope = new BlockingGenerator<>("transaction", y -> log.add("setup"));

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> scope.run(resource -> log.add("body")));

    assertEquals("@ScopedResource transaction did not yield", thrown.getMessage());
    assertEquals(List.of("setup"), log);
  }

  @Test
  void failureBeforeTheYieldPropagatesUnchangedAndTheBodyNeverRuns() {
    IOException setupFailure = new IOException("no connection");
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "setup",
            y -> {
              throw setupFailure;
            });

    IOException thrown =
        assertThrows(IOException.class, () -> scope.run(resource -> log.add("body")));

    assertSame(setupFailure, thrown);
    assertEquals(List.of(), log);
  }

  @Test
  void secondYieldFailsAtOnceSoTheGeneratorFinishesItsCleanup() {
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "twice",
            y -> {
              y.yield("first");
              try {
                y.yield("second");
              } finally {
                log.add("cleanup after the second yield");
              }
            });

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> scope.run(resource -> log.add(resource)));

    assertEquals("@ScopedResource twice yielded more than once", thrown.getMessage());
    assertEquals(List.of("first", "cleanup after the second yield"), log);
  }

  @Test
  void secondYieldFailsEvenWhenTheGeneratorCatchesItsError() {
    RuntimeException bodyFailure = new RuntimeException("body");
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "stubborn",
            y -> {
              try {
                y.yield("first");
              } catch (RuntimeException swallowed) {
                try {
                  y.yield("second");
                } catch (IllegalStateException ignored) {
                  log.add("ignored " + ignored.getMessage());
                }
              }
            });

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                scope.run(
                    resource -> {
                      throw bodyFailure;
                    }));

    assertEquals("@ScopedResource stubborn yielded more than once", thrown.getMessage());
    assertEquals(List.of(bodyFailure), List.of(thrown.getSuppressed()));
    assertEquals(List.of("ignored @ScopedResource stubborn yielded more than once"), log);
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
  void aScopeIsSingleUse() throws Exception {
    BlockingGenerator<String> called = logging();
    called.run(resource -> {});
    BlockingGenerator<String> entered = logging();
    entered.exit(entered.enter().toCompletableFuture().get(), null).toCompletableFuture().get();

    assertThrows(IllegalStateException.class, () -> called.run(resource -> {}));
    assertThrows(IllegalStateException.class, called::enter);
    assertThrows(IllegalStateException.class, entered::enter);
    assertThrows(IllegalStateException.class, () -> entered.call(resource -> "again"));
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
  void exitResumesTheGeneratorWithTheBodyFailure() throws Exception {
    RuntimeException failure = new RuntimeException("body");
    BlockingGenerator<String> rethrowing = logging();
    BlockingGenerator<String> swallowing =
        new BlockingGenerator<>(
            "swallowing",
            y -> {
              try {
                y.yield("resource");
              } catch (RuntimeException e) {
                log.add("caught " + e.getMessage());
              }
            });

    String first = rethrowing.enter().toCompletableFuture().get();
    assertFalse(rethrowing.exit(first, failure).toCompletableFuture().get());
    String second = swallowing.enter().toCompletableFuture().get();
    assertTrue(swallowing.exit(second, failure).toCompletableFuture().get());

    assertEquals(List.of("setup", "finally", "caught body"), log);
  }

  @Test
  void exitCompletesExceptionallyWithTheReplacement() throws Exception {
    RuntimeException failure = new RuntimeException("body");
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "translating",
            y -> {
              try {
                y.yield("resource");
              } catch (RuntimeException e) {
                throw new IOException("translated", e);
              }
            });

    String resource = scope.enter().toCompletableFuture().get();
    ExecutionException thrown =
        assertThrows(
            ExecutionException.class,
            () -> scope.exit(resource, failure).toCompletableFuture().get());

    assertTrue(thrown.getCause() instanceof IOException);
    assertSame(failure, thrown.getCause().getCause());
  }

  @Test
  void enterFailsWhenTheGeneratorFailsOrDoesNotYieldOnItsThread() {
    IOException setupFailure = new IOException("no connection");
    BlockingGenerator<String> failing =
        new BlockingGenerator<>(
            "failing",
            y -> {
              throw setupFailure;
            });
    BlockingGenerator<String> silent = new BlockingGenerator<>("silent", y -> {});

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> failing.enter().toCompletableFuture().get());
    ExecutionException notYielded =
        assertThrows(ExecutionException.class, () -> silent.enter().toCompletableFuture().get());

    assertSame(setupFailure, failed.getCause());
    assertEquals("@ScopedResource silent did not yield", notYielded.getCause().getMessage());
  }

  @Test
  void secondYieldOnTheGeneratorThreadFailsTheExitAndEndsTheThread() throws Exception {
    CompletableFuture<String> cleanup = new CompletableFuture<>();
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "twice",
            y -> {
              y.yield("first");
              try {
                y.yield("second");
              } finally {
                cleanup.complete("done");
              }
            });

    String resource = scope.enter().toCompletableFuture().get();
    ExecutionException thrown =
        assertThrows(
            ExecutionException.class, () -> scope.exit(resource, null).toCompletableFuture().get());

    assertEquals("@ScopedResource twice yielded more than once", thrown.getCause().getMessage());
    assertEquals("done", cleanup.getNow("still suspended"));
  }

  @Test
  void exitWithoutEnterOrTwiceFails() throws Exception {
    BlockingGenerator<String> scope = logging();
    assertThrows(IllegalStateException.class, () -> scope.exit("resource", null));

    String resource = scope.enter().toCompletableFuture().get();
    scope.exit(resource, null).toCompletableFuture().get();

    assertThrows(IllegalStateException.class, () -> scope.exit(resource, null));
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

  static Stream<Throwable> failuresOfEveryType() {
    return Stream.of(
        new UserStateException("a user's IllegalStateException"),
        new CancellationException("a user's cancellation"),
        new OutOfMemoryError("an Error"),
        new StackOverflowError(),
        new InterruptedException("a checked exception"),
        new IOException("another checked exception"),
        new UnsuppressibleException());
  }

  @ParameterizedTest
  @MethodSource("failuresOfEveryType")
  void failuresOfEveryTypePassThroughCallUnchanged(Throwable failure) {
    Throwable thrown =
        assertThrows(
            Throwable.class,
            () ->
                logging()
                    .run(
                        resource -> {
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals(List.of("setup", "finally"), log);
  }

  @ParameterizedTest
  @MethodSource("failuresOfEveryType")
  void failuresOfEveryTypePassThroughEnterAndExitUnchanged(Throwable failure) throws Exception {
    BlockingGenerator<String> scope = logging();
    String resource = scope.enter().toCompletableFuture().get();

    assertFalse(scope.exit(resource, failure).toCompletableFuture().get());
    assertEquals(List.of("setup", "finally"), log);
  }

  @ParameterizedTest
  @MethodSource("failuresOfEveryType")
  void failuresOfEveryTypePassThroughUseUnchanged(Throwable failure) throws Exception {
    CompletableFuture<Object> result =
        logging().use(resource -> CompletableFuture.failedFuture(failure));

    assertSame(failure, result.handle((value, thrown) -> thrown).get(5, TimeUnit.SECONDS));
  }

  @ParameterizedTest
  @MethodSource("failuresOfEveryType")
  void failuresOfEveryTypeAreSuppressedWhenTheGeneratorSwallowsThem(Throwable failure)
      throws Throwable {
    BlockingGenerator<String> scope =
        new BlockingGenerator<>(
            "swallowing",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable swallowed) {
                log.add("swallowed");
              }
            });

    Object result =
        scope.call(
            resource -> {
              throw failure;
            });

    assertNull(result);
    assertEquals(List.of("swallowed"), log);
  }

  /** A user's own subclass of the exception type the runtime uses for its errors. */
  static final class UserStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UserStateException(String message) {
      super(message);
    }
  }

  /** An exception created with suppression disabled. */
  static final class UnsuppressibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsuppressibleException() {
      super("suppression disabled", null, false, false);
    }
  }
}
