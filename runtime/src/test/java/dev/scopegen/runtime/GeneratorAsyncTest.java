package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
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
 * What only the asynchronous generator engine does: stages that complete at once or later, a
 * method that returns a failed stage or none, a yield that returns a stage, and cancellation. The
 * contract both engines keep is {@link GeneratorContractTest}.
 */
@Timeout(10)
class GeneratorAsyncTest {

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  /** A generator that logs its setup and cleanup; its cleanup keeps the body's outcome. */
  private AsyncGenerator<String> logging() {
    return new AsyncGenerator<>(
        "logging",
        y -> {
          log.add("setup");
          return y.yield("resource").whenComplete((ok, failure) -> log.add("cleanup"));
        });
  }

  @Test
  void enterAndExitCompleteAtOnceWhenTheStagesDo() {
    AsyncGenerator<String> scope = logging();

    CompletableFuture<String> entered = scope.enter().toCompletableFuture();
    assertEquals("resource", entered.getNow("pending"));
    CompletableFuture<Boolean> exited = scope.exit("resource", null).toCompletableFuture();

    assertFalse(exited.getNow(true));
    assertEquals(List.of("setup", "cleanup"), log);
  }

  @Test
  void enterWaitsForALateYieldAndExitForALateCleanup() throws Exception {
    CompletableFuture<String> connection = new CompletableFuture<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "late",
            y ->
                connection
                    .thenCompose(y::yield)
                    .handle((ok, failure) -> failure)
                    .thenCompose(failure -> closed));

    CompletableFuture<String> entered = scope.enter().toCompletableFuture();
    assertFalse(entered.isDone());
    executor.execute(() -> connection.complete("connection"));
    assertEquals("connection", entered.get(5, TimeUnit.SECONDS));

    CompletableFuture<Boolean> exited = scope.exit("connection", null).toCompletableFuture();
    assertFalse(exited.isDone());
    executor.execute(() -> closed.complete(null));

    assertFalse(exited.get(5, TimeUnit.SECONDS));
  }

  @Test
  void generatorThatCompletesLaterWithoutYieldingFailsTheEnter() throws Exception {
    CompletableFuture<Void> setup = new CompletableFuture<>();
    AsyncGenerator<String> scope = new AsyncGenerator<>("forgetful", y -> setup);

    CompletableFuture<String> entered = scope.enter().toCompletableFuture();
    executor.execute(() -> setup.complete(null));

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> entered.get(5, TimeUnit.SECONDS));
    assertEquals("@ScopedResource forgetful did not yield", thrown.getCause().getMessage());
  }

  @Test
  void aFailedOrMissingStageBeforeTheYieldFailsAndTheBodyNeverRuns() {
    IOException failedStage = new IOException("failed stage");
    AsyncGenerator<String> failing =
        new AsyncGenerator<>(
            "failing",
            y ->
                CompletableFuture.completedFuture("x")
                    .thenCompose(x -> CompletableFuture.failedFuture(failedStage)));
    AsyncGenerator<String> returningNull = new AsyncGenerator<>("null", y -> null);

    assertSame(
        failedStage,
        assertThrows(IOException.class, () -> failing.run(resource -> log.add("body"))));
    NullPointerException noStage =
        assertThrows(
            NullPointerException.class, () -> returningNull.run(resource -> log.add("body")));
    assertEquals(
        "@ScopedResource null returned null instead of a CompletionStage", noStage.getMessage());
    assertEquals(List.of(), log);
  }

  @Test
  void secondYieldReturnsAFailedStageAndTheExitFailsEvenIfTheGeneratorIgnoresIt() {
    AtomicReference<CompletionStage<Void>> second = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "twice",
            y ->
                y.yield("first")
                    .thenRun(() -> second.set(y.yield("second")))
                    .thenRun(() -> log.add("cleanup")));

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> scope.run(resource -> log.add(resource)));

    assertEquals("@ScopedResource twice yielded more than once", thrown.getMessage());
    assertEquals(List.of("first", "cleanup"), log);
    assertTrue(second.get().toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void generatorThatCompletesBeforeTheBodyCannotSuppressItsFailure() throws Exception {
    RuntimeException bodyFailure = new RuntimeException("body");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "impatient",
            y -> {
              y.yield("resource");
              return CompletableFuture.completedFuture(null);
            });

    String resource = scope.enter().toCompletableFuture().get();

    assertFalse(scope.exit(resource, bodyFailure).toCompletableFuture().get());
  }

  @Test
  void yieldAfterTheGeneratorCompletedFails() throws Exception {
    AtomicReference<AsyncYield<String>> leaked = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "leaky",
            y -> {
              leaked.set(y);
              return CompletableFuture.completedFuture(null);
            });
    assertThrows(IllegalStateException.class, () -> scope.run(resource -> log.add("body")));

    CompletableFuture<Void> late = leaked.get().yield("late").toCompletableFuture();

    ExecutionException thrown = assertThrows(ExecutionException.class, late::get);
    assertEquals(
        "@ScopedResource leaky yielded after it had completed", thrown.getCause().getMessage());
    assertEquals(List.of(), log);
  }

  @Test
  void cancellingUseCancelsTheYieldStageAndWaitsForTheCleanup() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "cancelled",
            y ->
                y.yield("resource")
                    .handle(
                        (ok, failure) -> {
                          log.add("saw " + failure.getClass().getSimpleName());
                          return failure;
                        })
                    .thenCompose(
                        failure ->
                            closed.thenCompose(done -> CompletableFuture.failedFuture(failure))));
    CompletableFuture<String> body = new CompletableFuture<>();

    CompletableFuture<String> result = scope.use(resource -> body);
    assertTrue(result.cancel(true));
    assertFalse(result.isDone(), "waits for the cleanup");
    closed.complete(null);

    assertThrows(CancellationException.class, () -> result.get(5, TimeUnit.SECONDS));
    assertTrue(body.isCancelled());
    assertEquals(List.of("saw CancellationException"), log);
  }

  @Test
  void wrappedRethrowOfTheSameInstanceIsNotAReplacement() throws Exception {
    RuntimeException failure = new RuntimeException("body");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "wrapping",
            y ->
                y.yield("resource")
                    .exceptionallyCompose(
                        thrown -> CompletableFuture.failedFuture(new CompletionException(thrown))));

    String resource = scope.enter().toCompletableFuture().get();

    assertFalse(scope.exit(resource, failure).toCompletableFuture().get());
    assertEquals(0, failure.getSuppressed().length);
  }
}
