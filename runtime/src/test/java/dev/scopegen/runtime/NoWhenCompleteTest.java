package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The runtime listens to stages with {@code handle}, never with {@code whenComplete}: on a failed
 * stage {@code whenComplete} completes its own result with a new {@code CompletionException},
 * stack trace included, which costs about a microsecond and a kilobyte per failed use. Every stage
 * here refuses {@code whenComplete}, so a path that still uses it fails the test; each test also
 * checks that the failure arrives as the same object.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class NoWhenCompleteTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /** A future that fails the test when anything calls {@code whenComplete} on it. */
  static final class StrictFuture<T> extends CompletableFuture<T> {
    static <T> StrictFuture<T> failed(Throwable failure) {
      StrictFuture<T> future = new StrictFuture<>();
      future.completeExceptionally(failure);
      return future;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new StrictFuture<>();
    }

    @Override
    public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
      throw new AssertionError("whenComplete called on a stage of the runtime's");
    }

    @Override
    public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
      throw new AssertionError("whenCompleteAsync called on a stage of the runtime's");
    }

    @Override
    public CompletableFuture<T> whenCompleteAsync(
        BiConsumer<? super T, ? super Throwable> action, Executor executor) {
      throw new AssertionError("whenCompleteAsync called on a stage of the runtime's");
    }
  }

  private static Throwable failureOf(CompletableFuture<?> outcome) {
    assertTrue(outcome.isDone(), "use() has not completed");
    return assertThrows(CompletionException.class, outcome::join).getCause();
  }

  @Test
  void aBodyWhoseStageAlreadyFailedExitsAtOnceWithThatFailure() {
    IllegalStateException failure = new IllegalStateException("body");
    TestScope scope = new TestScope("s", log);
    CompletableFuture<String> outcome = scope.use(resource -> StrictFuture.failed(failure));
    assertSame(failure, failureOf(outcome));
    assertSame(failure, scope.exitSaw);
    assertEquals(0, failure.getSuppressed().length);
  }

  @Test
  void aBodyWhoseStageFailsLaterReachesExitAsTheSameObject() {
    IllegalStateException failure = new IllegalStateException("body");
    StrictFuture<String> body = new StrictFuture<>();
    TestScope scope = new TestScope("s", log);
    CompletableFuture<String> outcome = scope.use(resource -> body);
    body.completeExceptionally(failure);
    assertSame(failure, failureOf(outcome));
    assertSame(failure, scope.exitSaw);
  }

  @Test
  void aPendingEnterThatFailsPropagatesTheSameObject() {
    IllegalStateException failure = new IllegalStateException("enter");
    StrictFuture<String> entering = new StrictFuture<>();
    TestScope scope = new TestScope("s", log).enterWith(() -> entering);
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.completedFuture("value"));
    entering.completeExceptionally(failure);
    assertSame(failure, failureOf(outcome));
    assertEquals(0, scope.exits.get());
  }

  @Test
  void aPendingEnterThenAFailedBodyExitsWithTheBodysFailure() {
    IllegalStateException failure = new IllegalStateException("body");
    StrictFuture<String> entering = new StrictFuture<>();
    TestScope scope = new TestScope("s", log).enterWith(() -> entering);
    CompletableFuture<String> outcome = scope.use(resource -> StrictFuture.failed(failure));
    entering.complete("s");
    assertSame(failure, failureOf(outcome));
    assertSame(failure, scope.exitSaw);
  }

  @Test
  void anExitWhoseStageAlreadyFailedPropagatesThatFailure() {
    IllegalStateException cleanup = new IllegalStateException("exit");
    TestScope scope =
        new TestScope("s", log).exitWith((resource, failure) -> StrictFuture.failed(cleanup));
    CompletableFuture<String> outcome =
        scope.use(resource -> CompletableFuture.completedFuture("value"));
    assertSame(cleanup, failureOf(outcome));
  }

  @Test
  void anExitThatFailsLaterAfterAFailedBodyReplacesItAsTheSameObject() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IllegalStateException replacement = new IllegalStateException("exit");
    StrictFuture<Boolean> exiting = new StrictFuture<>();
    TestScope scope = new TestScope("s", log).exitWith((resource, failure) -> exiting);
    CompletableFuture<String> outcome = scope.use(resource -> StrictFuture.failed(bodyFailure));
    exiting.completeExceptionally(replacement);
    assertSame(replacement, failureOf(outcome));
  }

  @Test
  void anAsyncGeneratorThatPassesTheBodysFailureOnPropagatesThatObject() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    StrictFuture<Void> methodStage = new StrictFuture<>();
    AsyncGenerator<String> generator =
        new AsyncGenerator<>(
            "strict",
            yield -> {
              yield.yield("resource")
                  .handle(
                      (ignored, failure) -> {
                        methodStage.completeExceptionally(failure); // passes the body's on
                        return null;
                      });
              return methodStage;
            });
    CompletableFuture<String> outcome = generator.use(resource -> StrictFuture.failed(bodyFailure));
    assertSame(bodyFailure, failureOf(outcome));
  }

  @Test
  void anExitStackUnwindsFailedStagesWithoutWhenComplete() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    ExitStack stack = new ExitStack();
    stack.callbackAsync(() -> StrictFuture.failed(first));
    stack.callbackAsync(() -> StrictFuture.failed(second));
    CompletionStage<Void> closing = stack.closeAsync();
    Throwable failure = failureOf(closing.toCompletableFuture());
    assertSame(second, failure);
    assertSame(first, failure.getSuppressed()[0]);
  }
}
