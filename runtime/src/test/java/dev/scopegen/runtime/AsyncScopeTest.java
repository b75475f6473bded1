package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The default {@code use}, {@code call} and {@code run} of {@link AsyncScope}, driven through
 * hand-written scopes: semantics rules 1 to 5 (README).
 */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class AsyncScopeTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private static Throwable failureOf(CompletableFuture<?> future) {
    return assertThrows(CompletionException.class, future::join).getCause();
  }

  // --- call and run -----------------------------------------------------------------------------

  @Test
  void callEntersRunsTheBodyExitsAndReturnsTheResult() throws Exception {
    TestScope scope = new TestScope("r", log);
    String result =
        scope.call(
            resource -> {
              log.add("body " + resource);
              return "result";
            });
    assertEquals("result", result);
    assertEquals(List.of("enter r", "body r", "exit r null"), log);
  }

  @Test
  void runEntersRunsTheBodyAndExits() throws Exception {
    new TestScope("r", log).run(resource -> log.add("body " + resource));
    assertEquals(List.of("enter r", "body r", "exit r null"), log);
  }

  @Test
  void aFailedEnterRunsNothingElseAndPropagatesUnchanged() {
    IOException enterFailure = new IOException("enter");
    TestScope scope =
        new TestScope("r", log).enterWith(() -> CompletableFuture.failedFuture(enterFailure));
    assertSame(enterFailure, assertThrows(IOException.class, () -> scope.run(r -> log.add("body"))));
    assertSame(
        enterFailure,
        failureOf(scope.use(r -> CompletableFuture.completedFuture(log.add("body")))));
    assertEquals(List.of("enter r", "enter r"), log);
  }

  @Test
  void theBodysFailurePropagatesAsTheSameObjectForEveryKindOfThrowable() {
    List<Throwable> failures =
        List.of(
            new IOException("checked"),
            new IllegalStateException("unchecked"),
            new OutOfMemoryError("error"),
            new InterruptedException("interrupt"),
            new java.util.concurrent.CancellationException("cancel"));
    for (Throwable failure : failures) {
      TestScope scope = new TestScope("r", log);
      Throwable thrown =
          assertThrows(
              Throwable.class,
              () ->
                  scope.run(
                      r -> {
                        throw failure;
                      }));
      assertSame(failure, thrown);
      assertSame(failure, scope.exitSaw, "exit sees the failure");
      assertEquals(1, scope.exits.get(), "cleanup runs exactly once");
    }
  }

  @Test
  void anExitThatSuppressesEndsTheBlockNormallyWithNull() throws Exception {
    TestScope suppressing =
        new TestScope("r", log).exitWith((r, f) -> CompletableFuture.completedFuture(true));
    assertNull(
        suppressing.call(
            r -> {
              throw new IOException("suppressed");
            }));
    assertNull(
        suppressing
            .use(r -> CompletableFuture.<String>failedFuture(new IOException("suppressed")))
            .join());
  }

  @Test
  void anExitFailureAfterSuccessPropagates() {
    IOException exitFailure = new IOException("exit");
    TestScope failing =
        new TestScope("r", log).exitWith((r, f) -> CompletableFuture.failedFuture(exitFailure));
    assertSame(exitFailure, assertThrows(IOException.class, () -> failing.call(r -> "value")));
    assertSame(exitFailure, failureOf(failing.use(r -> CompletableFuture.completedFuture("v"))));
  }

  @Test
  void aDeliberateReplacementPropagatesWithTheChainItsExitGaveIt() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException replacement = new IOException("replacement");
    TestScope translating =
        new TestScope("r", log)
            .exitWith(
                (r, f) -> CompletableFuture.failedFuture(Failures.addSuppressed(replacement, f)));
    assertSame(
        replacement,
        assertThrows(
            IOException.class,
            () ->
                translating.run(
                    r -> {
                      throw bodyFailure;
                    })));
    assertSame(
        replacement, failureOf(translating.use(r -> CompletableFuture.failedFuture(bodyFailure))));
    assertArrayEquals(new Throwable[] {bodyFailure}, replacement.getSuppressed(), "once");
  }

  @Test
  void whatExitFailsWithPropagatesWithNothingAttached() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException exitFailure = new IOException("the exit's own chain");
    TestScope scope =
        new TestScope("r", log).exitWith((r, f) -> CompletableFuture.failedFuture(exitFailure));
    ScopeConsumer<String, IllegalStateException> body =
        r -> {
          throw bodyFailure;
        };
    assertSame(exitFailure, assertThrows(IOException.class, () -> scope.run(body)));
    assertSame(
        exitFailure,
        assertThrows(
            IOException.class,
            () ->
                scope.call(
                    r -> {
                      throw bodyFailure;
                    })));
    CompletableFuture<String> later = new CompletableFuture<>();
    CompletableFuture<String> used = scope.use(r -> later);
    later.completeExceptionally(bodyFailure);
    assertSame(exitFailure, failureOf(used));
    assertSame(exitFailure, failureOf(scope.use(r -> CompletableFuture.failedFuture(bodyFailure))));
    assertEquals(0, exitFailure.getSuppressed().length, "the exit decides what it carries");
    assertEquals(0, bodyFailure.getSuppressed().length);
  }

  @Test
  void anExitThatThrowsInsteadOfReturningAStageIsACleanupFailure() throws Exception {
    IllegalStateException crash = new IllegalStateException("exit threw");
    List<CompletableFuture<String>> entering = new ArrayList<>();
    TestScope throwing =
        new TestScope("r", log)
            .enterWith(
                () -> {
                  CompletableFuture<String> stage = new CompletableFuture<>();
                  entering.add(stage);
                  return entering.size() == 4 ? stage : CompletableFuture.completedFuture("r");
                })
            .exitWith(
                (r, f) -> {
                  throw crash;
                });
    List<Throwable> thrown = new ArrayList<>();
    List<IOException> failures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      failures.add(new IOException("body " + i));
    }
    thrown.add(
        assertThrows(
            IOException.class,
            () ->
                throwing.run(
                    r -> {
                      throw failures.get(0);
                    })));
    thrown.add(
        assertThrows(
            IOException.class,
            () ->
                throwing.call(
                    r -> {
                      throw failures.get(1);
                    })));
    thrown.add(failureOf(throwing.use(r -> CompletableFuture.failedFuture(failures.get(2)))));
    CompletableFuture<String> afterALateEnter =
        throwing.use(r -> CompletableFuture.failedFuture(failures.get(3)));
    entering.get(3).complete("r");
    thrown.add(failureOf(afterALateEnter));
    thrown.add(
        assertThrows(
            IOException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(throwing);
                          throw failures.get(4);
                        })));
    assertEquals(failures, thrown, "the body's failure propagates");
    for (IOException failure : failures) {
      assertArrayEquals(new Throwable[] {crash}, failure.getSuppressed(), failure.getMessage());
    }
    assertSame(crash, assertThrows(IllegalStateException.class, () -> throwing.call(r -> "ok")));
  }

  @Test
  void anExitThatReturnsNullIsACleanupFailure() {
    IOException bodyFailure = new IOException("body");
    TestScope broken = new TestScope("r", log).exitWith((r, f) -> null);
    assertSame(
        bodyFailure,
        assertThrows(
            IOException.class,
            () ->
                broken.run(
                    r -> {
                      throw bodyFailure;
                    })));
    assertEquals(1, bodyFailure.getSuppressed().length);
    assertTrue(bodyFailure.getSuppressed()[0] instanceof NullPointerException);
  }

  @Test
  void anExitRethrowingTheBodysFailureIsNotSelfSuppressed() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    TestScope rethrowing =
        new TestScope("r", log).exitWith((r, f) -> CompletableFuture.failedFuture(f));
    assertSame(
        bodyFailure,
        assertThrows(
            IllegalStateException.class,
            () ->
                rethrowing.run(
                    r -> {
                      throw bodyFailure;
                    })));
    assertEquals(0, bodyFailure.getSuppressed().length);
    assertSame(
        bodyFailure, failureOf(rethrowing.use(r -> CompletableFuture.failedFuture(bodyFailure))));
    assertEquals(0, bodyFailure.getSuppressed().length);
  }

  @Test
  void callWaitsForAsynchronousEnterAndExitOnOtherThreads() throws Exception {
    TestScope scope =
        new TestScope("r", log)
            .enterWith(() -> CompletableFuture.supplyAsync(() -> "async resource"))
            .exitWith(
                (r, f) -> CompletableFuture.supplyAsync(() -> log.add("async exit done") && false));
    assertEquals("async resource!", scope.call(r -> r + "!"));
    assertEquals(List.of("enter r", "exit async resource null", "async exit done"), log);
  }

  @Test
  void checkedFailuresOfAsynchronousStagesAreNotWrapped() {
    IOException exitFailure = new IOException("async exit");
    TestScope scope =
        new TestScope("r", log)
            .exitWith(
                (r, f) ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          throw new CompletionException(exitFailure);
                        }));
    assertSame(exitFailure, assertThrows(IOException.class, () -> scope.call(r -> r)));
  }

  @Test
  void anInterruptWhileWaitingForEnterReleasesTheLateResource() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    TestScope scope = new TestScope("r", log).enterWith(() -> entering);
    Thread.currentThread().interrupt();
    InterruptedException interrupt =
        assertThrows(InterruptedException.class, () -> scope.run(r -> log.add("body")));
    assertEquals(0, scope.exits.get());
    entering.complete("late");
    assertEquals(1, scope.exits.get());
    assertSame(interrupt, scope.exitSaw);
    assertEquals(List.of("enter r", "exit late InterruptedException:null"), log);
  }

  @Test
  void exitIsAwaitedWithoutInterruptionAndTheInterruptIsKept() throws Exception {
    CompletableFuture<Boolean> exiting = new CompletableFuture<>();
    CountDownLatch exitStarted = new CountDownLatch(1);
    TestScope scope =
        new TestScope("r", log)
            .exitWith(
                (r, f) -> {
                  exitStarted.countDown();
                  return exiting;
                });
    Thread caller = Thread.currentThread();
    Thread helper =
        new Thread(
            () -> {
              try {
                exitStarted.await();
                caller.interrupt();
                TimeUnit.MILLISECONDS.sleep(20); // let a wrong implementation return early
                exiting.complete(false);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    helper.start();
    assertEquals("value", scope.call(r -> "value"));
    assertTrue(exiting.isDone(), "returned before exit finished");
    assertTrue(Thread.interrupted(), "the interrupt was lost");
    helper.join();
  }

  // --- use --------------------------------------------------------------------------------------

  @Test
  void useCompletesWithTheBodysResultAfterExit() {
    CompletableFuture<String> body = new CompletableFuture<>();
    TestScope scope = new TestScope("r", log);
    CompletableFuture<String> outcome = scope.use(r -> body);
    assertFalse(outcome.isDone());
    assertEquals(0, scope.exits.get());
    body.complete("value");
    assertEquals("value", outcome.join());
    assertEquals(1, scope.exits.get());
  }

  @Test
  void useWaitsForAnAsynchronousExit() {
    CompletableFuture<Boolean> exiting = new CompletableFuture<>();
    TestScope scope = new TestScope("r", log).exitWith((r, f) -> exiting);
    CompletableFuture<String> outcome = scope.use(r -> CompletableFuture.completedFuture("v"));
    assertFalse(outcome.isDone());
    exiting.complete(false);
    assertEquals("v", outcome.join());
  }

  @Test
  void aBodyThatThrowsOrReturnsNullStillExits() {
    IllegalStateException thrown = new IllegalStateException("sync");
    TestScope scope = new TestScope("r", log);
    assertSame(
        thrown,
        failureOf(
            scope.use(
                r -> {
                  throw thrown;
                })));
    assertTrue(failureOf(scope.use(r -> null)) instanceof NullPointerException);
    assertEquals(2, scope.exits.get());
  }

  @Test
  void theBodysAsynchronousFailureIsUnwrapped() {
    IOException failure = new IOException("async body");
    TestScope scope = new TestScope("r", log);
    CompletableFuture<String> outcome =
        scope.use(
            r ->
                CompletableFuture.supplyAsync(
                    () -> {
                      throw new CompletionException(failure);
                    }));
    assertSame(failure, failureOf(outcome));
    assertSame(failure, scope.exitSaw);
  }

  @Test
  void cleanupFailuresOfUseAreSuppressedOntoTheBodysFailure() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException cleanup = new IOException("cleanup");
    TestScope scope =
        new TestScope("r", log)
            .exitWith(
                (r, f) -> {
                  f.addSuppressed(cleanup); // as a generated exit does
                  return CompletableFuture.completedFuture(false);
                });
    assertSame(bodyFailure, failureOf(scope.use(r -> CompletableFuture.failedFuture(bodyFailure))));
    assertArrayEquals(new Throwable[] {cleanup}, bodyFailure.getSuppressed());
  }
}
