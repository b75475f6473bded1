package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The asynchronous side of {@link ExitStack}, after Python's {@code
 * test_contextlib_async.TestAsyncExitStack}.
 */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class ExitStackAsyncTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  /** Returns a stage that completes later, on the executor thread, after logging {@code event}. */
  private <T> CompletableFuture<T> later(String event, T value) {
    return CompletableFuture.supplyAsync(
        () -> {
          log.add(event);
          return value;
        },
        executor);
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    CompletionException thrown =
        assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
    return thrown.getCause();
  }

  @Test
  void asyncCallbacksRunInReverseOrderEachAfterThePreviousCompleted() {
    ExitStack stack = new ExitStack();
    stack.callbackAsync(() -> later("async 1", null));
    stack.callback(() -> log.add("sync 2"));
    stack.callbackAsync(() -> later("async 3", null));
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(List.of("async 3", "sync 2", "async 1"), log);
  }

  @Test
  void asyncHandlersSeeTheFailureAndMaySuppressIt() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
    String result =
        new ExitStack()
            .use(
                stack -> {
                  stack.pushAsync(failure -> later("first", seen.add(failure) && false));
                  stack.pushAsync(failure -> later("suppress", true));
                  stack.pushAsync(failure -> later("third", seen.add(failure) && false));
                  return CompletableFuture.<String>failedFuture(bodyFailure);
                })
            .join();
    assertNull(result);
    assertSame(bodyFailure, seen.get(0));
    assertNull(seen.get(1));
    assertEquals(List.of("third", "suppress", "first"), log);
  }

  @Test
  void useUnwindsAfterTheBodyAndPropagatesItsFailureUnwrapped() {
    IOException bodyFailure = new IOException("body");
    IOException cleanupFailure = new IOException("cleanup");
    CompletableFuture<String> outcome =
        new ExitStack()
            .use(
                stack -> {
                  stack.callbackAsync(() -> CompletableFuture.failedFuture(cleanupFailure));
                  return later("body", "value")
                      .thenCompose(value -> CompletableFuture.<String>failedFuture(bodyFailure));
                });
    assertSame(bodyFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[] {cleanupFailure}, bodyFailure.getSuppressed());
  }

  @Test
  void enterAsyncRegistersTheExitOnceEntered() {
    TestScope slow = new TestScope("slow", log).enterWith(() -> later("entered", "resource"));
    ExitStack stack = new ExitStack();
    String resource = stack.enterAsync(slow).toCompletableFuture().join();
    assertEquals("resource", resource);
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(List.of("enter slow", "entered", "exit resource null"), log);
  }

  @Test
  void aFailingEnterAsyncRegistersNothingAndFailsWithTheSameObject() {
    IOException enterFailure = new IOException("refused");
    TestScope broken =
        new TestScope("broken", log)
            .enterWith(
                () ->
                    later("failing", "")
                        .thenCompose(ignored -> CompletableFuture.failedFuture(enterFailure)));
    ExitStack stack = new ExitStack();
    assertSame(enterFailure, failureOf(stack.enterAsync(broken)));
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(0, broken.exits.get());
  }

  @Test
  void anEnterThatThrowsFailsTheStage() {
    IllegalStateException enterFailure = new IllegalStateException("thrown");
    TestScope throwing =
        new TestScope("throwing", log)
            .enterWith(
                () -> {
                  throw enterFailure;
                });
    assertSame(enterFailure, failureOf(new ExitStack().enterAsync(throwing)));
  }

  @Test
  void closeAsyncFailsWithTheFirstCleanupFailureAndSuppressesLaterOnes() {
    IOException first = new IOException("fails last");
    IOException second = new IOException("fails first");
    ExitStack stack = new ExitStack();
    stack.callbackAsync(
        () -> later("first", null).thenCompose(ignored -> CompletableFuture.failedFuture(first)));
    stack.callbackAsync(() -> CompletableFuture.failedFuture(second));
    assertSame(second, failureOf(stack.closeAsync()));
    assertArrayEquals(new Throwable[] {first}, second.getSuppressed());
  }

  @Test
  void anAsyncHandlerCanSuppressAnAsyncCleanupFailure() {
    IOException failure = new IOException("cleanup");
    ExitStack stack = new ExitStack();
    stack.pushAsync(seen -> later("handler", seen == failure));
    stack.callbackAsync(() -> CompletableFuture.failedFuture(failure));
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(List.of("handler"), log);
  }

  @Test
  void anAsyncCleanupCompletingWithTrueDoesNotSuppress() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    CompletableFuture<Object> outcome =
        new ExitStack()
            .use(
                stack -> {
                  stack.callbackAsync(() -> later("cleanup", Boolean.TRUE));
                  return CompletableFuture.failedFuture(bodyFailure);
                });
    assertSame(bodyFailure, failureOf(outcome));
  }

  @Test
  void anAsyncCleanupThatThrowsACheckedExceptionIsACleanupFailure() {
    IOException closeFailure = new IOException("close");
    IllegalStateException bodyFailure = new IllegalStateException("body");
    CompletableFuture<Object> outcome =
        new ExitStack()
            .use(
                stack -> {
                  stack.callbackAsync(
                      () -> {
                        throw closeFailure;
                      });
                  stack.callbackAsync(() -> later("cleanup", null));
                  return CompletableFuture.failedFuture(bodyFailure);
                });
    assertSame(bodyFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[] {closeFailure}, bodyFailure.getSuppressed());
    assertEquals(List.of("cleanup"), log);
  }

  @Test
  void anAsyncRegistrationReturningNullIsACleanupFailure() {
    ExitStack stack = new ExitStack();
    stack.callbackAsync(() -> null);
    assertTrue(failureOf(stack.closeAsync()) instanceof NullPointerException);
  }

  @Test
  void closeAsyncOfAnEmptyStackCompletesAtOnce() {
    CompletionStage<Void> closed = new ExitStack().closeAsync();
    assertTrue(closed.toCompletableFuture().isDone());
  }

  @Test
  void aHundredThousandCompletedAsyncRegistrationsUnwindWithoutOverflowingTheStack() {
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<Boolean> notSuppressed = CompletableFuture.completedFuture(false);
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    CompletionStage<Void> minimal = CompletableFuture.completedStage(null);
    AsyncScope<String> scope =
        new AsyncScope<>() {
          @Override
          public CompletionStage<String> enter() {
            return CompletableFuture.completedStage("resource");
          }

          @Override
          public CompletionStage<Boolean> exit(String resource, Throwable failure) {
            calls.incrementAndGet();
            return CompletableFuture.completedStage(false);
          }
        };
    IllegalStateException bodyFailure = new IllegalStateException("body");
    CompletableFuture<Object> outcome =
        new ExitStack()
            .use(
                stack -> {
                  for (int i = 0; i < 100_000; i++) {
                    switch (i % 4) {
                      case 0:
                        stack.callbackAsync(
                            () -> {
                              calls.incrementAndGet();
                              return done;
                            });
                        break;
                      case 1:
                        stack.pushAsync(
                            failure -> {
                              calls.incrementAndGet();
                              return notSuppressed;
                            });
                        break;
                      case 2:
                        stack.callbackAsync(
                            () -> {
                              calls.incrementAndGet();
                              return minimal; // a stage whose state cannot be read directly
                            });
                        break;
                      default:
                        stack.enterAsync(scope).toCompletableFuture().join();
                    }
                  }
                  return CompletableFuture.failedFuture(bodyFailure);
                });
    assertSame(bodyFailure, failureOf(outcome));
    assertEquals(100_000, calls.get());
  }

  @Test
  void aHundredThousandFailedAsyncCallbacksUnwindWithoutOverflowingTheStack() {
    ExitStack stack = new ExitStack();
    IOException failure = new IOException("always the same");
    for (int i = 0; i < 100_000; i++) {
      stack.callbackAsync(() -> CompletableFuture.failedFuture(failure));
    }
    assertSame(failure, failureOf(stack.closeAsync()));
    assertEquals(0, failure.getSuppressed().length, "never self-suppressed");
  }

  @Test
  void aLongChainOfPendingStagesCompletedOnAnotherThreadKeepsItsOrder() {
    ExitStack stack = new ExitStack();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 10_000; i++) {
      int index = i;
      stack.callbackAsync(() -> CompletableFuture.runAsync(() -> order.add(index), executor));
    }
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(10_000, order.size());
    for (int i = 0; i < order.size(); i++) {
      assertEquals(9_999 - i, order.get(i));
    }
  }

  @Test
  void theStackIsAScopeThatHandsItselfToTheBody() {
    ExitStack stack = new ExitStack();
    assertSame(stack, stack.enter().toCompletableFuture().join());
    assertFalse(stack.exit(stack, null).toCompletableFuture().join());
  }
}
