package dev.scopegen.examples.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Two workers on one thread take turns under the async lock, as asyncio's workers do. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class LockWorkersExampleTest {

  @Test
  void theWorkersAlternateOnOneThreadAsInPython() throws Exception {
    LockWorkersExample.Outcome outcome = LockWorkersExample.work(3, Duration.ofMillis(5));
    assertEquals(
        List.of(
            "A has the lock, counter = 1",
            "B has the lock, counter = 2",
            "A has the lock, counter = 3",
            "B has the lock, counter = 4",
            "A has the lock, counter = 5",
            "B has the lock, counter = 6"),
        outcome.lines);
    assertEquals(6, outcome.counter);
    assertEquals(1, outcome.threads.size(), "one thread, like asyncio's loop: " + outcome.threads);
    assertEquals(1, outcome.freeAfterwards);
  }

  @Test
  void manyRoundsNeitherDeadlockNorLoseAnIncrement() throws Exception {
    LockWorkersExample.Outcome outcome = LockWorkersExample.work(200, Duration.ZERO);
    assertEquals(400, outcome.counter);
    for (int i = 0; i < outcome.lines.size(); i++) {
      assertTrue(outcome.lines.get(i).startsWith(i % 2 == 0 ? "A " : "B "), outcome.lines.get(i));
    }
  }

  @Test
  void theLockAndTheDeadlineInOneStatementTimeOutAndReleaseTheLock() throws Exception {
    assertEquals(
        "TimeoutException(\"the deadline of the timeout scope expired\"), lock free again: true",
        LockWorkersExample.holdPastDeadline(Duration.ofMillis(20)));
  }

  @Test
  void theNarratedRunShowsTheTurns() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    LockWorkersExample.run(new Narrator(new PrintStream(output, true, StandardCharsets.UTF_8)));
    String story = output.toString(StandardCharsets.UTF_8);
    assertTrue(
        story.contains("A has the lock, counter = 1\n  B has the lock, counter = 2\n"), story);
    assertTrue(story.contains("counter = 6, on 1 thread; the lock is free afterwards: true"), story);
    assertTrue(story.contains("TimeoutException"), story);
  }
}
