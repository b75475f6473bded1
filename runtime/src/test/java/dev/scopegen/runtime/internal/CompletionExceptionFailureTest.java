package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule 10: a body failure that is itself a {@link CompletionException} (what {@code join()} throws)
 * propagates as that same object, in every kind of scope and every way of running a body. The
 * runtime takes off only the {@code CompletionException} that the stage machinery wrapped.
 */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class CompletionExceptionFailureTest {

  private final List<Throwable> cleanupSaw = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  /** The scopes under test, each of which lets the body's failure pass through its cleanup. */
  enum Kind {
    /** {@code y.yield(r).handle((ok, failure) -> failure)}, then fails with it again. */
    ASYNC_GENERATOR_HANDLE,
    /** {@code y.yield(r).whenComplete(...)}: the failure flows on by itself. */
    ASYNC_GENERATOR_WHEN_COMPLETE,
    /** {@code y.yield(r).onFailure(...).andFinally(...)}: the yield stage's own cleanup chain. */
    ASYNC_GENERATOR_AND_FINALLY,
    /** Yields later, on another thread, and its cleanup completes later too. */
    ASYNC_GENERATOR_LATER,
    /** {@code try { y.yield(r); } catch (Throwable t) { cleanup; throw t; }}. */
    BLOCKING_GENERATOR,
    /** A resource class's exit protocol, as generated scopes with asynchronous methods run it. */
    CLASS_SCOPE,
    /** The same, entered and closed later on another thread. */
    CLASS_SCOPE_LATER
  }

  /** The ways a body runs. */
  enum Way {
    CALL,
    RUN,
    /** {@code use} with a body that throws instead of returning a stage. */
    USE,
    /** {@code enter}/{@code exit} of a stack the scope was entered on. */
    EXIT_STACK
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void aCompletionExceptionBodyFailurePropagatesAsTheSameObject(Kind kind) throws Exception {
    for (Way way : Way.values()) {
      cleanupSaw.clear();
      CompletionException failure = new CompletionException(new IOException("cause"));

      Throwable thrown = propagated(way, scope(kind), failure);

      assertSame(failure, thrown, way + ": the same object, not its cause");
      assertEquals(List.of(failure), cleanupSaw, way + ": the cleanup saw it once");
      assertEquals(0, failure.getSuppressed().length, way.toString());
    }
  }

  @Test
  void useKeepsItWhenTheBodyThrowsAfterAnEnterThatCompletedLater() {
    CompletableFuture<String> entering = new CompletableFuture<>();
    List<Throwable> exitSaw = new ArrayList<>();
    AsyncScope<String> scope =
        new AsyncScope<>() {
          @Override
          public CompletionStage<String> enter() {
            return entering;
          }

          @Override
          public CompletionStage<Boolean> exit(String resource, Throwable failure) {
            exitSaw.add(failure);
            return Stages.of(false);
          }
        };
    CompletionException failure = new CompletionException(new IOException("cause"));
    CompletableFuture<String> used =
        scope.use(
            r -> {
              throw failure;
            });
    entering.complete("resource");
    assertSame(failure, used.handle((value, thrown) -> thrown).join());
    assertEquals(List.of(failure), exitSaw);
  }

  @Test
  void aFailureTheStageMachineryWrappedIsStillUnwrapped() {
    IOException cause = new IOException("wrapped by exceptionally");
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "translating",
            y ->
                y.yield("resource")
                    .exceptionally(
                        failure -> {
                          throw Stages.sneakyThrow(cause);
                        }));
    IllegalStateException body = new IllegalStateException("body");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                scope.run(
                    r -> {
                      throw body;
                    }));
    assertSame(cause, thrown, "the method's replacement, without the machinery's wrapper");
    assertSame(body, cause.getSuppressed()[0], "with the body's failure reachable");
  }

  @Test
  void aMethodThatFailsWithTheCauseReplacesTheCompletionException() {
    IOException cause = new IOException("cause");
    CompletionException failure = new CompletionException(cause);
    AsyncGenerator<String> scope =
        new AsyncGenerator<>(
            "unwrapping",
            y ->
                y.yield("resource")
                    .handle((ok, f) -> f)
                    .thenCompose(f -> CompletableFuture.failedFuture(f.getCause())));
    assertSame(
        cause,
        assertThrows(
            IOException.class,
            () ->
                scope.run(
                    r -> {
                      throw failure;
                    })));
  }

  // --- the scopes -------------------------------------------------------------------------------

  private AsyncScope<String> scope(Kind kind) {
    switch (kind) {
      case ASYNC_GENERATOR_HANDLE:
        return new AsyncGenerator<>(
            "handle",
            y ->
                y.yield("resource")
                    .handle((ok, failure) -> failure)
                    .thenCompose(
                        failure ->
                            failure == null
                                ? CompletableFuture.completedFuture(null)
                                : CompletableFuture.failedFuture(saw(failure))));
      case ASYNC_GENERATOR_WHEN_COMPLETE:
        return new AsyncGenerator<>(
            "whenComplete", y -> y.yield("resource").whenComplete((ok, failure) -> saw(failure)));
      case ASYNC_GENERATOR_AND_FINALLY:
        return new AsyncGenerator<>(
            "andFinally",
            y ->
                y.yield("resource")
                    .onFailure(() -> later(null))
                    .andFinally(() -> {})
                    .whenComplete((ok, failure) -> saw(failure)));
      case ASYNC_GENERATOR_LATER:
        return new AsyncGenerator<>(
            "later",
            y ->
                later("resource")
                    .thenCompose(y::yield)
                    .handle((ok, failure) -> failure)
                    .thenCompose(failure -> later(saw(failure)))
                    .thenCompose(CompletableFuture::failedFuture));
      case BLOCKING_GENERATOR:
        return new BlockingGenerator<>(
            "blocking",
            y -> {
              try {
                y.yield("resource");
              } catch (Throwable failure) {
                throw saw(failure);
              }
            });
      default:
        boolean later = kind == Kind.CLASS_SCOPE_LATER;
        return new AsyncScope<>() {
          @Override
          public CompletionStage<String> enter() {
            return later ? later("resource") : CompletableFuture.completedFuture("resource");
          }

          @Override
          public CompletionStage<Boolean> exit(String resource, Throwable failure) {
            return new ExitSequence<String>(resource, failure) {
              @Override
              protected CompletionStage<?> rollback(String resource, Throwable failure) {
                saw(failure);
                return later ? later(null) : Stages.done();
              }

              @Override
              protected CompletionStage<Boolean> close(String resource, Throwable failure) {
                return later ? later(false) : Stages.of(false);
              }
            }.start();
          }
        };
    }
  }

  private Throwable saw(Throwable failure) {
    cleanupSaw.add(failure);
    return failure;
  }

  private <T> CompletableFuture<T> later(T value) {
    return CompletableFuture.supplyAsync(() -> value, executor);
  }

  private static Throwable propagated(
      Way way, AsyncScope<String> scope, CompletionException failure) {
    Function<String, CompletionStage<String>> throwing =
        r -> {
          throw failure;
        };
    switch (way) {
      case CALL:
        return assertThrows(Throwable.class, () -> scope.call(throwing::apply));
      case RUN:
        return assertThrows(
            Throwable.class,
            () ->
                scope.run(
                    r -> {
                      throw failure;
                    }));
      case USE:
        // handle() sees what the future holds, not what join() or get() make of it.
        return scope.use(throwing).handle((value, thrown) -> thrown).join();
      default:
        return assertThrows(
            Throwable.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(scope);
                          throw failure;
                        }));
    }
  }
}
