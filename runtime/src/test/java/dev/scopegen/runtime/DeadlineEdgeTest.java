package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Deadline} at its edges: moving a removed deadline, durations beyond what {@link Instant}
 * or a count of nanoseconds can hold, its messages and its {@code toString}.
 */
@Timeout(20) // same thread, so that the interrupt check below runs where the deadline fired
class DeadlineEdgeTest {

  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration SHORT = Duration.ofMillis(50);

  @AfterEach
  void noInterruptLeftBehind() {
    assertFalse(Thread.interrupted(), "a timeout left an interrupt behind");
  }

  private static String blockUntilInterrupted() throws InterruptedException {
    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    return "woke up";
  }

  @Test
  void aDeadlineRemovedAndThenMovedFiresAtItsNewTime() {
    assertThrows(
        TimeoutException.class,
        () ->
            Scopes.timeout(LONG)
                .call(
                    deadline -> {
                      deadline.reschedule(null);
                      deadline.reschedule(SHORT);
                      assertTrue(deadline.when().isPresent());
                      return blockUntilInterrupted();
                    }));
  }

  @Test
  void movingTheDeadlineOfUseToNowCancelsTheBodysStageOnTheSpot() {
    AtomicReference<Deadline> seen = new AtomicReference<>();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> outcome =
        Scopes.timeout(LONG)
            .use(
                deadline -> {
                  seen.set(deadline);
                  return body;
                });
    assertFalse(body.isDone());
    seen.get().reschedule(Duration.ZERO);
    assertTrue(body.isCancelled(), "cancelled by the thread that moved the deadline");
    assertTrue(outcome.isDone());
    Throwable failure = assertThrows(CompletionException.class, outcome::join).getCause();
    assertInstanceOf(TimeoutException.class, failure);
    assertInstanceOf(CancellationException.class, failure.getCause());
  }

  @Test
  void theTimerCancelsAGuardedStageOffTheTimerThread() throws Exception {
    Deadline deadline = Deadline.cancelling(LONG);
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> cancelledOn =
        body.handle((value, failure) -> Thread.currentThread().getName());
    deadline.guard(body);
    deadline.reschedule(Duration.ofMillis(1)); // the stage is guarded before the timer can fire
    String thread = cancelledOn.get(10, TimeUnit.SECONDS);
    assertTrue(body.isCancelled());
    assertTrue(deadline.expired());
    assertFalse(thread.equals("scopegen-timeouts"), thread);
  }

  @Test
  void aDurationBeyondTheCalendarNeverFiresAndEndsAtTheLastInstant() throws Exception {
    Deadline deadline =
        Scopes.timeout(Duration.ofSeconds(Long.MAX_VALUE))
            .call(
                open -> {
                  Thread.sleep(50); // long enough for a timer set to fire at once to fire
                  return open;
                });
    assertFalse(deadline.expired());
    assertEquals(Optional.of(Instant.MAX), deadline.when());
  }

  @Test
  void aDurationTooLongForNanosecondsNeverFires() throws Exception {
    Duration thousandYears = Duration.ofDays(365L * 1_000);
    Instant before = Instant.now();
    Deadline deadline =
        Scopes.timeout(thousandYears)
            .call(
                open -> {
                  Thread.sleep(50);
                  return open;
                });
    assertFalse(deadline.expired());
    Instant when = deadline.when().orElseThrow();
    assertFalse(when.isBefore(before.plus(thousandYears)));
  }

  @Test
  void aNegativeDurationBeyondTheCalendarExpiresAtOnceAtTheFirstInstant() throws Exception {
    Deadline deadline = Scopes.timeout(Duration.ofSeconds(Long.MIN_VALUE)).call(open -> open);
    assertTrue(deadline.expired());
    assertEquals(Optional.of(Instant.MIN), deadline.when());
  }

  @Test
  void rescheduleSaysWhetherTheDeadlineExpiredOrItsScopeExited() throws Exception {
    AtomicReference<Deadline> seen = new AtomicReference<>();
    Scopes.timeout(Duration.ZERO)
        .run(
            deadline -> {
              seen.set(deadline);
              IllegalStateException thrown =
                  assertThrows(IllegalStateException.class, () -> deadline.reschedule(LONG));
              assertEquals("cannot reschedule a deadline that has expired", thrown.getMessage());
            });
    // Exited after it expired: it stays expired.
    IllegalStateException afterExpiry =
        assertThrows(IllegalStateException.class, () -> seen.get().reschedule(LONG));
    assertEquals("cannot reschedule a deadline that has expired", afterExpiry.getMessage());

    Scopes.timeout(LONG).run(seen::set);
    IllegalStateException afterExit =
        assertThrows(IllegalStateException.class, () -> seen.get().reschedule(LONG));
    assertEquals(
        "cannot reschedule the deadline of a timeout scope that has exited",
        afterExit.getMessage());
  }

  @Test
  void aDeadlineExitsOnlyOnce() {
    AsyncScope<Deadline> scope = Scopes.timeout(LONG);
    Deadline deadline = scope.enter().toCompletableFuture().join();
    assertFalse(scope.exit(deadline, null).toCompletableFuture().join());
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> scope.exit(deadline, null));
    assertEquals("the timeout scope has already exited", thrown.getMessage());
  }

  @Test
  void toStringTellsTheStatusAndTheInstant() throws Exception {
    AtomicReference<String> open = new AtomicReference<>();
    AtomicReference<String> removed = new AtomicReference<>();
    Deadline exited =
        Scopes.timeout(LONG)
            .call(
                deadline -> {
                  open.set(deadline.toString());
                  deadline.reschedule(null);
                  removed.set(deadline.toString());
                  return deadline;
                });
    assertTrue(open.get().matches("Deadline\\[open, at \\d{4}-.*Z\\]"), open.get());
    assertEquals("Deadline[open, none]", removed.get());
    assertEquals("Deadline[exited, none]", exited.toString());

    Deadline expired =
        Scopes.timeout(Duration.ofSeconds(Long.MIN_VALUE)).call(deadline -> deadline);
    assertEquals("Deadline[expired, at " + Instant.MIN + "]", expired.toString());
  }
}
