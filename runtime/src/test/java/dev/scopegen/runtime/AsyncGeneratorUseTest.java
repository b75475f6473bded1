package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The asynchronous generator's own {@code use}, which runs the body where the method yields: it
 * must end every use exactly as the general statement over {@code enter} and {@code exit} does,
 * and keep what that statement promises where its own path differs (a yield from another thread,
 * a cleanup still running, a second use).
 */
@Timeout(10)
class AsyncGeneratorUseTest {

  /** Method shapes, each a new method for a new use: what it does around its yield. */
  private static Map<String, Supplier<AsyncGenerator.Method<String>>> methods() {
    Map<String, Supplier<AsyncGenerator.Method<String>>> methods = new LinkedHashMap<>();
    methods.put("yield only", () -> y -> y.yield("r"));
    methods.put("andFinally", () -> y -> y.yield("r").andFinally(() -> {}));
    methods.put(
        "failing andFinally",
        () -> y -> y.yield("r").andFinally(() -> {
          throw new IllegalStateException("cleanup");
        }));
    methods.put("onFailure", () -> y -> y.yield("r").onFailure(() -> {}));
    methods.put("suppressing handle", () -> y -> y.yield("r").handle((ok, failure) -> null));
    methods.put(
        "replacing handle",
        () ->
            y ->
                y.yield("r")
                    .handle(
                        (ok, failure) -> {
                          if (failure != null) {
                            throw new IllegalArgumentException("replaced", failure);
                          }
                          return null;
                        }));
    methods.put(
        "done before exit",
        () ->
            y -> {
              y.yield("r");
              return CompletableFuture.completedFuture(null);
            });
    methods.put(
        "throws after yield",
        () ->
            y -> {
              y.yield("r");
              throw new IllegalStateException("after");
            });
    methods.put(
        "yields twice",
        () ->
            y -> {
              y.yield("r");
              return y.yield("again");
            });
    methods.put("no yield", () -> y -> CompletableFuture.completedFuture(null));
    methods.put("fails first", () -> y -> CompletableFuture.failedFuture(new ArithmeticException()));
    methods.put("null stage", () -> y -> null);
    methods.put(
        "yields from another thread, joined",
        () ->
            y -> {
              CompletableFuture<YieldStage> yielded =
                  CompletableFuture.supplyAsync(() -> y.yield("r"));
              return yielded.join();
            });
    methods.put(
        "yields from another thread, then here",
        () ->
            y -> {
              YieldStage first = CompletableFuture.supplyAsync(() -> y.yield("r")).join();
              y.yield("again");
              return first;
            });
    methods.put(
        "yields here, then from another thread",
        () ->
            y -> {
              YieldStage first = y.yield("r");
              CompletableFuture.supplyAsync(() -> y.yield("again")).join();
              return first;
            });
    return methods;
  }

  /** Body shapes, each creating its failures afresh. */
  private static Map<String, Function<String, CompletionStage<String>>> bodies() {
    Map<String, Function<String, CompletionStage<String>>> bodies = new LinkedHashMap<>();
    bodies.put("succeeds", resource -> CompletableFuture.completedFuture(resource + "!"));
    bodies.put(
        "fails", resource -> CompletableFuture.failedFuture(new UnsupportedOperationException()));
    bodies.put(
        "throws",
        resource -> {
          throw new CompletionException(new UnsupportedOperationException());
        });
    bodies.put("returns null", resource -> null);
    bodies.put(
        "fails later",
        resource ->
            CompletableFuture.supplyAsync(
                () -> {
                  throw new UnsupportedOperationException();
                }));
    bodies.put(
        "succeeds later",
        resource -> CompletableFuture.supplyAsync(() -> resource + "?"));
    return bodies;
  }

