package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scopegen.runtime.AsyncScope;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The waits of the inline {@code call} on a lifecycle stage that already failed: the failure is
 * read on the spot, as the object the stage holds, and thrown as it is or, when it is checked and
 * not declared, wrapped once; nothing is released, since nothing was entered.
 */
class BlockingFailedStageTest {

  private final AtomicInteger exits = new AtomicInteger();

  private final AsyncScope<String> scope =
      new AsyncScope<>() {
        @Override
        public CompletionStage<String> enter() {
          throw new AssertionError("the inline call passes the stage itself");
        }

        @Override
        public CompletionStage<Boolean> exit(String resource, Throwable failure) {
          exits.incrementAndGet();
          return Stages.of(false);
        }
      };

  /** The same failure, as each kind of failed stage holds it. */
  private static List<CompletableFuture<String>> failedStages(Throwable failure) {
    CompletableFuture<String> subclass = new CompletableFuture<>() {};
    subclass.completeExceptionally(failure);
    return List.of(
        CompletableFuture.failedFuture(failure),
        CompletableFuture.<String>failedFuture(failure).thenApply(value -> value),
        subclass);
  }

  @Test
  void aFailedEnterStageThrowsItsFailureAsItIsWhenDeclaredOrUnchecked() {
    IOException checked = new IOException("enter failed");
    IllegalStateException unchecked = new IllegalStateException("enter failed");
    for (CompletableFuture<String> stage : failedStages(checked)) {
      assertSame(
          checked, assertThrows(IOException.class, () -> Blocking.enter(scope, stage, f -> true)));
      assertSame(
          checked,
          assertThrows(IOException.class, () -> Blocking.enter(scope, stage, "r", f -> true)));
    }
    for (CompletableFuture<String> stage : failedStages(unchecked)) {
      assertSame(
          unchecked,
          assertThrows(
              IllegalStateException.class, () -> Blocking.enter(scope, stage, f -> false)));
    }
    assertEquals(0, exits.get(), "nothing was entered, nothing is released");
  }

  @Test
  void aFailedEnterStageWrapsAnUndeclaredCheckedFailureOnce() {
    IOException checked = new IOException("enter failed");
    for (CompletableFuture<String> stage : failedStages(checked)) {
      CompletionException thrown =
          assertThrows(CompletionException.class, () -> Blocking.enter(scope, stage, f -> false));
      assertSame(checked, thrown.getCause());
      thrown =
          assertThrows(
              CompletionException.class, () -> Blocking.enter(scope, stage, "r", f -> false));
      assertSame(checked, thrown.getCause());
    }
  }

  @Test
  void aCancelledStageThrowsTheCancellationItHolds() {
    CancellationException cancellation = new CancellationException("cancelled");
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.completeExceptionally(cancellation);
    assertSame(
        cancellation,
        assertThrows(
            CancellationException.class, () -> Blocking.enter(scope, cancelled, f -> false)));
    assertSame(
        cancellation,
        assertThrows(CancellationException.class, () -> Blocking.await(cancelled)));
  }

  @Test
  void aFailedCleanupStageThrowsItsFailureUnwrapped() {
    IOException checked = new IOException("commit failed");
    for (CompletableFuture<String> stage : failedStages(checked)) {
      assertSame(checked, assertThrows(IOException.class, () -> Blocking.await(stage)));
    }
  }
}
