package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link YieldStage#andFinally} and {@link YieldStage#onFailure}: Python's {@code finally} and
 * {@code except: ...; raise} around the yield of an asynchronous generator, with the scope rules
 * for the body's outcome and for cleanup failures.
 */
@Timeout(10)
class YieldStageTest {

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicReference<CompletionStage<Void>> methodStage = new AtomicReference<>();

  /**
   * A generator whose method yields "r" and returns {@code cleanup} applied to the yield's stage.
   */
  private AsyncGenerator<String> generator(Function<YieldStage, CompletionStage<Void>> cleanup) {
    return new AsyncGenerator<>(
        "g",
        y -> {
          CompletionStage<Void> stage = cleanup.apply(y.yield("r"));
          methodStage.set(stage);
          return stage;
        });
  }

  /** Enters, "runs" a body that ends with {@code bodyFailure}, exits; returns exit's stage. */
  private CompletableFuture<Boolean> runBody(
      AsyncGenerator<String> generator, Throwable bodyFailure) {
    assertEquals("r", generator.enter().toCompletableFuture().join());
    log.add("body");
    return generator.exit("r", bodyFailure).toCompletableFuture();
  }

  /** The failure the method's stage completed with, as stored: never unwrapped, never wrapped. */
  private Throwable methodFailure() {
    return methodStage.get().toCompletableFuture().handle((ok, failure) -> failure).join();
  }

  private AsyncCleanup logging(String name) {
    return () -> {
      log.add(name);
      return CompletableFuture.completedFuture(null);
    };
  }

  private AsyncCleanup failing(String name, Throwable failure) {
    return () -> {
      log.add(name);
      return CompletableFuture.failedFuture(failure);
    };
  }

  @Test
  void andFinallyRunsAfterASuccessfulBodyAndKeepsTheSuccess() {
    CompletableFuture<Boolean> exited =
        runBody(generator(body -> body.andFinally(logging("cleanup"))), null);

    assertEquals(List.of("body", "cleanup"), log);
    assertNull(methodFailure());
    assertFalse(exited.join());
  }

  @Test
  void andFinallyKeepsTheBodysFailureAsTheSameObject() {
    IOException failure = new IOException("body");

    CompletableFuture<Boolean> exited =
        runBody(generator(body -> body.andFinally(logging("cleanup"))), failure);

    assertEquals(List.of("body", "cleanup"), log);
    assertSame(failure, methodFailure());
    assertFalse(exited.join(), "the failure propagates: exit does not suppress it");
    assertEquals(0, failure.getSuppressed().length);
  }

  @Test
  void aCompletionExceptionBodyFailurePassesEveryStageAsTheSameObject() {
    CompletionException failure = new CompletionException(new IOException("inside"));

    runBody(
        generator(
            body ->
                body.onFailure(logging("rollback"))
                    .andFinally(logging("first"))
                    .andFinally(() -> log.add("second"))),
        failure);

    assertEquals(List.of("body", "rollback", "first", "second"), log);
    assertSame(failure, methodFailure());
  }

  @Test
  void aFailingCleanupStageIsSuppressedOntoTheBodysFailure() {
    IOException failure = new IOException("body");
    IllegalStateException closeFailure = new IllegalStateException("close");

    runBody(generator(body -> body.andFinally(failing("cleanup", closeFailure))), failure);

    assertSame(failure, methodFailure());
    assertArrayEquals(new Throwable[] {closeFailure}, failure.getSuppressed());
  }

  @Test
  void aCleanupThatThrowsACheckedExceptionCountsAsAFailingCleanup() {
    IOException failure = new IOException("body");
    IOException closeFailure = new IOException("close");

    runBody(
        generator(
            body ->
                body.andFinally(
                    () -> {
                      throw closeFailure;
                    })),
        failure);

    assertSame(failure, methodFailure());
    assertArrayEquals(new Throwable[] {closeFailure}, failure.getSuppressed());
  }

  @Test
  void aCleanupFailureAfterASuccessPropagatesUnwrapped() {
    IOException closeFailure = new IOException("close");
    AsyncGenerator<String> generator =
        generator(
            body ->
                body.andFinally(
                    () ->
                        CompletableFuture.supplyAsync(
                            () -> {
                              throw new CompletionException(closeFailure);
                            })));

    IOException thrown =
        assertThrows(IOException.class, () -> generator.call(resource -> "result"));

    assertSame(closeFailure, thrown);
    assertSame(closeFailure, methodFailure());
  }

  @Test
  void aSynchronousCleanupThatThrowsAfterASuccessPropagates() {
    IOException closeFailure = new IOException("close");
    AsyncGenerator<String> generator =
        generator(
            body ->
                body.andFinally(
                    () -> {
                      log.add("close");
                      throw closeFailure;
                    }));

    CompletableFuture<Boolean> exited = runBody(generator, null);

    assertEquals(List.of("body", "close"), log);
    assertSame(closeFailure, methodFailure());
    CompletionException wrapped = assertThrows(CompletionException.class, exited::join);
    assertSame(closeFailure, wrapped.getCause());
  }

