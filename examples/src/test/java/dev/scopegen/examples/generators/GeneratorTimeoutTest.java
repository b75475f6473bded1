package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.Deadline;
import dev.scopegen.runtime.ExitStack;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Generated scopes of generators that wrap their yield in {@code Scopes.timeout}: the deadline (200
 * ms) reaches the body (which would take 5 s) in every way of entering the scope, and the caller
 * gets a {@link TimeoutException} long before the body would have finished (bounded at 3 s).
 */
@Timeout(30)
class GeneratorTimeoutTest {

  private static final Duration DEADLINE = Duration.ofMillis(200);
  private static final long BODY_MILLIS = 5_000;
  private static final long BOUND_MILLIS = 3_000;

  @AfterEach
  void noInterruptIsLeftBehind() {
    assertFalse(Thread.interrupted(), "the test thread was left interrupted");
  }

  private static CompletableFuture<String> slowStage() {
    return new CompletableFuture<String>()
        .completeOnTimeout("too late", BODY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static void slowBody(Deadline ignored) throws InterruptedException {
    Thread.sleep(BODY_MILLIS);
  }

  private static TimeoutException timesOut(String form, Executable statement) {
    long start = System.nanoTime();
    TimeoutException timeout = assertThrows(TimeoutException.class, statement);
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsed < BOUND_MILLIS, form + " took " + elapsed + " ms");
    return timeout;
  }

  private static Executable joining(CompletableFuture<?> used) {
    return () -> {
      try {
        used.join();
      } catch (CompletionException e) {
        throw e.getCause();
      }
    };
  }

  @Test
  void blockingGeneratorThroughRun() {
    TimeoutException timeout =
        timesOut(
            "run",
            () -> BlockingFixturesScopes.deadline(DEADLINE).run(GeneratorTimeoutTest::slowBody));

    assertInstanceOf(InterruptedException.class, timeout.getCause());
  }

  @Test
  void blockingGeneratorThroughUse() {
    CompletableFuture<String> body = slowStage();

    TimeoutException timeout =
        timesOut("use", joining(BlockingFixturesScopes.deadline(DEADLINE).use(deadline -> body)));

    assertTrue(body.isCancelled());
    assertInstanceOf(CancellationException.class, timeout.getCause());
  }

  @Test
  void blockingGeneratorInAnExitStack() {
    timesOut(
        "ExitStack",
        () ->
            new ExitStack()
                .run(
                    stack -> {
                      stack.enter(BlockingFixturesScopes.deadline(DEADLINE));
                      Thread.sleep(BODY_MILLIS);
                    }));
  }

  @Test
  void asyncGeneratorThroughUse() {
    CompletableFuture<String> body = slowStage();

    TimeoutException timeout =
        timesOut("use", joining(AsyncFixturesScopes.deadline(DEADLINE).use(deadline -> body)));

    assertTrue(body.isCancelled());
    assertInstanceOf(CancellationException.class, timeout.getCause());
  }

  @Test
  void asyncGeneratorThroughRun() {
    TimeoutException timeout =
        timesOut(
            "run",
            () -> AsyncFixturesScopes.deadline(DEADLINE).run(GeneratorTimeoutTest::slowBody));

    assertInstanceOf(InterruptedException.class, timeout.getCause());
  }
}
