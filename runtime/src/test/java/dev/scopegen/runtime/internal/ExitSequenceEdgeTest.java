package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** {@link ExitSequence} with its default hooks, and with hooks that throw instead of returning. */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class ExitSequenceEdgeTest {

  private final List<String> log = new ArrayList<>();

  private static Throwable failureOf(CompletionStage<?> stage) {
    CompletableFuture<?> future = stage.toCompletableFuture();
    assertTrue(future.isDone(), "a synchronous sequence completes inside start()");
    return assertThrows(CompletionException.class, future::join).getCause();
  }

  /** Hooks that throw the failure they were given, synchronously. */
  private final class Throwing extends ExitSequence<String> {
    private final Throwable commitFailure;
    private final Throwable rollbackFailure;
    private final Throwable closeFailure;

    Throwing(Throwable failure, Throwable commit, Throwable rollback, Throwable close) {
      super("resource", failure);
      this.commitFailure = commit;
      this.rollbackFailure = rollback;
      this.closeFailure = close;
    }

    @Override
    protected CompletionStage<?> commit(String resource) throws Throwable {
      log.add("commit");
      if (commitFailure != null) {
        throw commitFailure;
      }
      return Stages.done();
    }

    @Override
    protected CompletionStage<?> rollback(String resource, Throwable failure) throws Throwable {
      log.add("rollback " + failure.getMessage());
      if (rollbackFailure != null) {
        throw rollbackFailure;
      }
      return Stages.done();
    }

    @Override
    protected CompletionStage<Boolean> close(String resource, Throwable failure) throws Throwable {
      log.add("close " + (failure == null ? null : failure.getMessage()));
      if (closeFailure != null) {
        throw closeFailure;
      }
      return Stages.of(false);
    }
  }

  @Test
  void withTheDefaultHooksNothingIsSuppressed() {
    assertFalse(new ExitSequence<String>("r", null) {}.start().toCompletableFuture().join());
    IOException failure = new IOException("body");
    assertFalse(new ExitSequence<String>("r", failure) {}.start().toCompletableFuture().join());
    assertArrayEquals(new Throwable[0], failure.getSuppressed());
  }

  @Test
  void aCommitThatThrowsBecomesTheFailureThatRollbackAndCloseSee() {
    IOException commitFailure = new IOException("commit");
    assertSame(commitFailure, failureOf(new Throwing(null, commitFailure, null, null).start()));
    assertEquals(List.of("commit", "rollback commit", "close commit"), log);
  }

  @Test
  void aRollbackAndACloseThatThrowAreSuppressedOntoTheBodysFailure() {
    IllegalStateException failure = new IllegalStateException("body");
    IOException rollbackFailure = new IOException("rollback");
    Error closeFailure = new AssertionError("close");
    assertFalse(
        new Throwing(failure, null, rollbackFailure, closeFailure)
            .start()
            .toCompletableFuture()
            .join());
    assertEquals(List.of("rollback body", "close body"), log);
    assertArrayEquals(new Throwable[] {rollbackFailure, closeFailure}, failure.getSuppressed());
  }

  @Test
  void aCloseThatThrowsAfterSuccessPropagates() {
    IOException closeFailure = new IOException("close");
    assertSame(closeFailure, failureOf(new Throwing(null, null, null, closeFailure).start()));
    assertEquals(List.of("commit", "close null"), log);
  }
}