  @Test
  void aCleanupThatReturnsNullFailsWithANullPointerException() {
    runBody(generator(body -> body.andFinally(() -> (CompletionStage<?>) null)), null);

    assertInstanceOf(NullPointerException.class, methodFailure());
  }

  @Test
  void theCleanupIsAwaitedBeforeTheScopeExits() {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    AsyncGenerator<String> generator = generator(body -> body.andFinally(() -> closing));

    CompletableFuture<Boolean> exited = runBody(generator, null);

    assertFalse(exited.isDone(), "exit waits for the cleanup's stage");
    closing.complete(null);
    assertFalse(exited.join());
  }

  @Test
  void threeCleanupsAfterASuccessRunInOrderAndTheFirstFailureWins() {
    IOException first = new IOException("first");
    IOException second = new IOException("second");
    IOException third = new IOException("third");

    runBody(
        generator(
            body ->
                body.andFinally(failing("first", first))
                    .andFinally(failing("second", second))
                    .andFinally(failing("third", third))),
        null);

    assertEquals(List.of("body", "first", "second", "third"), log);
    assertSame(first, methodFailure());
    assertArrayEquals(new Throwable[] {second, third}, first.getSuppressed());
  }

  @Test
  void threeCleanupsAfterAFailureAreAllAttemptedAndSuppressedInOrder() {
    IOException failure = new IOException("body");
    IOException first = new IOException("first");
    IOException third = new IOException("third");

    runBody(
        generator(
            body ->
                body.andFinally(failing("first", first))
                    .andFinally(logging("second"))
                    .andFinally(
                        () -> {
                          log.add("third");
                          throw third;
                        })),
        failure);

    assertEquals(List.of("body", "first", "second", "third"), log);
    assertSame(failure, methodFailure());
    assertArrayEquals(new Throwable[] {first, third}, failure.getSuppressed());
  }

  @Test
  void onFailureDoesNotRunAfterASuccess() {
    runBody(
        generator(body -> body.onFailure(logging("rollback")).andFinally(logging("close"))), null);

    assertEquals(List.of("body", "close"), log);
    assertNull(methodFailure());
  }

  @Test
  void onFailureRunsAfterAFailureWhichStillPropagates() {
    IOException failure = new IOException("body");
    IOException rollbackFailure = new IOException("rollback");

    CompletableFuture<Boolean> exited =
        runBody(
            generator(
                body ->
                    body.onFailure(failing("rollback", rollbackFailure))
                        .onFailure(() -> log.add("log it"))
                        .andFinally(logging("close"))),
            failure);

    assertEquals(List.of("body", "rollback", "log it", "close"), log);
    assertSame(failure, methodFailure());
    assertArrayEquals(new Throwable[] {rollbackFailure}, failure.getSuppressed());
    assertFalse(exited.join());
  }

  @Test
  void onFailureAfterAnAndFinallySeesTheCleanupsFailure() {
    IOException closeFailure = new IOException("close");

    runBody(
        generator(
            body -> body.andFinally(failing("close", closeFailure)).onFailure(logging("rollback"))),
        null);

    assertEquals(List.of("body", "close", "rollback"), log);
    assertSame(closeFailure, methodFailure());
  }

  @Test
  void anErrorInACleanupIsSuppressedLikeAnyFailure() {
    IOException failure = new IOException("body");
    AssertionError broken = new AssertionError("broken cleanup");

    runBody(
        generator(
            body ->
                body.andFinally(
                    () -> {
                      throw broken;
                    })),
        failure);

    assertSame(failure, methodFailure());
    assertArrayEquals(new Throwable[] {broken}, failure.getSuppressed());
  }

  @Test
  void aCancelAfterTheBodyEndedIsRefusedAndNeverCancelsTheCleanup() {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    AsyncGenerator<String> generator = generator(body -> body.andFinally(() -> closing));
    CompletableFuture<Boolean> exited = runBody(generator, null);

    assertFalse(methodStage.get().toCompletableFuture().cancel(true));
    assertFalse(closing.isCancelled());
    closing.complete(null);

    assertFalse(exited.join());
    assertNull(methodFailure());
  }

  @Test
  void theStagesReturnedAreYieldStagesSoChainsTypeCheckAsTheMethodsResult() {
    AtomicReference<YieldStage> second = new AtomicReference<>();
    runBody(
        generator(
            body -> {
              YieldStage chained = body.andFinally(logging("a")).onFailure(logging("b"));
              second.set(chained);
              return chained;
            }),
        null);

    assertSame(methodStage.get(), second.get());
    assertTrue(second.get().toCompletableFuture().isDone());
  }
}