  @Test
  void everyShapeEndsAsTheGeneralStatementDoes() {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (Map.Entry<String, Supplier<AsyncGenerator.Method<String>>> method : methods().entrySet()) {
      for (Map.Entry<String, Function<String, CompletionStage<String>>> body :
          bodies().entrySet()) {
        AsyncGenerator<String> own = new AsyncGenerator<>("g", method.getValue().get());
        String actual = outcome(own.use(body.getValue()));
        AsyncGenerator<String> general = new AsyncGenerator<>("g", method.getValue().get());
        AsyncScope<String> protocol =
            new AsyncScope<>() {
              @Override
              public CompletionStage<String> enter() {
                return general.enter();
              }

              @Override
              public CompletionStage<Boolean> exit(String resource, Throwable failure) {
                return general.exit(resource, failure);
              }
            };
        String expected = outcome(protocol.use(body.getValue()));
        cases++;
        if (!expected.equals(actual)) {
          mismatches.add(
              method.getKey() + " / " + body.getKey() + ": " + actual + ", expected " + expected);
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertEquals(methods().size() * bodies().size(), cases);
  }

  /**
   * The outcome of a use, told by its value or its failure as stored (never unwrapped): class,
   * message, cause and suppressed.
   */
  private static String outcome(CompletableFuture<String> use) {
    try {
      use.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException expected) {
      // read below, as stored
    } catch (Exception other) {
      throw new AssertionError(other);
    }
    return use.handle(
            (value, failure) ->
                failure == null
                    ? "value " + value
                    : "failure "
                        + failure.getClass().getSimpleName()
                        + " "
                        + failure.getMessage()
                        + " cause "
                        + (failure.getCause() == null
                            ? null
                            : failure.getCause().getClass().getSimpleName())
                        + " suppressed "
                        + Arrays.stream(failure.getSuppressed())
                            .map(suppressed -> suppressed.getClass().getSimpleName())
                            .toList())
        .join();
  }

  @Test
  void theBodysFailureIsTheSameObject() {
    UnsupportedOperationException thrown = new UnsupportedOperationException();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>("g", y -> y.yield("r").andFinally(() -> {}));

    CompletableFuture<String> use =
        generator.use(
            resource -> {
              throw thrown;
            });

    ExecutionException failure = assertThrows(ExecutionException.class, use::get);
    assertSame(thrown, failure.getCause());
  }

  @Test
  void aCleanupStillRunningKeepsTheUseOpenAndRefusesCancel() {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>("g", y -> y.yield("r").andFinally(() -> closing));

    CompletableFuture<String> use = generator.use(r -> CompletableFuture.completedFuture(r + "!"));

    assertFalse(use.isDone());
    assertFalse(use.cancel(true));
    assertFalse(use.isDone());
    closing.complete(null);
    assertEquals("r!", use.join());
  }

  @Test
  void aYieldAfterTheMethodReturnedStartsTheBodyThen() {
    CompletableFuture<String> connection = new CompletableFuture<>();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>("g", y -> connection.thenCompose(y::yield));

    CompletableFuture<String> use = generator.use(r -> CompletableFuture.completedFuture(r + "!"));

    assertFalse(use.isDone());
    CompletableFuture.runAsync(() -> connection.complete("late"));
    assertEquals("late!", use.join());
  }

  @Test
  void aCancelWhileTheMethodIsBeforeItsYieldReleasesTheLateResource() {
    CompletableFuture<String> connection = new CompletableFuture<>();
    List<String> log = new ArrayList<>();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>(
            "g",
            y -> connection.thenCompose(r -> y.yield(r).andFinally(() -> log.add("released"))));

    CompletableFuture<String> use = generator.use(r -> CompletableFuture.completedFuture(r));

    assertTrue(use.cancel(true));
    connection.complete("late");
    assertTrue(use.isCancelled());
    assertEquals(List.of("released"), log);
  }

  /**
   * A yield on the use's thread, inside the method's call, and one on another thread at the same
   * moment: whichever wins, one is the method's yield, the body runs once with its resource and
   * its stage completes normally; the other's stage fails as a second yield, and so does the use.
   * Each round waits a random while before the yield on the use's thread; a failing round says
   * which, and {@code -Dscopegen.seed} replays the waits (the thread schedule differs).
   */
  @Test
  void twoRacingYieldsMakeOneYieldAndOneSecond() {
    long seed = Long.getLong("scopegen.seed", System.nanoTime());
    System.out.println(
        "AsyncGeneratorUseTest race seed " + seed + ": -Dscopegen.seed=" + seed
            + " replays the same waits (the thread schedule differs)");
    Random random = new Random(seed);
    int[] winners = new int[2];
    for (int round = 0; round < 400; round++) {
      int wait = random.nextInt(4_000);
      AtomicReference<YieldStage> here = new AtomicReference<>();
      AtomicReference<YieldStage> there = new AtomicReference<>();
      AtomicReference<String> resource = new AtomicReference<>();
      AtomicInteger bodies = new AtomicInteger();
      AsyncGenerator<String> generator =
          new AsyncGenerator<>(
              "g",
              y -> {
                Thread other = race(wait, 0, () -> there.set(y.yield("there")));
                here.set(y.yield("here"));
                other.join();
                return here.get();
              });

      CompletableFuture<String> use =
          generator.use(
              r -> {
                bodies.incrementAndGet();
                resource.set(r);
                return CompletableFuture.completedFuture(r);
              });

      String where = "round " + round + ": ";
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> use.get(5, TimeUnit.SECONDS), where);
      assertEquals(
          "@ScopedResource g yielded more than once", failure.getCause().getMessage(), where);
      assertEquals(1, bodies.get(), where);
      boolean hereWon = "here".equals(resource.get());
      assertTrue(hereWon || "there".equals(resource.get()), where + resource.get());
      YieldStage won = hereWon ? here.get() : there.get();
      YieldStage lost = hereWon ? there.get() : here.get();
      assertTrue(won.toCompletableFuture().isDone(), where);
      assertFalse(won.toCompletableFuture().isCompletedExceptionally(), where);
      ExecutionException second =
          assertThrows(ExecutionException.class, () -> lost.toCompletableFuture().get(), where);
      assertEquals(
          "@ScopedResource g yielded more than once", second.getCause().getMessage(), where);
      winners[hereWon ? 0 : 1]++;
    }
    System.out.println(
        "racing yields: the use's thread won " + winners[0] + ", the other " + winners[1]);
  }

  /**
   * The yield's stage, completed on the use's thread before the method chains its cleanup: the
   * cleanup runs at once, inside {@code andFinally}, as on any stage already complete.
   */
  @Test
  void aCleanupChainedOnACompletedYieldStageRunsAtOnce() throws Exception {
    List<String> log = new ArrayList<>();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>(
            "g",
            y -> {
              YieldStage yielded = y.yield("r");
              yielded.toCompletableFuture().complete(null);
              YieldStage cleaned = yielded.andFinally(() -> log.add("cleanup"));
              log.add("chained");
              return cleaned;
            });

    CompletableFuture<String> use =
        generator.use(
            r -> {
              log.add("body");
              return CompletableFuture.completedFuture(r + "!");
            });

    assertEquals("r!", use.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("cleanup", "chained", "body"), log);
  }

  /**
   * Another thread completes the yield's stage while the method, on the use's thread, chains its
   * cleanup on it: whichever comes first, the cleanup runs exactly once, the stage the method kept
   * completes before it, and the use ends, either with the body's result (the body's end came
   * first) or with the outside failure (the stage completed before exit, so the method did not
   * wait for the body). {@code -Dscopegen.seed} replays the waits (the thread schedule differs).
   */
  @Test
  void aYieldStageCompletedFromAnotherThreadRunsTheCleanupOnce() throws Exception {
    Random random = seeded("aYieldStageCompletedFromAnotherThreadRunsTheCleanupOnce");
    IllegalStateException outside = new IllegalStateException("outside");
    for (int round = 0; round < 300; round++) {
      String where = "round " + round + ": ";
      int waitHere = random.nextInt(2_000);
      int waitThere = random.nextInt(2_000);
      AtomicInteger cleanups = new AtomicInteger();
      AtomicBoolean yieldedFirst = new AtomicBoolean();
      AtomicReference<YieldStage> kept = new AtomicReference<>();
      AtomicReference<Thread> other = new AtomicReference<>();
      AsyncGenerator<String> generator =
          new AsyncGenerator<>(
              "g",
              y -> {
                YieldStage yielded = y.yield("r");
                kept.set(yielded);
                other.set(
                    race(
                        waitHere,
                        waitThere,
                        () -> yielded.toCompletableFuture().completeExceptionally(outside)));
                return yielded.andFinally(
                    () -> {
                      yieldedFirst.set(yielded.toCompletableFuture().isDone());
                      cleanups.incrementAndGet();
                    });
              });

      CompletableFuture<String> use =
          generator.use(r -> CompletableFuture.completedFuture(r + "!"));

      other.get().join();
      String outcome;
      try {
        outcome = use.get(5, TimeUnit.SECONDS);
      } catch (ExecutionException failure) {
        assertSame(outside, failure.getCause(), where);
        outcome = "outside";
      }
      assertTrue(outcome.equals("r!") || outcome.equals("outside"), where + outcome);
      assertEquals(1, cleanups.get(), where);
      assertTrue(yieldedFirst.get(), where);
      assertTrue(kept.get().toCompletableFuture().isDone(), where);
    }
  }

  /**
   * Another thread chains a cleanup of its own on the yield's stage while the method, on the use's
   * thread, chains the method's: both run exactly once, and the use ends with the body's result.
   * {@code -Dscopegen.seed} replays the waits (the thread schedule differs).
   */
  @Test
  void aCleanupChainedFromAnotherThreadRunsBesideTheMethodsOwn() throws Exception {
    Random random = seeded("aCleanupChainedFromAnotherThreadRunsBesideTheMethodsOwn");
    for (int round = 0; round < 300; round++) {
      String where = "round " + round + ": ";
      int waitHere = random.nextInt(2_000);
      int waitThere = random.nextInt(2_000);
      AtomicInteger own = new AtomicInteger();
      AtomicInteger beside = new AtomicInteger();
      AtomicReference<Thread> other = new AtomicReference<>();
      AsyncGenerator<String> generator =
          new AsyncGenerator<>(
              "g",
              y -> {
                YieldStage yielded = y.yield("r");
                other.set(
                    race(waitHere, waitThere, () -> yielded.andFinally(beside::incrementAndGet)));
                return yielded.andFinally(own::incrementAndGet);
              });

      CompletableFuture<String> use =
          generator.use(r -> CompletableFuture.completedFuture(r + "!"));

      assertEquals("r!", use.get(5, TimeUnit.SECONDS), where);
      other.get().join();
      assertEquals(1, own.get(), where);
      assertEquals(1, beside.get(), where);
    }
  }

  /**
   * A cancel of the yield's stage from another thread while the use's thread hands a pending body
   * on: both may create the link to the body at that moment, and the cancel must reach the body
   * whichever does, so that the body's stage is cancelled and the use ends with that cancellation.
   * {@code -Dscopegen.seed} replays the waits (the thread schedule differs).
   */
  @Test
  void aCancelOfTheYieldStageRacingWithAPendingBodyReachesTheBody() throws Exception {
    Random random = seeded("aCancelOfTheYieldStageRacingWithAPendingBodyReachesTheBody");
    for (int round = 0; round < 1_000; round++) {
      String where = "round " + round + ": ";
      int waitHere = random.nextInt(50);
      int waitThere = random.nextInt(400);
      AtomicBoolean taken = new AtomicBoolean();
      AtomicReference<Thread> other = new AtomicReference<>();
      AtomicInteger cleanups = new AtomicInteger();
      CompletableFuture<String> body = new CompletableFuture<>();
      AsyncGenerator<String> generator =
          new AsyncGenerator<>(
              "g",
              y -> {
                YieldStage yielded = y.yield("r");
                other.set(
                    race(
                        waitHere,
                        waitThere,
                        () -> taken.set(yielded.toCompletableFuture().cancel(true))));
                return yielded.andFinally(cleanups::incrementAndGet);
              });

      CompletableFuture<String> use = generator.use(r -> body);

      other.get().join();
      assertTrue(taken.get(), where);
      assertTrue(body.isCancelled(), where + "the cancel did not reach the body");
      Throwable outcome = use.handle((value, failure) -> failure).get(5, TimeUnit.SECONDS);
      assertTrue(outcome instanceof CancellationException, where + outcome);
      assertEquals(1, cleanups.get(), where);
    }
  }

  /**
   * Starts {@code there} on a new thread and lets both sides go at once, each after its own number
   * of spins: returns when this side's spins are done, with the other thread, to join.
   */
  private static Thread race(int spinsHere, int spinsThere, Runnable there) {
    AtomicBoolean go = new AtomicBoolean();
    Thread other =
        new Thread(
            () -> {
              awaitThenSpin(go, spinsThere);
              there.run();
            });
    other.start();
    go.set(true);
    awaitThenSpin(go, spinsHere);
    return other;
  }

  /** Waits for {@code go}, then spins {@code spins} times: one side of a race. */
  private static void awaitThenSpin(AtomicBoolean go, int spins) {
    while (!go.get()) {
      Thread.onSpinWait();
    }
    for (int spin = 0; spin < spins; spin++) {
      Thread.onSpinWait();
    }
  }

  /** A random source for a race test, whose seed it prints with how to replay it. */
  private static Random seeded(String test) {
    long seed = Long.getLong("scopegen.seed", System.nanoTime());
    System.out.println(
        test + " seed " + seed + ": -Dscopegen.seed=" + seed
            + " replays the same waits (the thread schedule differs)");
    return new Random(seed);
  }

  @Test
  void aYieldAfterTheUseIsASecondYieldOnAnyThread() {
    AtomicReference<AsyncYield<String>> leaked = new AtomicReference<>();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>(
            "g",
            y -> {
              leaked.set(y);
              return y.yield("r");
            });
    assertEquals("r", generator.use(CompletableFuture::completedFuture).join());

    YieldStage here = leaked.get().yield("again");
    YieldStage there = CompletableFuture.supplyAsync(() -> leaked.get().yield("again")).join();

    for (YieldStage late : List.of(here, there)) {
      ExecutionException second =
          assertThrows(ExecutionException.class, () -> late.toCompletableFuture().get());
      assertEquals(
          "@ScopedResource g yielded more than once", second.getCause().getMessage());
    }
    assertThrows(IllegalStateException.class, () -> generator.exit("r", null));
  }

  @Test
  void aScopeIsUsedOnce() {
    AsyncGenerator<String> generator = new AsyncGenerator<>("g", y -> y.yield("r"));
    assertEquals("r", generator.use(CompletableFuture::completedFuture).join());

    CompletableFuture<String> again = generator.use(CompletableFuture::completedFuture);

    ExecutionException second = assertThrows(ExecutionException.class, again::get);
    assertTrue(second.getCause() instanceof IllegalStateException, second.getCause().toString());
    assertThrows(IllegalStateException.class, generator::enter);
    assertThrows(IllegalStateException.class, () -> generator.exit("r", null));
  }

  @Test
  void aScopeGivenItsMethodForEachUseIsUsedOnceToo() {
    AsyncGenerator<String> generator = new AsyncGenerator<>("g", AsyncGeneratorUseTest.class);
    AsyncGenerator.Method<String> method = y -> y.yield("r");
    assertEquals("r", generator.use(method, CompletableFuture::completedFuture).join());

    CompletableFuture<String> again = generator.use(method, CompletableFuture::completedFuture);

    ExecutionException second = assertThrows(ExecutionException.class, again::get);
    assertTrue(second.getCause() instanceof IllegalStateException, second.getCause().toString());
    assertThrows(IllegalStateException.class, () -> generator.enter(method));
    assertEquals(AsyncGeneratorUseTest.class.getName(), generator.scopeName());
  }
}
