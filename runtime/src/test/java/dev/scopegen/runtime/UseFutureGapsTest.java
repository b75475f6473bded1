package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.Stages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * {@code use} when {@code enter} or {@code exit} misbehave synchronously (throw, return {@code
 * null}) on each of its paths, and a cancel that arrives while the body is being started.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class UseFutureGapsTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private static Throwable failureOf(CompletableFuture<?> outcome) {
    assertTrue(outcome.isDone(), "use() has not completed");
    return assertThrows(CompletionException.class, outcome::join).getCause();
  }

  private static <T> CompletionStage<T> thrower(Throwable failure) {
    throw Stages.sneakyThrow(failure);
  }

  // --- enter ------------------------------------------------------------------------------------

  @Test
  void anEnterThatThrowsFailsTheFutureWithTheSameObjectAndRunsNothingElse() {
    IOException enterFailure = new IOException("enter threw");
    TestScope scope = new TestScope("s", log).enterWith(() -> thrower(enterFailure));
    CompletableFuture<String> outcome =
        scope.use(
            resource -> {
              log.add("body");
              return CompletableFuture.completedFuture("value");
            });
    assertSame(enterFailure, failureOf(outcome));
    assertEquals(List.of("enter s"), log);
    assertEquals(0, scope.exits.get());
  }

  @Test
  void anEnterThatReturnsNullFailsTheFutureAndRunsNothingElse() {
    TestScope scope = new TestScope("s", log).enterWith(() -> null);
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.completedFuture("value"));
    NullPointerException thrown = assertInstanceOf(NullPointerException.class, failureOf(outcome));
    assertEquals("enter() returned null instead of a CompletionStage", thrown.getMessage());
    assertEquals(0, scope.exits.get());
  }

  // --- exit after a complete enter and body: the future is built on the spot --------------------

  @Test
  void anExitThatThrowsAfterASuccessfulBodyFailsTheFuture() {
    IllegalStateException exitFailure = new IllegalStateException("exit threw");
    TestScope scope = new TestScope("s", log).exitWith((r, f) -> thrower(exitFailure));
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.completedFuture("value"));
    assertSame(exitFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[0], exitFailure.getSuppressed());
  }

  @Test
  void anExitThatThrowsAfterAFailedBodyIsACleanupFailureSuppressedOntoIt() {
    IOException bodyFailure = new IOException("body");
    IllegalStateException crash = new IllegalStateException("exit threw");
    TestScope scope = new TestScope("s", log).exitWith((r, f) -> thrower(crash));
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.failedFuture(bodyFailure));
    assertSame(bodyFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[] {crash}, bodyFailure.getSuppressed());
    assertSame(bodyFailure, scope.exitSaw);
  }

  @Test
  void anExitThatReturnsNullFailsTheFuture() {
    TestScope scope = new TestScope("s", log).exitWith((r, f) -> null);
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.completedFuture("value"));
    NullPointerException thrown = assertInstanceOf(NullPointerException.class, failureOf(outcome));
    assertEquals("exit() returned null instead of a CompletionStage", thrown.getMessage());
  }

  @Test
  void anExitFailureReplacesTheBodysFailureWithNothingAttached() {
    IOException bodyFailure = new IOException("body");
    IllegalStateException replacement = new IllegalStateException("replacement");
    TestScope scope =
        new TestScope("s", log).exitWith((r, f) -> CompletableFuture.failedFuture(replacement));
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.failedFuture(bodyFailure));
    assertSame(replacement, failureOf(outcome));
    assertArrayEquals(new Throwable[0], replacement.getSuppressed());
    assertArrayEquals(new Throwable[0], bodyFailure.getSuppressed());
  }

  @Test
  void anAsynchronousExitFailureReplacesTheBodysFailureUnwrapped() {
    IOException bodyFailure = new IOException("body");
    IllegalStateException replacement = new IllegalStateException("replacement");
    CompletableFuture<Boolean> exiting = new CompletableFuture<>();
    TestScope scope = new TestScope("s", log).exitWith((r, f) -> exiting);
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.failedFuture(bodyFailure));
    assertFalse(outcome.isDone(), "use() waits for exit");
    exiting.completeExceptionally(new CompletionException(replacement));
    assertSame(replacement, failureOf(outcome));
    assertArrayEquals(new Throwable[0], replacement.getSuppressed());
  }

  // --- a body whose stage already failed: its failure is read on the spot -----------------------

  @Test
  void aFailedBodyStageGivesANewFutureWithTheSameFailureAndIsLeftAsItWas() {
    IOException bodyFailure = new IOException("body");
    CompletableFuture<String> stage = CompletableFuture.failedFuture(bodyFailure);
    TestScope scope = new TestScope("s", log);
    CompletableFuture<String> outcome = scope.use(resource -> stage);
    CompletableFuture<String> again = scope.use(resource -> stage);
    assertNotSame(stage, outcome);
    assertNotSame(outcome, again);
    assertSame(bodyFailure, scope.exitSaw);
    assertSame(bodyFailure, failureOf(outcome));
    outcome.obtrudeValue("changed by the caller");
    assertSame(bodyFailure, failureOf(again), "each use has a future of its own");
    assertSame(bodyFailure, Stages.failureOf(stage), "the body's stage is not touched");
    assertArrayEquals(new Throwable[0], bodyFailure.getSuppressed());
  }

  @Test
  void aFailedBodyStageThatExitSuppressesCompletesWithNull() throws Exception {
    TestScope scope =
        new TestScope("s", log).exitWith((r, f) -> CompletableFuture.completedFuture(true));
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.failedFuture(new IOException("suppressed")));
    assertTrue(outcome.isDone() && !outcome.isCompletedExceptionally());
    assertNull(outcome.get());
  }

  @Test
  void aFailedBodyStageOfEveryKindIsReadAsTheSameObjectUnwrapped() {
    IOException bodyFailure = new IOException("body");
    CompletableFuture<String> subclass = new CompletableFuture<>() {};
    subclass.completeExceptionally(bodyFailure);
    CompletableFuture<String> dependent =
        CompletableFuture.<String>failedFuture(bodyFailure).thenApply(value -> value);
    CancellationException cancellation = new CancellationException("cancelled");
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.completeExceptionally(cancellation);
    TestScope scope = new TestScope("s", log);
    assertSame(bodyFailure, failureOf(scope.use(resource -> subclass)));
    assertSame(bodyFailure, scope.exitSaw);
    assertSame(bodyFailure, failureOf(scope.use(resource -> dependent)));
    assertSame(bodyFailure, scope.exitSaw);
    CompletableFuture<String> outcome = scope.use(resource -> cancelled);
    assertSame(cancellation, scope.exitSaw);
    assertSame(cancellation, Stages.failureOf(outcome));
  }

  // --- exit after an asynchronous enter or body: the UseFuture completes it ---------------------

  @Test
  void anExitThatThrowsAfterAnAsynchronousEnterCompletesTheFuture() {
    IllegalStateException exitFailure = new IllegalStateException("exit threw");
    CompletableFuture<String> entering = new CompletableFuture<>();
    TestScope scope =
        new TestScope("s", log).enterWith(() -> entering).exitWith((r, f) -> thrower(exitFailure));
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.completedFuture(resource + " used"));
    assertFalse(outcome.isDone());
    entering.complete("late");
    assertSame(exitFailure, failureOf(outcome));
    assertEquals(List.of("enter s", "exit late null"), log);
  }

  @Test
  void anExitThatThrowsAfterAnAsynchronousBodyFailureCompletesTheFuture() {
    IOException bodyFailure = new IOException("body");
    IllegalStateException crash = new IllegalStateException("exit threw");
    CompletableFuture<String> body = new CompletableFuture<>();
    TestScope scope = new TestScope("s", log).exitWith((r, f) -> thrower(crash));
    CompletableFuture<String> outcome = scope.use(resource -> body);
    assertFalse(outcome.isDone());
    body.completeExceptionally(bodyFailure);
    assertSame(bodyFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[] {crash}, bodyFailure.getSuppressed());
    assertEquals(1, scope.exits.get());
  }

  @Test
  void anExitThatReturnsNullAfterAnAsynchronousBodyCompletesTheFuture() {
    CompletableFuture<String> body = new CompletableFuture<>();
    TestScope scope = new TestScope("s", log).exitWith((r, f) -> null);
    CompletableFuture<String> outcome = scope.use(resource -> body);
    body.complete("value");
    NullPointerException thrown = assertInstanceOf(NullPointerException.class, failureOf(outcome));
    assertEquals("exit() returned null instead of a CompletionStage", thrown.getMessage());
  }

  @Test
  void aBodyThatReturnsNullAfterAnAsynchronousEnterFailsAndStillExits() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    TestScope scope = new TestScope("s", log).enterWith(() -> entering);
    CompletableFuture<String> outcome = scope.use(resource -> null);
    entering.complete("late");
    NullPointerException thrown = assertInstanceOf(NullPointerException.class, failureOf(outcome));
    assertEquals("the body returned null instead of a CompletionStage", thrown.getMessage());
    assertSame(thrown, scope.exitSaw);
  }

  // --- cancel -----------------------------------------------------------------------------------

  @Test
  void aCancelWhileTheBodyIsStartingAfterAnAsynchronousEnterCancelsTheStageItReturns() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    TestScope scope = new TestScope("s", log).enterWith(() -> entering);
    AtomicReference<CompletableFuture<String>> outcome = new AtomicReference<>();
    CompletableFuture<String> body = new CompletableFuture<>();
    outcome.set(
        scope.use(
            resource -> {
              // The body has started: the request is taken, but there is no stage to cancel yet.
              assertTrue(outcome.get().cancel(true));
              assertFalse(body.isCancelled());
              return body;
            }));
    entering.complete("late");
    assertTrue(body.isCancelled(), "the stage the body returned after the request is cancelled");
    assertTrue(outcome.get().isCancelled());
    assertInstanceOf(CancellationException.class, scope.exitSaw);
    assertEquals(1, scope.exits.get());
  }
}
