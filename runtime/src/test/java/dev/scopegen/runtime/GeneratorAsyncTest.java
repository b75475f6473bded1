package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The asynchronous generator engine: Python's {@code @asynccontextmanager} semantics through {@code
 * call}, {@code use} and split {@code enter}/{@code exit}, with stages that complete at once and
 * stages that complete later on other threads.
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
  void callRunsSetupBodyAndCleanupInOrder() throws Exception {
    String result =
        logging()
            .call(
                resource -> {
                  log.add("body " + resource);
                  return "result";
                });

    assertEquals("result", result);
    assertEquals(List.of("setup", "body resource", "cleanup"), log);
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
  void bodyFailurePropagatesUnchangedThroughCallAndUse() throws Exception {
    IOException failure = new IOException("disk full");

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                logging()
                    .run(
                        resource -> {
                          throw failure;
                        }));
    CompletableFuture<Object> used =
        logging().use(resource -> CompletableFuture.failedFuture(failure));

    assertSame(failure, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertSame(failure, used.handle((value, usedFailure) -> usedFailure).get(5, TimeUnit.SECONDS));
    assertEquals(List.of("setup", "cleanup", "setup", "cleanup"), log);
  }

  @Test
  void generatorThatRecoversSuppressesTheFailure() throws Exception {
    AsyncGenerator<String> called = recovering();
    AsyncGenerator<String> used = recovering();

    Object result =
        called.call(
            resource -> {
              throw new IllegalArgumentException("bad");
            });
    CompletableFuture<Object> future =
        used.use(resource -> CompletableFuture.failedFuture(new IllegalArgumentException("bad")));

    assertNull(result);
    assertNull(future.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("recovered bad", "recovered bad"), log);
  }

  private AsyncGenerator<String> recovering() {
    return new AsyncGenerator<>(
        "recovering",
        y ->
            y.yield("resource")
                .exceptionally(
                    failure -> {
                      log.add("recovered " + failure.getMessage());
                      return null;
                    }));
  }

  @Test
  void generatorThatTranslatesTheFailureReplacesItWithTheOriginalAsCause() {
    RuntimeException original = new RuntimeException("original");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "translating",
            y ->
                y.yield("resource")
                    .exceptionallyCompose(
                        failure ->
                            CompletableFuture.failedFuture(
                                new IOException("translated", failure))));

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                scope.run(
                    resource -> {
                      throw original;
                    }));

    assertSame(original, thrown.getCause());
    assertEquals(0, thrown.getSuppressed().length);
  }

  @Test
  void replacementWithoutCauseKeepsTheOriginalAsSuppressed() throws Exception {
    RuntimeException original = new RuntimeException("original");
    IOException replacement = new IOException("replacement");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "replacing",
            y ->
                y.yield("resource")
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(replacement)));

    String resource = scope.enter().toCompletableFuture().get();
    ExecutionException thrown =
        assertThrows(
            ExecutionException.class,
            () -> scope.exit(resource, original).toCompletableFuture().get());

    assertSame(replacement, thrown.getCause());
    assertEquals(List.of(original), List.of(replacement.getSuppressed()));
  }

  @Test
  void failureOfTheCleanupAfterASuccessfulBodyPropagates() {
    IOException cleanupFailure = new IOException("cannot close");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "failing cleanup",
            y ->
                y.yield("resource")
                    .thenCompose(ok -> CompletableFuture.failedFuture(cleanupFailure)));

    IOException thrown = assertThrows(IOException.class, () -> scope.call(resource -> "result"));

    assertSame(cleanupFailure, thrown);
  }

  @Test
  void generatorThatDoesNotYieldFailsAndTheBodyNeverRuns() {
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "session",
            y -> {
              log.add("setup");
              return CompletableFuture.completedFuture(null);
            });

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> scope.run(resource -> log.add("body")));

    assertEquals("@ScopedResource session did not yield", thrown.getMessage());
    assertEquals(List.of("setup"), log);
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
  void failuresBeforeTheYieldPropagateUnchangedAndTheBodyNeverRuns() {
    IOException thrownAtOnce = new IOException("thrown");
    IOException failedStage = new IOException("failed stage");
    AsyncGenerator<String> throwing =
        new AsyncGenerator<>(
            "throwing",
            y -> {
              throw thrownAtOnce;
            });
    AsyncGenerator<String> failing =
        new AsyncGenerator<>(
            "failing",
            y ->
                CompletableFuture.completedFuture("x")
                    .thenCompose(x -> CompletableFuture.failedFuture(failedStage)));
    AsyncGenerator<String> returningNull = new AsyncGenerator<>("null", y -> null);

    assertSame(
        thrownAtOnce,
        assertThrows(IOException.class, () -> throwing.run(resource -> log.add("body"))));
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
  void secondYieldKeepsTheBodyFailureAsSuppressed() {
    RuntimeException bodyFailure = new RuntimeException("body");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "twice", y -> y.yield("first").exceptionallyCompose(failure -> y.yield("second")));

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                scope.run(
                    resource -> {
                      throw bodyFailure;
                    }));

    assertEquals("@ScopedResource twice yielded more than once", thrown.getMessage());
    assertEquals(List.of(bodyFailure), List.of(thrown.getSuppressed()));
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
  void aScopeIsSingleUse() throws Exception {
    AsyncGenerator<String> called = logging();
    called.run(resource -> {});
    AsyncGenerator<String> used = logging();
    used.use(resource -> CompletableFuture.completedFuture(null)).get();

    assertThrows(IllegalStateException.class, () -> called.run(resource -> {}));
    assertThrows(IllegalStateException.class, called::enter);
    assertThrows(IllegalStateException.class, used::enter);
  }

  @Test
  void exitWithoutEnterOrTwiceFails() throws Exception {
    AsyncGenerator<String> scope = logging();
    assertThrows(IllegalStateException.class, () -> scope.exit("resource", null));

    String resource = scope.enter().toCompletableFuture().get();
    scope.exit(resource, null).toCompletableFuture().get();

    assertThrows(IllegalStateException.class, () -> scope.exit(resource, null));
  }

  @Test
  void cleanupOnAnotherThreadCompletesTheExit() throws Exception {
    Executor later = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS, executor);
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "threaded",
            y ->
                CompletableFuture.supplyAsync(() -> "resource", later)
                    .thenCompose(y::yield)
                    .whenCompleteAsync((ok, failure) -> log.add("cleanup"), later));
    RuntimeException failure = new RuntimeException("body");

    CompletableFuture<Object> used = scope.use(resource -> CompletableFuture.failedFuture(failure));

    assertSame(failure, used.handle((value, thrown) -> thrown).get(5, TimeUnit.SECONDS));
    assertEquals(List.of("cleanup"), log);
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

  static Stream<Throwable> failuresOfEveryType() {
    return GeneratorBlockingTest.failuresOfEveryType();
  }

  @ParameterizedTest
  @MethodSource("failuresOfEveryType")
  void failuresOfEveryTypePassThroughUnchanged(Throwable failure) throws Exception {
    Throwable called =
        assertThrows(
            Throwable.class,
            () ->
                logging()
                    .run(
                        resource -> {
                          throw failure;
                        }));
    CompletableFuture<Object> used =
        logging().use(resource -> CompletableFuture.failedFuture(failure));
    AsyncGenerator<String> split = logging();
    String resource = split.enter().toCompletableFuture().get();

    assertSame(failure, called);
    assertSame(failure, used.handle((value, thrown) -> thrown).get(5, TimeUnit.SECONDS));
    assertFalse(split.exit(resource, failure).toCompletableFuture().get());
  }

  @ParameterizedTest
  @MethodSource("failuresOfEveryType")
  void failuresOfEveryTypeReachTheGeneratorUnwrapped(Throwable failure) throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "observing", y -> y.yield("resource").whenComplete((ok, thrown) -> seen.set(thrown)));

    String resource = scope.enter().toCompletableFuture().get();
    scope.exit(resource, failure).toCompletableFuture().get();

    assertSame(failure, seen.get());
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
