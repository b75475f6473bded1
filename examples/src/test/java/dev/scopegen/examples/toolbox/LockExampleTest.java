package dev.scopegen.examples.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Workers sharing a counter under the lock: no lost update, the lock always released. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class LockExampleTest {

  @Test
  void noIncrementIsLostAndTheLockIsFreeAfterwards() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    LockExample.Counter counter = new LockExample.Counter();
    LockExample.count(lock, counter, 4, 25_000);
    assertEquals(100_000, counter.value());
    assertFalse(lock.isLocked());
  }

  @Test
  void theNarratedRunTellsTheCountAndTheReleaseAfterAFailure() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    LockExample.run(new Narrator(new PrintStream(output, true, StandardCharsets.UTF_8)));
    String story = output.toString(StandardCharsets.UTF_8);
    assertTrue(story.contains("under the lock: 40000 (expected 40000)"), story);
    assertTrue(
        story.contains("propagated: IllegalStateException(\"worker failed while holding the lock\")"),
        story);
    assertTrue(story.contains("lock still held afterwards: false; counter: 40001"), story);
  }
}
