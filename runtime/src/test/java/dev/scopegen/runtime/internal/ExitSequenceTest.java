package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The {@code @Commit}/{@code @Rollback}/{@code @Exit} protocol: semantics rules 2 to 4 (README). */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class ExitSequenceTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /** A resource class's hooks, each logging and then doing what the test set up. */
  private final class Hooks extends ExitSequence<String> {
    Throwable commitFailure;
    Throwable rollbackFailure;
    Throwable closeFailure;
    boolean suppress;
    boolean async;
    Class<? extends Throwable> noRollbackFor;

    Hooks(Throwable failure) {
      super("resource", failure);
    }

    private <T> CompletionStage<T> outcome(T value, Throwable failure) {
      CompletableFuture<T> stage = new CompletableFuture<>();
      Runnable complete =
          () -> {
            if (failure == null) {
              stage.complete(value);
            } else {
              stage.completeExceptionally(failure);
            }
          };
      if (async) {
        CompletableFuture.runAsync(complete);
      } else {
        complete.run();
      }
      return stage;
    }

    @Override
    protected CompletionStage<?> commit(String resource) {
      log.add("commit");
      return outcome(null, commitFailure);
    }

    @Override
    protected CompletionStage<?> rollback(String resource, Throwable failure) {
      log.add("rollback " + failure.getMessage());
      return outcome(null, rollbackFailure);
    }

    @Override
    protected CompletionStage<Boolean> close(String resource, Throwable failure) {
      log.add("close " + (failure == null ? null : failure.getMessage()));
      return outcome(suppress, closeFailure);
    }

    @Override
    protected boolean rollsBackOn(Throwable failure) {
      return noRollbackFor == null || !noRollbackFor.isInstance(failure);
    }
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    return assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join())
        .getCause();
  }

  @Test
  void afterSuccessCommitsThenCloses() {
    for (boolean async : new boolean[] {false, true}) {
      log.clear();
      Hooks hooks = new Hooks(null);
      hooks.async = async;
      assertFalse(hooks.start().toCompletableFuture().join());
      assertEquals(List.of("commit", "close null"), log);
    }
  }

  @Test
  void afterAFailureRollsBackThenClosesAndTheFailureStaysPrimary() {
    for (boolean async : new boolean[] {false, true}) {
      log.clear();
      IllegalStateException failure = new IllegalStateException("body");
      IOException rollbackFailure = new IOException("rollback");
      IOException closeFailure = new IOException("close");
      Hooks hooks = new Hooks(failure);
      hooks.async = async;
      hooks.rollbackFailure = rollbackFailure;
      hooks.closeFailure = closeFailure;
      assertFalse(hooks.start().toCompletableFuture().join());
      assertEquals(List.of("rollback body", "close body"), log);
      assertArrayEquals(new Throwable[] {rollbackFailure, closeFailure}, failure.getSuppressed());
    }
  }

  @Test
  void aFailingCommitBecomesTheFailureThatRollbackAndCloseSee() {
    for (boolean async : new boolean[] {false, true}) {
      log.clear();
      IOException commitFailure = new IOException("commit");
      Hooks hooks = new Hooks(null);
      hooks.async = async;
      hooks.commitFailure = commitFailure;
      assertSame(commitFailure, failureOf(hooks.start()));
      assertEquals(List.of("commit", "rollback commit", "close commit"), log);
    }
  }

  @Test
  void closeMaySuppressTheFailure() {
    Hooks hooks = new Hooks(new IllegalStateException("body"));
    hooks.suppress = true;
    assertTrue(hooks.start().toCompletableFuture().join());
  }

  @Test
  void aCloseFailureAfterSuccessPropagates() {
    IOException closeFailure = new IOException("close");
    Hooks hooks = new Hooks(null);
    hooks.closeFailure = closeFailure;
    assertSame(closeFailure, failureOf(hooks.start()));
  }

  @Test
  void aFailureListedInNoRollbackForCommitsInstead() {
    IOException failure = new IOException("keep");
    Hooks hooks = new Hooks(failure);
    hooks.noRollbackFor = IOException.class;
    assertFalse(hooks.start().toCompletableFuture().join());
    assertEquals(List.of("commit", "close keep"), log);
  }

  @Test
  void aCommitInsteadThatFailsRollsBackAfterAll() {
    IOException failure = new IOException("keep");
    IllegalStateException commitFailure = new IllegalStateException("commit");
    Hooks hooks = new Hooks(failure);
    hooks.noRollbackFor = IOException.class;
    hooks.commitFailure = commitFailure;
    assertFalse(hooks.start().toCompletableFuture().join());
    assertEquals(List.of("commit", "rollback keep", "close keep"), log);
    assertArrayEquals(new Throwable[] {commitFailure}, failure.getSuppressed());
  }
}
