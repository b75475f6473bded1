package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Failures;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python's generator context manager behaviours (after CPython's {@code test_contextlib} and {@code
 * test_contextlib_async}), on the scopes the processor generated for {@link BlockingFixtures} and
 * {@link AsyncFixtures}, entered in each of the three ways: {@code call} ({@code with}), {@code
 * use} ({@code async with}) and split {@code enter}/{@code exit} (what an exit stack does).
 */
@Timeout(30)
class GeneratorBehaviourTest {

  private final List<String> log = new CopyOnWriteArrayList<>();

  static Stream<Arguments> everyKindAndWay() {
    return Stream.of(Kind.values())
        .flatMap(kind -> Stream.of(Way.values()).map(way -> Arguments.of(kind, way)));
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

    assertEquals(new Outcome("result", null), outcome);
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
  void generatorThatTranslatesTheFailureReplacesIt(Kind kind, Way way) {
    IllegalStateException original = new IllegalStateException("body");

    Outcome outcome =
        way.run(
            kind.translating(),
            resource -> {
              throw original;
            });

    TranslatedException translated = assertInstanceOf(TranslatedException.class, outcome.failure());
    assertSame(original, translated.getCause());
    assertEquals(0, translated.getSuppressed().length, "reachable as cause, not suppressed too");
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
  void generatorThatYieldsTwiceFailsAndIsNotLeftSuspended(Kind kind, Way way) {
    Outcome outcome = way.run(kind.twice(log), resource -> log.add("body with " + resource));

    IllegalStateException error = assertInstanceOf(IllegalStateException.class, outcome.failure());
    assertEquals("@ScopedResource twice yielded more than once", error.getMessage());
    assertEquals(List.of("body with first", "finally"), log);
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
        new IOException("another checked exception"));
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
    assertEquals("g finally", log.get(log.size() - 1));
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

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aGeneratedScopeIsSingleUse(Kind kind) throws Exception {
    AsyncScope<String> scope = kind.logging(log, "g");
    scope.call(resource -> resource);

    assertThrows(IllegalStateException.class, () -> scope.call(resource -> resource));
    assertThrows(IllegalStateException.class, scope::enter);
  }

  @Test
  void blockingGeneratorRunsOnTheCallersThreadForCallAndOnItsOwnForEnter() throws Exception {
    AtomicReference<Thread> called = new AtomicReference<>();
    AtomicReference<Thread> entered = new AtomicReference<>();

    BlockingFixturesScopes.recordingThread(called).call(resource -> resource);
    Way.ENTER_EXIT.run(BlockingFixturesScopes.recordingThread(entered), resource -> resource);

    assertSame(Thread.currentThread(), called.get());
    assertNotSame(Thread.currentThread(), entered.get());
    assertTrue(entered.get().isDaemon());
  }

  @Test
  void generatedCallDeclaresTheMethodsCheckedExceptions() {
    IOException original = new IOException("body");
    try {
      BlockingFixturesScopes.translating()
          .run(
              resource -> {
                throw original;
              });
      fail("the translated failure did not propagate");
    } catch (TranslatedException translated) {
      assertSame(original, translated.getCause());
    } catch (IOException notTranslated) {
      fail(notTranslated);
    }
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void asynchronousGeneratorWhoseStagesCompleteOnOtherThreads(Way way) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      IOException failure = new IOException("body");

      Outcome success = way.run(AsyncFixturesScopes.deferred(executor, log), resource -> resource);
      Outcome failed =
          way.run(
              AsyncFixturesScopes.deferred(executor, log),
              resource -> {
                throw failure;
              });

      assertEquals(new Outcome("deferred", null), success);
      assertSame(failure, failed.failure());
      assertEquals(List.of("cleanup, failed: false", "cleanup, failed: true"), log);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void generatorScopesInAnExitStackExitInReverseOrder() throws Exception {
    IOException failure = new IOException("body");

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(BlockingFixturesScopes.logging(log, "blocking"));
                          stack.enter(AsyncFixturesScopes.logging(log, "async"));
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals(
        List.of(
            "blocking setup",
            "async setup",
            "async caught IOException",
            "async finally",
            "blocking caught IOException",
            "blocking finally"),
        log);
  }

  /** The two kinds of generator methods, with the same fixtures. */
  enum Kind {
    BLOCKING {
      @Override
      AsyncScope<String> logging(List<String> log, String name) {
        return BlockingFixturesScopes.logging(log, name);
      }

      @Override
      AsyncScope<String> swallowing(List<String> log) {
        return BlockingFixturesScopes.swallowing(log);
      }

      @Override
      AsyncScope<String> translating() {
        return BlockingFixturesScopes.translating();
      }

      @Override
      AsyncScope<String> silent(List<String> log) {
        return BlockingFixturesScopes.silent(log);
      }

      @Override
      AsyncScope<String> twice(List<String> log) {
        return BlockingFixturesScopes.twice(log);
      }
    },
    ASYNC {
      @Override
      AsyncScope<String> logging(List<String> log, String name) {
        return AsyncFixturesScopes.logging(log, name);
      }

      @Override
      AsyncScope<String> swallowing(List<String> log) {
        return AsyncFixturesScopes.swallowing(log);
      }

      @Override
      AsyncScope<String> translating() {
        return AsyncFixturesScopes.translating();
      }

      @Override
      AsyncScope<String> silent(List<String> log) {
        return AsyncFixturesScopes.silent(log);
      }

      @Override
      AsyncScope<String> twice(List<String> log) {
        return AsyncFixturesScopes.twice(log);
      }
    };

    abstract AsyncScope<String> logging(List<String> log, String name);

    abstract AsyncScope<String> swallowing(List<String> log);

    abstract AsyncScope<String> translating();

    abstract AsyncScope<String> silent(List<String> log);

    abstract AsyncScope<String> twice(List<String> log);
  }

  /** The three ways to enter a scope. */
  enum Way {
    /** {@code with}: blocking, on the calling thread. */
    CALL {
      @Override
      Object enter(AsyncScope<String> scope, Body body) throws Throwable {
        return scope.call(body::apply);
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
        await(scope.exit(resource, null));
        return result;
      }
    };

    abstract Object enter(AsyncScope<String> scope, Body body) throws Throwable;

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
}
