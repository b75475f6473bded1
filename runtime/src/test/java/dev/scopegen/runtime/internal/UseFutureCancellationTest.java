package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.AsyncScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Cancellation of {@code use} (semantics rule 7, README) in each phase: enter, body, commit, rollback, exit.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class UseFutureCancellationTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger exits = new AtomicInteger();

  /** A resource scope whose stages the test completes by hand. */
  private final class ManualScope implements AsyncScope<String> {
    Supplier<CompletionStage<String>> enter = () -> CompletableFuture.completedFuture("r");
    CompletionStage<?> commit = Stages.done();
    CompletionStage<?> rollback = Stages.done();
    CompletionStage<Boolean> close = Stages.of(false);
    volatile Throwable exitSaw;

    @Override
    public CompletionStage<String> enter() {
      log.add("enter");
      return enter.get();
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      exits.incrementAndGet();
      exitSaw = failure;
      return new ExitSequence<String>(resource, failure) {
        @Override
        protected CompletionStage<?> commit(String resource) {
          log.add("commit");
          return commit;
        }

        @Override
        protected CompletionStage<?> rollback(String resource, Throwable failure) {
          log.add("rollback " + failure.getClass().getSimpleName());
          return rollback;
        }

        @Override
        protected CompletionStage<Boolean> close(String resource, Throwable failure) {
          log.add("close " + resource);
          assertFalse(Thread.currentThread().isInterrupted(), "cleanup was interrupted");
          return close;
        }
      }.start();
    }
  }

  @Test
  void aCancelDuringEnterSkipsTheBodyAndReleasesTheResourceWhenItArrives() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    ManualScope scope = new ManualScope();
    scope.enter = () -> entering;
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<String> outcome =
        scope.use(
            r -> {
              bodies.incrementAndGet();
              return CompletableFuture.completedFuture("value");
            });
    assertTrue(outcome.cancel(true));
    assertTrue(outcome.cancel(true), "a second request while entering is taken too");
    assertFalse(outcome.isDone(), "completes only after cleanup");
    assertFalse(entering.isCancelled(), "the acquisition itself is never cancelled");
    entering.complete("late");
    assertTrue(outcome.isCancelled());
    assertEquals(0, bodies.get());
    assertEquals(1, exits.get());
    assertInstanceOf(CancellationException.class, scope.exitSaw);
    assertEquals(List.of("enter", "rollback CancellationException", "close late"), log);
    assertFalse(outcome.cancel(true));
  }

  @Test
  void aCancelDuringEnterStaysACancellationEvenIfExitWouldSuppressIt() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    ManualScope scope = new ManualScope();
    scope.enter = () -> entering;
    scope.close = Stages.of(true);
    CompletableFuture<String> outcome = scope.use(r -> CompletableFuture.completedFuture("v"));
    outcome.cancel(true);
    entering.complete("late");
    assertTrue(outcome.isCancelled());
  }

  @Test
  void aCancelDuringAnEnterThatFailsLeavesNothingToRelease() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    ManualScope scope = new ManualScope();
    scope.enter = () -> entering;
    CompletableFuture<String> outcome = scope.use(r -> CompletableFuture.completedFuture("v"));
    outcome.cancel(true);
    IOException enterFailure = new IOException("refused");
    entering.completeExceptionally(enterFailure);
    assertSame(enterFailure, assertThrows(CompletionException.class, outcome::join).getCause());
    assertEquals(0, exits.get());
  }

  @Test
  void aCancelDuringTheBodyCancelsItsStageAndRollsBackOnce() {
    ManualScope scope = new ManualScope();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> outcome = scope.use(r -> body);
    assertTrue(outcome.cancel(false));
    assertTrue(body.isCancelled());
    assertTrue(outcome.isCancelled());
    assertEquals(1, exits.get());
    assertEquals(List.of("enter", "rollback CancellationException", "close r"), log);
  }

  @Test
  void theCallerCanWaitForCleanupAfterCancelling() {
    ManualScope scope = new ManualScope();
    CompletableFuture<Boolean> close = new CompletableFuture<>();
    scope.close = close;
    CompletableFuture<String> outcome = scope.use(r -> new CompletableFuture<>());
    assertTrue(outcome.cancel(true));
    assertFalse(outcome.isDone(), "cleanup is still running");
    CompletableFuture<Boolean> waiter = outcome.handle((value, failure) -> close.isDone());
    close.complete(false);
    assertTrue(waiter.join(), "the future completed before cleanup finished");
    assertTrue(outcome.isCancelled());
  }

  @Test
  void aBodyStageThatCannotBeCancelledIsAwaitedAndTheOutcomeIsStillCancelled() {
    ManualScope scope = new ManualScope();
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> outcome = scope.use(r -> source.minimalCompletionStage());
    assertTrue(outcome.cancel(true));
    assertFalse(outcome.isDone());
    source.complete("finished anyway");
    assertTrue(outcome.isCancelled());
    assertEquals(1, exits.get());
  }

  @Test
  void anExitThatSuppressesTheCancellationCompletesNormallyAsInPython() {
    ManualScope scope = new ManualScope();
    scope.close = Stages.of(true);
    CompletableFuture<String> outcome = scope.use(r -> new CompletableFuture<>());
    assertTrue(outcome.cancel(true));
    assertNull(outcome.join());
  }

  @Test
  void aCancelDuringCommitIsRefusedAndCommitIsNeverCancelled() {
    ManualScope scope = new ManualScope();
    CompletableFuture<Void> commit = new CompletableFuture<>();
    scope.commit = commit;
    CompletableFuture<String> outcome = scope.use(r -> CompletableFuture.completedFuture("v"));
    assertFalse(outcome.cancel(true));
    assertFalse(commit.isCancelled());
    commit.complete(null);
    assertEquals("v", outcome.join());
    assertEquals(List.of("enter", "commit", "close r"), log);
  }

  @Test
  void aCancelDuringRollbackIsRefusedAndTheBodysFailurePropagates() {
    ManualScope scope = new ManualScope();
    CompletableFuture<Void> rollback = new CompletableFuture<>();
    scope.rollback = rollback;
    IOException failure = new IOException("body");
    CompletableFuture<String> outcome = scope.use(r -> CompletableFuture.failedFuture(failure));
    assertFalse(outcome.cancel(true));
    assertFalse(rollback.isCancelled());
    rollback.complete(null);
    assertSame(failure, assertThrows(CompletionException.class, outcome::join).getCause());
  }

  @Test
  void aCancelDuringExitIsRefusedAndExitRunsOnce() {
    ManualScope scope = new ManualScope();
    CompletableFuture<Boolean> close = new CompletableFuture<>();
    scope.close = close;
    CompletableFuture<String> outcome = scope.use(r -> CompletableFuture.completedFuture("v"));
    assertFalse(outcome.cancel(true));
    assertFalse(close.isCancelled());
    close.complete(false);
    assertEquals("v", outcome.join());
    assertEquals(1, exits.get());
  }

  @Test
  void aCancelAfterCompletionIsRefused() {
    CompletableFuture<String> outcome =
        new ManualScope().use(r -> CompletableFuture.completedFuture("v"));
    assertFalse(outcome.cancel(true));
    assertEquals("v", outcome.join());
  }
}
