package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Scopes#timeout} and {@link Deadline}, after CPython's {@code test_asyncio/test_timeouts}. */
// Same-thread timeouts, so that the check for a left-behind interrupt runs on the test's thread;
// futures are awaited with a bound instead.
@Timeout(20)
class TimeoutTest {

  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration SHORT = Duration.ofMillis(50);

  @AfterEach
  void noInterruptLeftBehind() {
    assertFalse(Thread.interrupted(), "a timeout left an interrupt behind");
  }

  /** Waits a bounded time for {@code future}; its failure is thrown as a CompletionException. */
  private static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }

  /** Blocks until interrupted, as a body that runs too long does. */
  private static String blockUntilInterrupted() throws InterruptedException {
    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    return "woke up";
  }

  @Test
  void aBodyThatFinishesInTimeKeepsItsResult() throws Exception {
    AtomicReference<Deadline> seen = new AtomicReference<>();
    String result =
        Scopes.timeout(LONG)
            .call(
                deadline -> {
                  seen.set(deadline);
                  assertFalse(deadline.expired());
                  return "done";
                });
    assertEquals("done", result);
    assertFalse(seen.get().expired());
  }

  @Test
  void anExpiredDeadlineInterruptsTheBodyAndBecomesATimeoutException() {
    AtomicReference<Deadline> seen = new AtomicReference<>();
    TimeoutException thrown =
        assertThrows(
            TimeoutException.class,
            () ->
                Scopes.timeout(SHORT)
                    .call(
                        deadline -> {
                          seen.set(deadline);
                          return blockUntilInterrupted();
                        }));
    assertInstanceOf(InterruptedException.class, thrown.getCause());
    assertTrue(seen.get().expired());
  }

  @Test
  void runConvertsLikeCall() {
    assertThrows(
        TimeoutException.class, () -> Scopes.timeout(SHORT).run(deadline -> blockUntilInterrupted()));
  }

  @Test
  void zeroAndNegativeDurationsExpireAtOnce() {
    for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      TimeoutException thrown =
          assertThrows(
              TimeoutException.class,
              () ->
                  Scopes.timeout(timeout)
                      .call(
                          deadline -> {
                            assertTrue(deadline.expired());
                            return blockUntilInterrupted();
                          }));
      assertInstanceOf(InterruptedException.class, thrown.getCause());
    }
  }

  @Test
  void aBodyThatIgnoresTheExpiredDeadlineKeepsItsResultAndNoInterruptIsLeft() throws Exception {
    // Python: a body that never awaits is not cancelled, and leaves the timeout without error.
    String result = Scopes.timeout(Duration.ZERO).call(deadline -> "ignored the deadline");
    assertEquals("ignored the deadline", result);
  }

  @Test
  void noDurationNeverFires() throws Exception {
    String result =
        Scopes.timeout(null)
            .call(
                deadline -> {
                  assertTrue(deadline.when().isEmpty());
                  Thread.sleep(100);
                  assertFalse(deadline.expired());
                  return "slept";
                });
    assertEquals("slept", result);
  }

  @Test
  void aForeignFailureBeforeTheDeadlinePropagatesUnchanged() {
    IOException failure = new IOException("foreign");
    assertSame(
        failure,
        assertThrows(
            IOException.class,
            () ->
                Scopes.timeout(LONG)
                    .run(
                        deadline -> {
                          throw failure;
                        })));
  }

  @Test
  void withNestedTimeoutsOnlyTheOneThatExpiredConvertsTheOuter() {
    AtomicReference<Deadline> inner = new AtomicReference<>();
    TimeoutException thrown =
        assertThrows(
            TimeoutException.class,
            () ->
                Scopes.timeout(SHORT)
                    .call(
                        outer ->
                            Scopes.timeout(LONG)
                                .call(
                                    deadline -> {
                                      inner.set(deadline);
                                      return blockUntilInterrupted();
                                    })));
    assertInstanceOf(InterruptedException.class, thrown.getCause(), "the inner one converted");
    assertFalse(inner.get().expired());
  }

  @Test
  void withNestedTimeoutsOnlyTheOneThatExpiredConvertsTheInner() {
    AtomicReference<TimeoutException> innerTimeout = new AtomicReference<>();
    AtomicReference<Deadline> outer = new AtomicReference<>();
    TimeoutException thrown =
        assertThrows(
            TimeoutException.class,
            () ->
                Scopes.timeout(LONG)
                    .call(
                        deadline -> {
                          outer.set(deadline);
                          try {
                            return Scopes.timeout(SHORT).call(inner -> blockUntilInterrupted());
                          } catch (TimeoutException e) {
                            innerTimeout.set(e);
                            throw e;
                          }
                        }));
    assertSame(innerTimeout.get(), thrown);
    assertFalse(outer.get().expired());
  }

  @Test
  void whenBothExpiredTheInnerTimeoutExceptionPropagatesAsItIs() {
    AtomicReference<TimeoutException> innerTimeout = new AtomicReference<>();
    TimeoutException thrown =
        assertThrows(
            TimeoutException.class,
            () ->
                Scopes.timeout(Duration.ZERO)
                    .call(
                        outer -> {
                          try {
                            return Scopes.timeout(Duration.ZERO)
                                .call(inner -> blockUntilInterrupted());
                          } catch (TimeoutException e) {
                            innerTimeout.set(e);
                            throw e;
                          }
                        }));
    assertSame(innerTimeout.get(), thrown);
  }

  @Test
  void aTimeoutEnteredInAnExitStackConvertsTheBodysFailure() {
    TimeoutException thrown =
        assertThrows(
            TimeoutException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(Scopes.timeout(SHORT));
                          blockUntilInterrupted();
                        }));
    assertInstanceOf(InterruptedException.class, thrown.getCause());
  }

  @Test
  void rescheduleMovesTheDeadline() throws Exception {
    String result =
        Scopes.timeout(Duration.ofMillis(200))
            .call(
                deadline -> {
                  deadline.reschedule(null);
                  assertTrue(deadline.when().isEmpty());
                  Thread.sleep(400);
                  return "survived";
                });
    assertEquals("survived", result);

    assertThrows(
        TimeoutException.class,
        () ->
            Scopes.timeout(LONG)
                .call(
                    deadline -> {
                      deadline.reschedule(SHORT);
                      return blockUntilInterrupted();
                    }));
  }

  @Test
  void whenTellsTheInstantOfTheDeadline() throws Exception {
    Instant before = Instant.now();
    Instant when = Scopes.timeout(LONG).call(deadline -> deadline.when().orElseThrow());
    assertFalse(when.isBefore(before.plus(LONG)));
    assertTrue(when.isBefore(Instant.now().plus(LONG).plusSeconds(1)));
  }

  @Test
  void anExpiredOrExitedDeadlineCannotBeRescheduled() throws Exception {
    AtomicReference<Deadline> seen = new AtomicReference<>();
    Scopes.timeout(Duration.ZERO)
        .run(
            deadline -> {
              seen.set(deadline);
              assertThrows(IllegalStateException.class, () -> deadline.reschedule(LONG));
            });
    assertTrue(seen.get().expired());

    Scopes.timeout(LONG).run(seen::set);
    assertThrows(IllegalStateException.class, () -> seen.get().reschedule(LONG));
    assertFalse(seen.get().expired());
  }

  @Test
  void useCancelsTheBodysStageButNeverRunsCleanupOnTheTimerThread() {
    CompletableFuture<String> body = new CompletableFuture<>();
    AtomicReference<String> cleanupThread = new AtomicReference<>();
    CompletableFuture<String> outcome = Scopes.timeout(SHORT).use(deadline -> body);
    // Registered last, so it runs first, on the thread that cancels the body and then cleans up.
    body.whenComplete((value, failure) -> cleanupThread.set(Thread.currentThread().getName()));
    CompletionException thrown = assertThrows(CompletionException.class, () -> await(outcome));
    assertInstanceOf(TimeoutException.class, thrown.getCause());
    assertInstanceOf(CancellationException.class, thrown.getCause().getCause());
    assertTrue(body.isCancelled());
    assertFalse(cleanupThread.get().equals("scopegen-timeouts"), cleanupThread.get());
  }

  @Test
  void aDeadlineMetInTimeRemovesItsTimer() throws Exception {
    ScheduledThreadPoolExecutor timers = (ScheduledThreadPoolExecutor) Deadline.scheduler();
    int before = timers.getQueue().size();
    for (int i = 0; i < 1_000; i++) {
      Scopes.timeout(LONG).call(deadline -> deadline);
    }
    assertTrue(timers.getQueue().size() <= before, "timers of met deadlines pile up");
  }

  @Test
  void useWithAZeroDurationCancelsTheBodyAtOnce() {
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> outcome = Scopes.timeout(Duration.ZERO).use(deadline -> body);
    assertTrue(body.isCancelled());
    assertTrue(outcome.isCompletedExceptionally());
    assertThrows(CompletionException.class, () -> await(outcome));
  }

  @Test
  void useKeepsTheResultOfAStageThatCannotBeCancelled() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> outcome =
        Scopes.timeout(SHORT)
            .use(
                deadline -> {
                  CompletableFuture.runAsync(
                      () -> {
                        while (!deadline.expired()) {
                          Thread.onSpinWait();
                        }
                        source.complete("late but complete");
                      });
                  return source.minimalCompletionStage();
                });
    assertEquals("late but complete", await(outcome));
  }

  @Test
  void useWithinTheDeadlineKeepsTheResult() throws Exception {
    CompletableFuture<String> outcome =
        Scopes.timeout(LONG).use(deadline -> CompletableFuture.supplyAsync(() -> "in time"));
    assertEquals("in time", await(outcome));
  }

  @Test
  void useCancelledByTheCallerIsNotATimeout() {
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> outcome = Scopes.timeout(LONG).use(deadline -> body);
    assertTrue(outcome.cancel(true));
    assertTrue(outcome.isCancelled());
    assertTrue(body.isCancelled());
  }

  @Test
  void aDeadlinePassingJustAsTheBodyFinishesNeverLeavesAnInterruptBehind() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int timedOut = 0;
    for (int i = 0; i < 2_000; i++) {
      long spinNanos = random.nextLong(50_000);
      try {
        String result =
            Scopes.timeout(Duration.ofNanos(random.nextLong(50_000)))
                .call(
                    deadline -> {
                      long end = System.nanoTime() + spinNanos;
                      while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                      }
                      if (Thread.interrupted()) {
                        throw new InterruptedException("noticed the deadline");
                      }
                      return "in time";
                    });
        assertEquals("in time", result);
      } catch (TimeoutException expected) {
        timedOut++;
        assertInstanceOf(InterruptedException.class, expected.getCause());
      }
      assertFalse(Thread.interrupted(), "interrupt left behind after round " + i);
    }
    assertTrue(timedOut > 0, "no round timed out: the test proves nothing");
  }

  @Test
  void everyTimeoutSharesOneDaemonTimerThread() throws Exception {
    for (int i = 0; i < 100; i++) {
      Scopes.timeout(LONG).call(deadline -> deadline);
    }
    long timers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals("scopegen-timeouts"))
            .peek(thread -> assertTrue(thread.isDaemon()))
            .count();
    assertEquals(1, timers);
  }

  @Test
  void theScopeCanBeEnteredManyTimesEachWithItsOwnDeadline() throws Exception {
    AsyncScope<Deadline> scope = Scopes.timeout(LONG);
    Deadline first = scope.call(deadline -> deadline);
    Deadline second = scope.call(deadline -> deadline);
    assertFalse(first == second);
    assertNull(Scopes.timeout(LONG).call(deadline -> null));
  }
}
