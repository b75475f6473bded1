package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.behaviour.Script.Handle;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inline {@code call} and {@code run} of scopes with asynchronous lifecycle methods, where they
 * could differ from the protocol that {@code use} follows: stages that are {@code null}, an exit
 * of {@code CompletionStage<?>} that completes with {@code true}, a checked commit failure that
 * {@code call} does not declare, an enter of {@code CompletionStage<Void>} that an interrupt
 * abandons, and an interrupt while a cleanup stage is pending. {@link LifecycleOrderTest} holds
 * every path to the common rules.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AsyncInlineCallTest {

  @Test
  void nullStagesOfCommitRollbackAndExitCountAsCompleted() throws Exception {
    NullStages resource = new NullStages();
    AsyncInlineCallTest_NullStagesScope scope = AsyncInlineCallTest_NullStagesScope.of(resource);

    assertEquals("result", scope.call(handle -> "result"));
    assertEquals("result", scope.use(handle -> CompletableFuture.completedFuture("result")).get());
    assertEquals(
        List.of("open", "commit", "close <- null", "open", "commit", "close <- null"),
        resource.events);
  }

  @Test
  void aNullExitStageDoesNotSuppressTheBodyFailure() throws Exception {
    NullStages resource = new NullStages();
    AsyncInlineCallTest_NullStagesScope scope = AsyncInlineCallTest_NullStagesScope.of(resource);
    IllegalStateException called = new IllegalStateException("called");
    IllegalStateException used = new IllegalStateException("used");

    assertSame(
        called,
        assertThrows(
            IllegalStateException.class,
            () ->
                scope.run(
                    handle -> {
                      throw called;
                    })));
    ExecutionException viaUse =
        assertThrows(
            ExecutionException.class,
            () -> scope.use(handle -> CompletableFuture.failedFuture(used)).get());
    assertSame(used, viaUse.getCause());
    assertEquals(
        List.of(
            "open", "rollback", "close <- called", "open", "rollback", "close <- used"),
        resource.events);
  }

  @Test
  void anEnterThatReturnsNullFailsWithNullPointerExceptionAndNothingElseRuns() {
    NullStages resource = new NullStages();
    resource.enterReturnsNull = true;

    assertThrows(
        NullPointerException.class, () -> AsyncInlineCallTest_NullStagesScope.of(resource).call(handle -> "body"));
    assertEquals(List.of("open"), resource.events);
  }

  @Test
  void anExitOfAnyStageThatCompletesWithTrueDoesNotSuppress() throws Exception {
    VoidEnter resource = new VoidEnter();
    AsyncInlineCallTest_VoidEnterScope scope = AsyncInlineCallTest_VoidEnterScope.of(resource);
    resource.entered.complete(null);
    IllegalStateException called = new IllegalStateException("called");
    IllegalStateException used = new IllegalStateException("used");

    assertSame(
        called,
        assertThrows(
            IllegalStateException.class,
            () ->
                scope.call(
                    gate -> {
                      throw called;
                    })));
    ExecutionException viaUse =
        assertThrows(
            ExecutionException.class,
            () -> scope.use(gate -> CompletableFuture.failedFuture(used)).get());
    assertSame(used, viaUse.getCause());
    assertEquals(List.of("open", "close <- called", "open", "close <- used"), resource.events);
  }

  @Test
  void anUndeclaredCheckedCommitFailureArrivesWrappedAfterCleanupSawItUnwrapped() {
    SQLException commitFailure = new SQLException("commit");
    Script script = new Script().fail("commit", commitFailure);

    CompletionException wrapped =
        assertThrows(
            CompletionException.class,
            () -> AsyncInlineCallTest_UndeclaredCommitScope.of(new UndeclaredCommit(script)).call(handle -> "result"));

    assertSame(commitFailure, wrapped.getCause());
    assertEquals(
        List.of("enter", "commit", "rollback <- commit", "exit <- commit"), script.events());
  }

  @Test
  void interruptWhileCallWaitsForAVoidEnterReleasesTheObjectOnceItArrives() throws Exception {
    VoidEnter resource = new VoidEnter();
    AsyncInlineCallTest_VoidEnterScope scope = AsyncInlineCallTest_VoidEnterScope.of(resource);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                scope.run(gate -> resource.events.add("body"));
                thrown.complete(null);
              } catch (Throwable failure) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                thrown.complete(failure);
              }
            });
    caller.start();
    resource.opened.get(5, TimeUnit.SECONDS);

    caller.interrupt();

    CompletionException wrapped =
        assertInstanceOf(CompletionException.class, thrown.get(5, TimeUnit.SECONDS));
    assertInstanceOf(InterruptedException.class, wrapped.getCause());
    assertTrue(stillInterrupted.get(), "the interrupt status is set again");
    assertEquals(List.of("open"), resource.events);
    resource.entered.complete(null);
    assertEquals(List.of("open", "close <- InterruptedException"), resource.events);
    caller.join();
  }

  @Test
  void anInterruptWhileACleanupStageIsPendingWaitsForItAndIsKept() throws Exception {
    Script script = new Script().hold("commit");
    AsyncResourceScope scope = AsyncResourceScope.of(new AsyncResource(script));
    CompletableFuture<String> result = new CompletableFuture<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                result.complete(scope.call(handle -> "result"));
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    CompletableFuture<Object> commit = script.held("commit").get(5, TimeUnit.SECONDS);

    caller.interrupt();
    caller.join(200);

    assertFalse(result.isDone(), "call still waits for the commit");
    commit.complete(null);
    assertEquals("result", result.get(5, TimeUnit.SECONDS));
    caller.join();
    assertTrue(stillInterrupted.get(), "the interrupt status is kept");
    assertEquals(List.of("enter", "commit", "exit"), script.events());
  }

  /** Every cleanup method returns {@code null} instead of a stage. */
  static final class NullStages {
    final List<String> events = new CopyOnWriteArrayList<>();
    boolean enterReturnsNull;

    @Enter
    CompletionStage<NullStages> open() {
      events.add("open");
      return enterReturnsNull ? null : CompletableFuture.completedFuture(this);
    }

    @Commit
    CompletionStage<Void> commit() {
      events.add("commit");
      return null;
    }

    @Rollback
    CompletionStage<Void> rollback() {
      events.add("rollback");
      return null;
    }

    @Exit
    CompletionStage<Boolean> close(Throwable failure) {
      events.add("close <- " + (failure == null ? "null" : Script.describe(failure)));
      return null;
    }
  }

  /**
   * Entered with a {@code CompletionStage<Void>}, as itself; exits with a stage of any type that
   * completes with {@code true}, which is no request to suppress.
   */
  static final class VoidEnter {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> entered = new CompletableFuture<>();
    final CompletableFuture<Void> opened = new CompletableFuture<>();

    @Enter
    CompletionStage<Void> open() {
      events.add("open");
      opened.complete(null);
      return entered;
    }

    @Exit
    CompletionStage<?> close(Throwable failure) {
      events.add("close <- " + Script.describe(failure));
      return CompletableFuture.completedFuture(Boolean.TRUE);
    }
  }

  /** Asynchronous methods that declare nothing, with a commit. */
  static final class UndeclaredCommit {
    private final Script script;

    UndeclaredCommit(Script script) {
      this.script = script;
    }

    @Enter
    CompletionStage<Handle> open() {
      return script.async("enter", null, script.handle());
    }

    @Commit
    CompletionStage<Void> commit() {
      return script.async("commit", null, null);
    }

    @Rollback
    CompletionStage<Void> rollback(Throwable failure) {
      return script.async("rollback", failure, null);
    }

    @Exit
    CompletionStage<Void> close(Throwable failure) {
      return script.async("exit", failure, null);
    }
  }
}
