package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link YieldStage} calls the cleanup chained on it, and the generator waiting at the end of
 * the chain, itself: these tests cover the ways around that path. A stage with two cleanups
 * chained on it, a stage completed from outside before the body ended (by {@code complete}, {@code
 * completeExceptionally} or {@code completeAsync}), and an asynchronous cleanup in the middle of
 * the chain.
 */
@Timeout(10)
class YieldStageChainTest {

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void twoCleanupsOnOneStageBothRunAndExitWaitsForTheOneReturned() throws Exception {
    CompletableFuture<Void> slow = new CompletableFuture<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "forked",
            y -> {
              YieldStage stage = y.yield("resource");
              stage.andFinally(() -> log.add("side"));
              return stage.andFinally(() -> log.add("main")).andFinally(() -> slow);
            });

    assertEquals("resource", scope.enter().toCompletableFuture().getNow(null));
    CompletableFuture<Boolean> exited = scope.exit("resource", null).toCompletableFuture();

    assertFalse(exited.isDone());
    assertEquals(Set.of("side", "main"), Set.copyOf(log));
    assertEquals(2, log.size());
    executor.execute(() -> slow.complete(null));
    assertFalse(exited.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aSecondCleanupChainedAfterTheBodyEndedRunsAtOnce() {
    AtomicReference<YieldStage> yielded = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "late-chain",
            y -> {
              yielded.set(y.yield("resource"));
              return yielded.get().andFinally(() -> log.add("first"));
            });
    scope.enter();
    RuntimeException bodyFailure = new RuntimeException("body");

    assertFalse(scope.exit("resource", bodyFailure).toCompletableFuture().getNow(true));
    CompletableFuture<Void> late =
        yielded.get().onFailure(() -> log.add("late")).toCompletableFuture();

    assertEquals(List.of("first", "late"), log);
    ExecutionException thrown = assertThrows(ExecutionException.class, late::get);
    assertSame(bodyFailure, thrown.getCause());
  }

  @Test
  void aMethodStageCompletedFromOutsideBeforeTheBodyEndedCannotSuppressItsFailure() {
    AtomicReference<YieldStage> returned = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "outside",
            y -> {
              returned.set(y.yield("resource").andFinally(() -> log.add("cleanup")));
              return returned.get();
            });
    scope.enter();

    assertTrue(returned.get().toCompletableFuture().complete(null));
    RuntimeException bodyFailure = new RuntimeException("body");
    CompletableFuture<Boolean> exited =
        scope.exit("resource", bodyFailure).toCompletableFuture();

    assertFalse(exited.getNow(true), "a stage that completed first does not suppress");
    assertEquals(List.of("cleanup"), log, "the cleanup still runs when the body ends");
  }

  @Test
  void aMethodStageFailedFromOutsideBeforeTheBodyEndedReplacesItsFailure() {
    AtomicReference<YieldStage> returned = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "outside-failure",
            y -> {
              returned.set(y.yield("resource"));
              return returned.get();
            });
    scope.enter();
    IllegalArgumentException replacement = new IllegalArgumentException("outside");

    assertTrue(returned.get().toCompletableFuture().completeExceptionally(replacement));
    RuntimeException bodyFailure = new RuntimeException("body");
    CompletableFuture<Boolean> exited =
        scope.exit("resource", bodyFailure).toCompletableFuture();

    CompletionException thrown = assertThrows(CompletionException.class, exited::join);
    assertSame(replacement, thrown.getCause());
    assertSame(bodyFailure, replacement.getSuppressed()[0]);
  }

  @Test
  void aStageCompletedAsynchronouslyFromOutsideRunsTheCleanupChainedOnIt() throws Exception {
    AtomicReference<YieldStage> yielded = new AtomicReference<>();
    AtomicReference<YieldStage> returned = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "async-outside",
            y -> {
              yielded.set(y.yield("resource"));
              returned.set(yielded.get().andFinally(() -> log.add("cleanup")));
              return returned.get();
            });
    CompletionStage<String> entered = scope.enter();
    assertEquals("resource", entered.toCompletableFuture().getNow(null));

    CompletableFuture<Void> outside =
        yielded
            .get()
            .toCompletableFuture()
            .completeAsync(
                () -> {
                  throw new IllegalStateException("supplier");
                },
                executor);

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> outside.get(5, TimeUnit.SECONDS));
    assertTrue(thrown.getCause() instanceof IllegalStateException, thrown.toString());
    CompletableFuture<Void> method = returned.get().toCompletableFuture();
    assertThrows(ExecutionException.class, () -> method.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("cleanup"), log);
    // The method's stage failed before exit came, with the supplier's failure: that replaces.
    CompletionException failed =
        assertThrows(
            CompletionException.class,
            () -> scope.exit("resource", null).toCompletableFuture().join());
    assertEquals("supplier", failed.getCause().getMessage());
  }

  @Test
  void anAsynchronousCleanupInTheMiddleOfTheChainIsAwaitedByExit() throws Exception {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    RuntimeException bodyFailure = new RuntimeException("body");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "middle",
            y ->
                y.yield("resource")
                    .andFinally(() -> closing)
                    .onFailure(() -> log.add("rollback"))
                    .andFinally(() -> log.add("last")));
    scope.enter();

    CompletableFuture<Boolean> exited =
        scope.exit("resource", bodyFailure).toCompletableFuture();
    assertFalse(exited.isDone());
    assertEquals(List.of(), log);
    executor.execute(() -> closing.complete(null));

    assertFalse(exited.get(5, TimeUnit.SECONDS), "the method passed the body's failure on");
    assertEquals(List.of("rollback", "last"), log);
  }
}
