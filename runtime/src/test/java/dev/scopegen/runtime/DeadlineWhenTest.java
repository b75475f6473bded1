package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * {@link Deadline#when()} is computed only when asked for: it must still be the instant the
 * deadline was set for when it was entered, the same answer every time, and follow a reschedule.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class DeadlineWhenTest {

  private static final Duration LONG = Duration.ofMinutes(10);

  @Test
  void whenAskedLateIsStillMeasuredFromTheEnter() throws Exception {
    Instant before = Instant.now();
    Deadline deadline =
        Scopes.timeout(LONG)
            .call(
                open -> {
                  Thread.sleep(200); // asked for only after the scope exited
                  return open;
                });
    Instant after = Instant.now();
    Instant when = deadline.when().orElseThrow();
    assertFalse(when.isBefore(before.plus(LONG)), when + " is before " + before.plus(LONG));
    // Measured from the enter, not from the question: well before after + LONG.
    assertTrue(when.isBefore(after.plus(LONG).minusMillis(150)), when + " vs " + after);
  }

  @Test
  void whenGivesTheSameInstantEveryTimeAndInToString() throws Exception {
    Deadline deadline = Scopes.timeout(LONG).call(open -> open);
    Instant first = deadline.when().orElseThrow();
    Thread.sleep(5);
    assertEquals(first, deadline.when().orElseThrow());
    assertTrue(deadline.toString().contains(first.toString()), deadline.toString());
  }

  @Test
  void aRescheduleMovesWhenAndNullRemovesIt() throws Exception {
    Scopes.timeout(LONG)
        .run(
            deadline -> {
              Instant initial = deadline.when().orElseThrow();
              Instant before = Instant.now();
              deadline.reschedule(LONG.multipliedBy(2));
              Instant moved = deadline.when().orElseThrow();
              assertFalse(moved.isBefore(before.plus(LONG.multipliedBy(2))));
              assertTrue(moved.isAfter(initial));
              deadline.reschedule(null);
              assertEquals(Optional.empty(), deadline.when());
              assertTrue(deadline.toString().contains("none"), deadline.toString());
            });
  }

  @Test
  void noTimeoutHasNoInstant() throws Exception {
    assertEquals(Optional.empty(), Scopes.timeout(null).call(Deadline::when));
  }

  @Test
  void theDeadlineOfUseHasItsInstantToo() throws Exception {
    Instant before = Instant.now();
    Deadline deadline =
        Scopes.timeout(LONG)
            .use(open -> CompletableFuture.completedFuture(open))
            .get(5, TimeUnit.SECONDS);
    assertFalse(deadline.when().orElseThrow().isBefore(before.plus(LONG)));
  }
}
