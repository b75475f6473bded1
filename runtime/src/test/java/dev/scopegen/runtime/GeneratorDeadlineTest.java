package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.BlockingGenerator;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * A deadline that fires while a generator is suspended at its yield reaches the body, in every way
 * of entering the scope: Python's {@code async with timeout(d): yield}. Each body would take 5 s;
 * the deadline is 200 ms; each scope must fail with {@link TimeoutException} well before the body
 * would have finished (bounded at 3 s, a generous margin for a loaded machine).
 */
@Timeout(20)
class GeneratorDeadlineTest {

  private static final Duration DEADLINE = Duration.ofMillis(200);
  private static final long BODY_MILLIS = 5_000;
  private static final long BOUND_MILLIS = 3_000;

  @AfterEach
  void noInterruptIsLeftBehind() {
    assertFalse(Thread.interrupted(), "the test thread was left interrupted");
  }

  /** A blocking generator whose yield runs under a deadline. */
  private static BlockingGenerator<Deadline> blocking(Duration deadline) {
    return new BlockingGenerator<>("deadline", y -> Scopes.timeout(deadline).run(y::yield));
  }

  /** An asynchronous generator whose yield's stage runs under a deadline. */
  private static AsyncGenerator<Deadline> async(Duration deadline) {
    return new AsyncGenerator<>("deadline", y -> Scopes.timeout(deadline).use(y::yield));
  }

  /** A body stage that would complete after 5 s, unless cancelled. */
  private static CompletableFuture<String> slowStage() {
    return new CompletableFuture<String>()
        .completeOnTimeout("too late", BODY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static void slowBody(Deadline ignored) throws InterruptedException {
    Thread.sleep(BODY_MILLIS);
  }

  /** Runs {@code scope}'s statement, expects a TimeoutException in time, and returns it. */
  private static TimeoutException timesOut(String form, Executable statement) {
    long start = System.nanoTime();
    TimeoutException timeout = assertThrows(TimeoutException.class, statement);
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("deadline 200 ms, body 5 s, " + form + ": " + elapsed + " ms");
    assertTrue(elapsed < BOUND_MILLIS, form + " took " + elapsed + " ms");
    return timeout;
  }

  private static TimeoutException timesOut(String form, CompletableFuture<?> used) {
    return timesOut(
        form,
        () -> {
          try {
            used.join();
          } catch (CompletionException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void blockingGeneratorThroughRunInterruptsTheBody() {
    TimeoutException timeout =
        timesOut(
            "blocking generator, run",
            () -> blocking(DEADLINE).run(GeneratorDeadlineTest::slowBody));

    assertInstanceOf(InterruptedException.class, timeout.getCause());
  }

  @Test
  void blockingGeneratorThroughUseCancelsTheBodysStage() {
    CompletableFuture<String> body = slowStage();
    long start = System.nanoTime();
    CompletableFuture<String> used = blocking(DEADLINE).use(deadline -> body);

    timesOut("blocking generator, use", used);

    assertTrue(body.isCancelled());
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS));
  }

  @Test
  void blockingGeneratorInAnExitStackInterruptsTheThreadThatEnteredIt() {
    TimeoutException timeout =
        timesOut(
            "blocking generator, ExitStack",
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(blocking(DEADLINE));
                          Thread.sleep(BODY_MILLIS);
                        }));

    assertInstanceOf(InterruptedException.class, timeout.getCause());
  }

  @Test
  void asyncGeneratorThroughUseCancelsTheBodysStage() {
    CompletableFuture<String> body = slowStage();

    timesOut("async generator, use", async(DEADLINE).use(deadline -> body));

    assertTrue(body.isCancelled());
  }

  @Test
  void asyncGeneratorThroughRunInterruptsTheBody() {
    TimeoutException timeout =
        timesOut(
            "async generator, run", () -> async(DEADLINE).run(GeneratorDeadlineTest::slowBody));

    assertInstanceOf(InterruptedException.class, timeout.getCause());
  }

  @Test
  void asyncGeneratorInAnExitStackInterruptsTheThreadThatEnteredIt() {
    timesOut(
        "async generator, ExitStack",
        () ->
            new ExitStack()
                .run(
                    stack -> {
                      stack.enter(async(DEADLINE));
                      Thread.sleep(BODY_MILLIS);
                    }));
  }

  @Test
  void aDeadlineThatPassedBeforeTheBodyStartedReachesItWhenItStarts() {
    CompletableFuture<String> body = slowStage();

    timesOut("async generator, expired deadline, use", async(Duration.ZERO).use(deadline -> body));
    timesOut(
        "async generator, expired deadline, run",
        () -> async(Duration.ZERO).run(GeneratorDeadlineTest::slowBody));
    timesOut(
        "blocking generator, expired deadline, use",
        blocking(Duration.ZERO).use(deadline -> slowStage()));

    assertTrue(body.isCancelled());
  }

  @Test
  void aBodyThatIgnoresTheInterruptKeepsItsResultAndNoInterruptIsLeft() throws Exception {
    String result =
        async(Duration.ofMillis(50))
            .call(
                deadline -> {
                  long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                  while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // busy, never looks at the interrupt
                  }
                  return "done";
                });

    assertEquals("done", result);
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aBodyThatEndsBeforeTheDeadlineIsNotInterruptedLater() throws Exception {
    assertEquals("quick", async(Duration.ofMillis(100)).call(deadline -> "quick"));
    Thread.sleep(300); // the deadline would have passed by now: the scope has exited, nothing fires

    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(
        "quick",
        blocking(Duration.ofMillis(100))
            .use(deadline -> CompletableFuture.completedFuture("quick"))
            .join());
  }

  /** Spins for {@code nanos} without looking at the interrupt, then notices it if it came. */
  private static String spinThenCheck(long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("noticed the deadline");
    }
    return "in time";
  }

  @Test
  void aDeadlinePassingJustAsTheBodyEndsNeverLeavesAnInterruptBehind() throws Exception {
    long seed = Long.getLong("scopegen.seed", System.nanoTime());
    System.out.println(
        "GeneratorDeadlineTest race seed "
            + seed
            + ": -Dscopegen.seed="
            + seed
            + " replays the same durations (the thread schedule differs)");
    Random random = new Random(seed);
    int timedOut = 0;
    int inTime = 0;
    for (int round = 0; round < 1_000; round++) {
      Duration deadline = Duration.ofNanos(random.nextInt(100_000));
      long spin = random.nextInt(100_000);
      try {
        String result =
            round % 4 == 3
                ? new ExitStack()
                    .call(
                        stack -> {
                          stack.enter(blocking(deadline));
                          return spinThenCheck(spin);
                        })
                : async(deadline).call(resource -> spinThenCheck(spin));
        assertEquals("in time", result);
        inTime++;
      } catch (TimeoutException expected) {
        timedOut++;
        assertInstanceOf(InterruptedException.class, expected.getCause());
      }
      assertFalse(
          Thread.interrupted(), "interrupt left behind in round " + round + ", seed " + seed);
    }
    assertTrue(timedOut > 0, "no round timed out: the test proves nothing, seed " + seed);
    assertTrue(inTime > 0, "no round finished in time: the test proves nothing, seed " + seed);
  }
}
