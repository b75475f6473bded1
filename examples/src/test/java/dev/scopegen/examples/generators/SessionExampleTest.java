package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cleanup in three asynchronous steps: every step runs, in order, whatever failed before it;
 * the body's failure (or the first step's) propagates, the later failures suppressed onto it.
 */
@Timeout(30)
class SessionExampleTest {

  private static Throwable failureOf(CompletableFuture<?> used) throws Exception {
    return used.handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSuccessfulBodyIsFollowedByTheThreeStepsInOrder() throws Exception {
    Remote remote = new Remote();

    assertNull(failureOf(SessionExample.send(remote, "ada", null)));
    assertEquals(
        List.of("open ada", "send hello", "flush ada", "close ada", "release ada"), remote.log());
  }

  @Test
  void everyStepRunsAfterAFailingBodyAndTheirFailuresAreSuppressedOntoIt() throws Exception {
    Remote remote = new Remote("flush", "release");
    IllegalStateException failure = new IllegalStateException("bad request");

    assertSame(failure, failureOf(SessionExample.send(remote, "bob", failure)));
    assertEquals(
        List.of("open bob", "send hello", "flush bob failed", "close bob", "release bob failed"),
        remote.log());
    assertEquals(2, failure.getSuppressed().length);
    assertEquals("flush failed", failure.getSuppressed()[0].getMessage());
    assertEquals("release failed", failure.getSuppressed()[1].getMessage());
  }

  @Test
  void afterASuccessfulBodyTheFirstFailingStepPropagatesAndTheRestStillRun() throws Exception {
    Remote remote = new Remote("flush", "close", "release");

    Throwable failure = failureOf(SessionExample.send(remote, "cy", null));

    assertEquals("flush failed", failure.getMessage());
    assertArrayEquals(
        new String[] {"close failed", "release failed"},
        List.of(failure.getSuppressed()).stream().map(Throwable::getMessage).toArray());
    assertEquals(
        List.of("open cy", "send hello", "flush cy failed", "close cy failed", "release cy failed"),
        remote.log());
  }

  @Test
  void theBlockingCallFollowsTheSameRules() {
    Remote remote = new Remote("close");
    IllegalStateException failure = new IllegalStateException("bad request");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                SessionsScopes.session(remote, "dee")
                    .run(
                        session -> {
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals("close failed", failure.getSuppressed()[0].getMessage());
    assertEquals(List.of("open dee", "flush dee", "close dee failed", "release dee"), remote.log());
  }

  @Test
  void narratesTheThreeRuns() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SessionExample.run(new Narrator(new PrintStream(out, true, StandardCharsets.UTF_8)));

    String story = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        story.contains("steps: open ada, send hello, flush ada, close ada, release ada"), story);
    assertTrue(
        story.contains(
            "propagated: IllegalStateException(\"bad request\")\n"
                + "    suppressed onto it: IllegalStateException(\"flush failed\")\n"
                + "    suppressed onto it: IllegalStateException(\"release failed\")"),
        story);
    assertTrue(
        story.contains("steps: open cy, send hello, flush cy failed, close cy failed, release cy"),
        story);
  }
}
