package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.BlockingGenerator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract both generator engines keep, Python's {@code @contextmanager} and {@code
 * @asynccontextmanager} semantics (after CPython's {@code test_contextlib} and {@code
 * test_contextlib_async}), said once for every {@link Kind} of generator entered every {@link Way}.
 * What only one engine does (threads, late stages, cancellation) is in {@link
 * GeneratorBlockingTest} and {@link GeneratorAsyncTest}.
 */
@Timeout(30)
class GeneratorContractTest {

  private final List<String> log = new CopyOnWriteArrayList<>();

  static Stream<Arguments> everyKindAndWay() {
    return Stream.of(Kind.values())
        .flatMap(kind -> Stream.of(Way.values()).map(way -> Arguments.of(kind, way)));
  }

  static Stream<Arguments> everyKindWayAndFailure() {
    return everyKindAndWay()
        .flatMap(
            arguments ->
                failuresOfEveryType()
                    .map(failure -> Arguments.of(arguments.get()[0], arguments.get()[1], failure)));
  }

  /** Failures the runtime must never confuse with its own signals. */
  static Stream<Throwable> failuresOfEveryType() {
    return Stream.of(
        new IllegalStateException("did not yield"),
        new UserStateException("a user's IllegalStateException"),
        new CancellationException("a user's cancellation"),
        new OutOfMemoryError("an Error"),
        new StackOverflowError(),
        new InterruptedException("a checked exception"),
        new IOException("another checked exception"),
        new UnsuppressibleException());
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void setupRunsBeforeTheBodyAndCleanupAfterIt(Kind kind, Way way) {
    Outcome outcome =
        way.run(
            kind.logging(log, "g"),
            resource -> {
              log.add("body with " + resource);
              return "result";
            });

    assertEquals(new Outcome(way.result("result"), null), outcome);
    assertEquals(List.of("g setup", "body with g", "g after body", "g finally"), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void failureRunsTheCleanupAndPropagatesAsTheSameInstance(Kind kind, Way way) {
    IOException failure = new IOException("body");

    Outcome outcome =
        way.run(
            kind.logging(log, "g"),
            resource -> {
              throw failure;
            });

    assertSame(failure, outcome.failure());
    assertEquals(0, failure.getSuppressed().length);
    assertEquals(List.of("g setup", "g caught IOException", "g finally"), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void generatorThatSwallowsTheFailureSuppressesIt(Kind kind, Way way) {
    Outcome outcome =
        way.run(
            kind.swallowing(log),
            resource -> {
              throw new IllegalArgumentException("body");
            });

    assertEquals(new Outcome(null, null), outcome);
    assertEquals(List.of("swallowed IllegalArgumentException"), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void generatorThatTranslatesTheFailureReplacesItWithTheOriginalAsCause(Kind kind, Way way) {
    IllegalStateException original = new IllegalStateException("body");

    Outcome outcome =
        way.run(
            kind.translating(),
            resource -> {
              throw original;
            });

    IOException translated = assertInstanceOf(IOException.class, outcome.failure());
    assertEquals("translated", translated.getMessage());
    assertSame(original, translated.getCause());
    assertEquals(0, translated.getSuppressed().length, "reachable as cause, so not suppressed too");
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void replacementWithoutCauseKeepsTheOriginalAsSuppressed(Kind kind, Way way) {
    RuntimeException original = new RuntimeException("original");
    IOException replacement = new IOException("replacement");

    Outcome outcome =
        way.run(
            kind.replacing(replacement),
            resource -> {
              throw original;
            });

    assertSame(replacement, outcome.failure());
    assertEquals(List.of(original), List.of(replacement.getSuppressed()));
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void failureOfTheCleanupAfterASuccessfulBodyPropagates(Kind kind, Way way) {
    IOException cleanupFailure = new IOException("cannot close");

    Outcome outcome = way.run(kind.failingCleanup(cleanupFailure), resource -> "result");

    assertSame(cleanupFailure, outcome.failure());
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void generatorThatDoesNotYieldFailsAndTheBodyNeverRuns(Kind kind, Way way) {
    Outcome outcome = way.run(kind.silent(log), resource -> log.add("body"));

    IllegalStateException error = assertInstanceOf(IllegalStateException.class, outcome.failure());
    assertEquals("@ScopedResource silent did not yield", error.getMessage());
    assertEquals(List.of("setup"), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void failureBeforeTheYieldPropagatesUnchangedAndTheBodyNeverRuns(Kind kind, Way way) {
    IOException setupFailure = new IOException("no connection");

    Outcome outcome = way.run(kind.failingSetup(setupFailure), resource -> log.add("body"));

    assertSame(setupFailure, outcome.failure());
    assertEquals(List.of(), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void secondYieldFailsAndTheGeneratorIsNotLeftSuspended(Kind kind, Way way) {
    Outcome outcome = way.run(kind.twice(log), resource -> log.add("body with " + resource));

    IllegalStateException error = assertInstanceOf(IllegalStateException.class, outcome.failure());
    assertEquals("@ScopedResource twice yielded more than once", error.getMessage());
    assertEquals(List.of("body with first", "finally"), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void secondYieldFailsEvenWhenTheGeneratorIgnoresItsErrorAndKeepsTheBodyFailure(
      Kind kind, Way way) {
    RuntimeException bodyFailure = new RuntimeException("body");

    Outcome outcome =
        way.run(
            kind.stubborn(log),
            resource -> {
              throw bodyFailure;
            });

    IllegalStateException error = assertInstanceOf(IllegalStateException.class, outcome.failure());
    assertEquals("@ScopedResource stubborn yielded more than once", error.getMessage());
    assertEquals(List.of(bodyFailure), List.of(error.getSuppressed()));
    assertEquals(List.of("ignored @ScopedResource stubborn yielded more than once"), log);
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("everyKindAndWay")
  void aScopeIsSingleUse(Kind kind, Way way) {
    AsyncScope<String> scope = kind.logging(log, "g");
    assertEquals(null, way.run(scope, resource -> resource).failure());

    assertThrows(IllegalStateException.class, () -> scope.call(resource -> "again"));
    assertThrows(IllegalStateException.class, () -> scope.run(resource -> {}));
    assertThrows(IllegalStateException.class, scope::enter);
    assertInstanceOf(
        IllegalStateException.class,
        scope.use(CompletableFuture::completedFuture).handle((value, failure) -> failure).join());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void exitWithoutEnterOrTwiceFails(Kind kind) throws Exception {
    AsyncScope<String> scope = kind.logging(log, "g");
    assertThrows(IllegalStateException.class, () -> scope.exit("g", null));

    String resource = scope.enter().toCompletableFuture().get();
    scope.exit(resource, null).toCompletableFuture().get();

    assertThrows(IllegalStateException.class, () -> scope.exit(resource, null));
    assertEquals(List.of("g setup", "g after body", "g finally"), log);
  }

  @ParameterizedTest(name = "{0} through {1}: {2}")
  @MethodSource("everyKindWayAndFailure")
  void failuresOfEveryTypePassThroughUnchanged(Kind kind, Way way, Throwable failure) {
    Outcome outcome =
        way.run(
            kind.logging(log, "g"),
            resource -> {
              throw failure;
            });

    assertSame(failure, outcome.failure());
    assertEquals(
        List.of("g setup", "g caught " + failure.getClass().getSimpleName(), "g finally"), log);
  }

  @ParameterizedTest(name = "{0} through {1}: {2}")
  @MethodSource("everyKindWayAndFailure")
  void failuresOfEveryTypeAreSuppressedWhenSwallowed(Kind kind, Way way, Throwable failure) {
    Outcome outcome =
        way.run(
            kind.swallowing(log),
            resource -> {
              throw failure;
            });

    assertEquals(new Outcome(null, null), outcome);
    assertEquals(List.of("swallowed " + failure.getClass().getSimpleName()), log);
  }

  @ParameterizedTest(name = "{0} through {1}: {2}")
  @MethodSource("everyKindWayAndFailure")
  void failuresOfEveryTypeReachTheGeneratorUnwrapped(Kind kind, Way way, Throwable failure) {
    AtomicReference<Throwable> seen = new AtomicReference<>();

    way.run(
        kind.observing(seen),
        resource -> {
          throw failure;
        });

    assertSame(failure, seen.get());
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void asynchronousGeneratorWhoseStagesCompleteOnOtherThreads(Way way) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      IOException failure = new IOException("body");

      Outcome success = way.run(deferred(executor), resource -> resource);
      Outcome failed =
          way.run(
              deferred(executor),
              resource -> {
                throw failure;
              });

      assertEquals(new Outcome(way.result("deferred"), null), success);
      assertSame(failure, failed.failure());
      assertEquals(List.of("cleanup, failed: false", "cleanup, failed: true"), log);
    } finally {
      executor.shutdownNow();
    }
  }

  /** Sets up, yields and cleans up on {@code executor}'s threads, later than the caller. */
  private AsyncScope<String> deferred(ExecutorService executor) {
    return new AsyncGenerator<>(
        "deferred",
        y ->
            CompletableFuture.supplyAsync(() -> "deferred", executor)
                .thenCompose(y::yield)
                .whenCompleteAsync(
                    (ok, failure) -> log.add("cleanup, failed: " + (failure != null)), executor));
  }

  /** The two kinds of generator, each with the same fixtures. */
  enum Kind {
    /** {@code @contextmanager}: a method that blocks, and yields once. */
    BLOCKING {
      @Override
      AsyncScope<String> logging(List<String> log, String name) {
        return new BlockingGenerator<>(
            "logging",
            y -> {
              log.add(name + " setup");
              try {
                y.yield(name);
                log.add(name + " after body");
              } catch (Throwable failure) {
                log.add(name + " caught " + failure.getClass().getSimpleName());
                throw failure;
              } finally {
                log.add(name + " finally");
              }
            });
      }

      @Override
      AsyncScope<String> swallowing(List<String> log) {
        return new BlockingGenerator<>(
            "swallowing",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable failure) {
                log.add("swallowed " + failure.getClass().getSimpleName());
              }
            });
      }

      @Override
      AsyncScope<String> translating() {
        return new BlockingGenerator<>(
            "translating",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable failure) {
                throw new IOException("translated", failure);
              }
            });
      }

      @Override
      AsyncScope<String> replacing(Throwable replacement) {
        return new BlockingGenerator<>(
            "replacing",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable failure) {
                throw replacement;
              }
            });
      }

      @Override
      AsyncScope<String> failingCleanup(Throwable failure) {
        return new BlockingGenerator<>(
            "failing cleanup",
            y -> {
              y.yield("resource");
              throw failure;
            });
      }

      @Override
      AsyncScope<String> failingSetup(Throwable failure) {
        return new BlockingGenerator<>(
            "failing setup",
            y -> {
              throw failure;
            });
      }

      @Override
      AsyncScope<String> silent(List<String> log) {
        return new BlockingGenerator<>("silent", y -> log.add("setup"));
      }

      @Override
      AsyncScope<String> twice(List<String> log) {
        return new BlockingGenerator<>(
            "twice",
            y -> {
              y.yield("first");
              try {
                y.yield("second");
              } finally {
                log.add("finally");
              }
            });
      }

      @Override
      AsyncScope<String> stubborn(List<String> log) {
        return new BlockingGenerator<>(
            "stubborn",
            y -> {
              try {
                y.yield("first");
              } catch (RuntimeException swallowed) {
                try {
                  y.yield("second");
                } catch (IllegalStateException ignored) {
                  log.add("ignored " + ignored.getMessage());
                }
              }
            });
      }

      @Override
      AsyncScope<String> observing(AtomicReference<Throwable> seen) {
        return new BlockingGenerator<>(
            "observing",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable failure) {
                seen.set(failure);
                throw failure;
              }
            });
      }
    },
    /** {@code @asynccontextmanager}: a method that returns a stage, and yields once. */
    ASYNC {
      @Override
      AsyncScope<String> logging(List<String> log, String name) {
        return new AsyncGenerator<>(
            "logging",
            y -> {
              log.add(name + " setup");
              return y.yield(name)
                  .whenComplete(
                      (ok, failure) -> {
                        log.add(
                            failure == null
                                ? name + " after body"
                                : name + " caught " + failure.getClass().getSimpleName());
                        log.add(name + " finally");
                      });
            });
      }

      @Override
      AsyncScope<String> swallowing(List<String> log) {
        return new AsyncGenerator<>(
            "swallowing",
            y ->
                y.yield("resource")
                    .exceptionally(
                        failure -> {
                          log.add("swallowed " + failure.getClass().getSimpleName());
                          return null;
                        }));
      }

      @Override
      AsyncScope<String> translating() {
        return new AsyncGenerator<>(
            "translating",
            y ->
                y.yield("resource")
                    .exceptionallyCompose(
                        failure ->
                            CompletableFuture.failedFuture(
                                new IOException("translated", failure))));
      }

      @Override
      AsyncScope<String> replacing(Throwable replacement) {
        return new AsyncGenerator<>(
            "replacing",
            y ->
                y.yield("resource")
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(replacement)));
      }

      @Override
      AsyncScope<String> failingCleanup(Throwable failure) {
        return new AsyncGenerator<>(
            "failing cleanup",
            y -> y.yield("resource").thenCompose(ok -> CompletableFuture.failedFuture(failure)));
      }

      @Override
      AsyncScope<String> failingSetup(Throwable failure) {
        return new AsyncGenerator<>(
            "failing setup",
            y -> {
              throw failure;
            });
      }

      @Override
      AsyncScope<String> silent(List<String> log) {
        return new AsyncGenerator<>(
            "silent",
            y -> {
              log.add("setup");
              return CompletableFuture.completedFuture(null);
            });
      }

      @Override
      AsyncScope<String> twice(List<String> log) {
        return new AsyncGenerator<>(
            "twice",
            y ->
                y.yield("first")
                    .thenCompose(ok -> y.yield("second"))
                    .whenComplete((ok, failure) -> log.add("finally")));
      }

      @Override
      AsyncScope<String> stubborn(List<String> log) {
        return new AsyncGenerator<>(
            "stubborn",
            y ->
                y.yield("first")
                    .exceptionallyCompose(
                        swallowed ->
                            y.yield("second")
                                .exceptionally(
                                    ignored -> {
                                      log.add("ignored " + ignored.getMessage());
                                      return null;
                                    })));
      }

      @Override
      AsyncScope<String> observing(AtomicReference<Throwable> seen) {
        return new AsyncGenerator<>(
            "observing",
            y -> y.yield("resource").whenComplete((ok, failure) -> seen.set(failure)));
      }
    };

    /** Logs its setup, how the body ended, and its cleanup; keeps the body's failure. */
    abstract AsyncScope<String> logging(List<String> log, String name);

    /** Recovers from the body's failure: suppresses it. */
    abstract AsyncScope<String> swallowing(List<String> log);

    /** Replaces the body's failure with an {@code IOException("translated")} caused by it. */
    abstract AsyncScope<String> translating();

    /** Replaces the body's failure with {@code replacement}, which has no cause. */
    abstract AsyncScope<String> replacing(Throwable replacement);

    /** Fails with {@code failure} after a successful body. */
    abstract AsyncScope<String> failingCleanup(Throwable failure);

    /** Fails with {@code failure} before it yields. */
    abstract AsyncScope<String> failingSetup(Throwable failure);

    /** Returns without yielding (Python: "generator didn't yield"). */
    abstract AsyncScope<String> silent(List<String> log);

    /** Yields a second time (Python: "generator didn't stop"). */
    abstract AsyncScope<String> twice(List<String> log);

    /** Catches the body's failure, yields again, and ignores the error that second yield gets. */
    abstract AsyncScope<String> stubborn(List<String> log);

    /** Records the failure the body's outcome brings it, and keeps it. */
    abstract AsyncScope<String> observing(AtomicReference<Throwable> seen);
  }

  /** The four ways to enter a scope. */
  enum Way {
    /** {@code with}, with a result: blocking, on the calling thread. */
    CALL {
      @Override
      Object enter(AsyncScope<String> scope, Body body) throws Throwable {
        return scope.call(body::apply);
      }
    },
    /** {@code with}, without a result. */
    RUN {
      @Override
      Object enter(AsyncScope<String> scope, Body body) throws Throwable {
        scope.run(body::apply);
        return null;
      }

      @Override
      Object result(Object bodyResult) {
        return null;
      }
    },
    /** {@code async with}: the body returns a stage. */
    USE {
      @Override
      Object enter(AsyncScope<String> scope, Body body) throws Throwable {
        return await(
            scope.use(
                resource -> {
                  try {
                    return CompletableFuture.completedFuture(body.apply(resource));
                  } catch (Throwable failure) {
                    return CompletableFuture.failedFuture(failure);
                  }
                }));
      }
    },
    /** {@code enter}, the body, then {@code exit} with its outcome, as an exit stack does. */
    ENTER_EXIT {
      @Override
      Object enter(AsyncScope<String> scope, Body body) throws Throwable {
        String resource = await(scope.enter());
        Object result;
        try {
          result = body.apply(resource);
        } catch (Throwable failure) {
          if (await(scope.exit(resource, failure))) {
            return null;
          }
          throw failure;
        }
        if (await(scope.exit(resource, null))) {
          throw new AssertionError("an exit without a failure suppressed one");
        }
        return result;
      }
    };

    abstract Object enter(AsyncScope<String> scope, Body body) throws Throwable;

    /** What this way returns when the body returns {@code bodyResult}. */
    Object result(Object bodyResult) {
      return bodyResult;
    }

    /** Runs {@code body} in {@code scope} this way, and tells how it ended. */
    Outcome run(AsyncScope<String> scope, Body body) {
      try {
        return new Outcome(enter(scope, body), null);
      } catch (Throwable failure) {
        return new Outcome(null, failure);
      }
    }

    /** Waits for {@code stage} and returns its value, or throws its failure, unwrapped. */
    private static <T> T await(CompletionStage<T> stage) throws Throwable {
      CompletableFuture<T> future = stage.toCompletableFuture();
      Throwable failure = future.handle((value, thrown) -> thrown).get(10, TimeUnit.SECONDS);
      if (failure != null) {
        throw Failures.unwrap(failure);
      }
      return future.getNow(null);
    }
  }

  /** A body that may fail with anything. */
  @FunctionalInterface
  interface Body {
    Object apply(String resource) throws Throwable;
  }

  /**
   * How a scope ended.
   *
   * @param result the body's result, or {@code null}
   * @param failure what propagated, or {@code null}
   */
  record Outcome(Object result, Throwable failure) {}

  /** A user's own subclass of the exception type the runtime uses for its errors. */
  static final class UserStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UserStateException(String message) {
      super(message);
    }
  }

  /** An exception created with suppression disabled. */
  static final class UnsuppressibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsuppressibleException() {
      super("suppression disabled", null, false, false);
    }
  }
}
