package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The blocking side of {@link ExitStack}, after Python's {@code test_contextlib.TestExitStack}. */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class ExitStackTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @Test
  void emptyStackDoesNothing() throws Exception {
    ExitStack stack = new ExitStack();
    assertSame(stack, stack.call(entered -> entered));
    stack.close();
  }

  @Test
  void callbacksRunInReverseOrderOfRegistration() throws Exception {
    ExitStack stack = new ExitStack();
    for (int i = 1; i <= 3; i++) {
      String name = "callback " + i;
      stack.callback(() -> log.add(name));
    }
    assertEquals(List.of(), log);
    stack.close();
    assertEquals(List.of("callback 3", "callback 2", "callback 1"), log);
  }

  @Test
  void registrationMethodsReturnTheirArgument() {
    ExitStack stack = new ExitStack();
    ExitHandler handler = failure -> false;
    AsyncExitHandler asyncHandler = failure -> CompletableFuture.completedFuture(false);
    Cleanup cleanup = () -> {};
    AsyncCleanup asyncCleanup = () -> CompletableFuture.completedFuture(null);
    assertSame(handler, stack.push(handler));
    assertSame(asyncHandler, stack.pushAsync(asyncHandler));
    assertSame(cleanup, stack.callback(cleanup));
    assertSame(asyncCleanup, stack.callbackAsync(asyncCleanup));
  }

  @Test
  void exitHandlersSeeTheBodysFailure() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    List<Throwable> seen = new ArrayList<>();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.push(failure -> seen.add(failure) && false);
                          stack.push(failure -> seen.add(failure) && false);
                          throw bodyFailure;
                        }));
    assertSame(bodyFailure, thrown);
    assertEquals(List.of(bodyFailure, bodyFailure), seen);
    assertEquals(0, bodyFailure.getSuppressed().length);
  }

  @Test
  void handlersAfterASuppressingOneSeeNull() throws Exception {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    List<String> seen = new ArrayList<>();
    String result =
        new ExitStack()
            .call(
                stack -> {
                  stack.push(failure -> seen.add("first " + failure) && false);
                  stack.push(failure -> true);
                  stack.push(failure -> seen.add("third " + failure) && false);
                  throw bodyFailure;
                });
    assertNull(result);
    assertEquals(List.of("third " + bodyFailure, "first null"), seen);
  }

  @Test
  void callbacksNeverSuppress() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.callback(() -> log.add("callback"));
                          stack.callbackAsync(() -> CompletableFuture.completedFuture(true));
                          throw bodyFailure;
                        }));
    assertSame(bodyFailure, thrown);
    assertEquals(List.of("callback"), log);
  }

  @Test
  void enteredScopesExitInReverseOrderInterleavedWithCallbacks() throws Exception {
    new ExitStack()
        .run(
            stack -> {
              assertEquals("a", stack.enter(new TestScope("a", log)));
              stack.callback(() -> log.add("callback"));
              assertEquals("b", stack.enter(new TestScope("b", log)));
              log.add("body");
            });
    assertEquals(
        List.of("enter a", "enter b", "body", "exit b null", "callback", "exit a null"), log);
  }

  @Test
  void aFailingEnterRegistersNothing() throws Exception {
    IOException enterFailure = new IOException("cannot open");
    TestScope broken =
        new TestScope("broken", log).enterWith(() -> CompletableFuture.failedFuture(enterFailure));
    ExitStack stack = new ExitStack();
    stack.enter(new TestScope("a", log));
    assertSame(enterFailure, assertThrows(IOException.class, () -> stack.enter(broken)));
    CompletableFuture<String> asyncEnter = stack.enterAsync(broken).toCompletableFuture();
    assertSame(enterFailure, assertThrows(Exception.class, asyncEnter::join).getCause());
    stack.close();
    assertEquals(0, broken.exits.get());
    assertEquals(List.of("enter a", "enter broken", "enter broken", "exit a null"), log);
  }

  @Test
  void closeTwiceIsANoOpAndTheStackCanBeUsedAgain() throws Exception {
    ExitStack stack = new ExitStack();
    stack.callback(() -> log.add("first"));
    stack.close();
    stack.close();
    assertEquals(List.of("first"), log);
    stack.callback(() -> log.add("second"));
    stack.close();
    assertEquals(List.of("first", "second"), log);
  }

  @Test
  void popAllMovesEveryRegistrationToANewStack() throws Exception {
    ExitStack stack = new ExitStack();
    stack.callback(() -> log.add("1"));
    stack.push(failure -> log.add("2") && false);
    stack.enter(new TestScope("3", log));
    ExitStack moved = stack.popAll();
    stack.close();
    assertEquals(List.of("enter 3"), log);
    moved.close();
    assertEquals(List.of("enter 3", "exit 3 null", "2", "1"), log);
  }

  @Test
  void popAllHandsResourcesOverOnlyWhenEveryEnterSucceeded() throws Exception {
    // Python's idiom: enter several resources, keep them only if all could be entered.
    TestScope a = new TestScope("a", log);
    TestScope broken =
        new TestScope("broken", log)
            .enterWith(() -> CompletableFuture.failedFuture(new IOException("no")));
    assertThrows(
        IOException.class,
        () ->
            new ExitStack()
                .call(
                    stack -> {
                      stack.enter(a);
                      stack.enter(broken);
                      return stack.popAll();
                    }));
    assertEquals(1, a.exits.get());

    TestScope b = new TestScope("b", log);
    ExitStack handedOver =
        new ExitStack()
            .call(
                stack -> {
                  stack.enter(b);
                  return stack.popAll();
                });
    assertEquals(0, b.exits.get());
    handedOver.close();
    assertEquals(1, b.exits.get());
  }

  @Test
  void theBodysFailurePropagatesUnchanged() {
    Error error = new AssertionError("body");
    assertSame(error, assertThrows(AssertionError.class, () -> new ExitStack().run(s -> {
      throw error;
    })));
    InterruptedException interrupt = new InterruptedException("body");
    assertSame(
        interrupt,
        assertThrows(
            InterruptedException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.push(failure -> false);
                          stack.callback(() -> log.add("cleanup ran"));
                          throw interrupt;
                        })));
    assertEquals(List.of("cleanup ran"), log);
  }

  @Test
  void cleanupFailuresAreSuppressedOntoTheBodysFailureInTheOrderTheyHappened() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException first = new IOException("registered first, fails last");
    IOException second = new IOException("registered second, fails first");
    List<Throwable> seenByHandler = new ArrayList<>();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.push(failure -> seenByHandler.add(failure) && false);
                          stack.callback(
                              () -> {
                                throw first;
                              });
                          stack.callback(
                              () -> {
                                throw second;
                              });
                          throw bodyFailure;
                        }));
    assertSame(bodyFailure, thrown);
    assertArrayEquals(new Throwable[] {second, first}, bodyFailure.getSuppressed());
    assertEquals(List.of(bodyFailure), seenByHandler);
  }

  @Test
  void withNoFailureTheFirstCleanupFailurePropagatesAndLaterOnesAreSuppressedOntoIt() {
    IOException first = new IOException("registered first, fails last");
    IOException second = new IOException("registered second, fails first");
    List<Throwable> seenByHandler = new ArrayList<>();
    ExitStack stack = new ExitStack();
    stack.push(failure -> seenByHandler.add(failure) && false);
    stack.callback(
        () -> {
          throw first;
        });
    stack.push(failure -> seenByHandler.add(failure) && false);
    stack.callback(
        () -> {
          throw second;
        });
    IOException thrown = assertThrows(IOException.class, stack::close);
    assertSame(second, thrown);
    assertArrayEquals(new Throwable[] {first}, second.getSuppressed());
    assertEquals(List.of(second, second), seenByHandler);
  }

  @Test
  void aHandlerCanSuppressACleanupFailure() throws Exception {
    // Python's test_exit_exception_chaining_suppress.
    RuntimeException first = new IllegalStateException("first");
    RuntimeException second = new IllegalArgumentException("second");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    ExitStack stack = new ExitStack();
    stack.push(failure -> seen.compareAndSet(null, failure));
    stack.push(
        failure -> {
          throw first;
        });
    stack.push(
        failure -> {
          throw second;
        });
    stack.close();
    assertSame(second, seen.get());
    assertArrayEquals(new Throwable[] {first}, second.getSuppressed());
  }

  @Test
  void aFailureAfterTheBodysFailureWasSuppressedPropagatesInstead() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException cleanupFailure = new IOException("cleanup");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.callback(
                              () -> {
                                throw cleanupFailure;
                              });
                          stack.push(failure -> true);
                          throw bodyFailure;
                        }));
    assertSame(cleanupFailure, thrown);
    assertEquals(0, cleanupFailure.getSuppressed().length, "the swallowed failure is gone");
  }

  @Test
  void aHandlerRethrowingTheFailureInFlightNeitherSuppressesNorAttachesIt() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.push(
                              failure -> {
                                throw (IllegalStateException) failure;
                              });
                          throw bodyFailure;
                        }));
    assertSame(bodyFailure, thrown);
    assertEquals(0, bodyFailure.getSuppressed().length);
  }

  @Test
  void theSameCleanupFailureIsAttachedOnceAndNoCycleIsCreated() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException shared = new IOException("shared");
    IOException wrapper = new IOException("wraps the body's failure", bodyFailure);
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.callback(
                              () -> {
                                throw shared;
                              });
                          stack.callback(
                              () -> {
                                throw shared;
                              });
                          stack.callback(
                              () -> {
                                throw wrapper;
                              });
                          throw bodyFailure;
                        }));
    assertSame(bodyFailure, thrown);
    assertArrayEquals(new Throwable[] {shared}, bodyFailure.getSuppressed());
  }

  @Test
  void aFailureThatDisabledSuppressionGetsNothingAttached() {
    Exception bodyFailure = new Exception("no suppression", null, false, true) {};
    Exception thrown =
        assertThrows(
            Exception.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.callback(
                              () -> {
                                throw new IOException("cleanup");
                              });
                          throw bodyFailure;
                        }));
    assertSame(bodyFailure, thrown);
    assertEquals(0, bodyFailure.getSuppressed().length);
  }

  @Test
  void aScopesDeliberateReplacementTakesOverWithTheFailureReachable() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IllegalArgumentException replacement = new IllegalArgumentException("translated", bodyFailure);
    TestScope translating =
        new TestScope("translating", log)
            .exitWith((resource, failure) -> CompletableFuture.failedFuture(replacement));
    List<Throwable> seenAfter = new ArrayList<>();
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.push(failure -> seenAfter.add(failure) && false);
                          stack.enter(translating);
                          throw bodyFailure;
                        }));
    assertSame(replacement, thrown);
    assertEquals(List.of(replacement), seenAfter);
    assertEquals(0, replacement.getSuppressed().length, "already reachable as the cause");
  }

  @Test
  void registrationsAddedWhileUnwindingAreUnwoundToo() throws Exception {
    ExitStack stack = new ExitStack();
    stack.callback(() -> log.add("first"));
    stack.callback(
        () -> {
          log.add("second");
          stack.callback(() -> log.add("added while unwinding"));
        });
    stack.close();
    assertEquals(List.of("second", "added while unwinding", "first"), log);
  }

  @Test
  void closeThrowsACheckedCleanupFailureAsItIs() {
    IOException failure = new IOException("disk gone");
    ExitStack stack = new ExitStack();
    stack.callback(
        () -> {
          throw failure;
        });
    assertSame(failure, assertThrows(IOException.class, stack::close));
  }

  @Test
  @SuppressWarnings("try") // close() declares Exception, as AutoCloseable's does
  void tryWithResourcesClosesTheStack() throws Exception {
    try (ExitStack stack = new ExitStack()) {
      stack.enter(new TestScope("a", log));
      stack.callback(() -> log.add("callback"));
    }
    assertEquals(List.of("enter a", "callback", "exit a null"), log);
  }

  @Test
  void enterWaitsForAnAsynchronousEnter() throws Exception {
    CompletableFuture<String> later = new CompletableFuture<>();
    TestScope slow = new TestScope("slow", log).enterWith(() -> later);
    CompletableFuture.runAsync(() -> later.complete("arrived"));
    ExitStack stack = new ExitStack();
    assertEquals("arrived", stack.enter(slow));
    stack.close();
    assertEquals(List.of("enter slow", "exit arrived null"), log);
  }

  @Test
  void anInterruptWhileEnteringRegistersNothingAndReleasesTheLateResource() throws Exception {
    CompletableFuture<String> later = new CompletableFuture<>();
    TestScope slow = new TestScope("slow", log).enterWith(() -> later);
    ExitStack stack = new ExitStack();
    Thread.currentThread().interrupt();
    InterruptedException interrupt =
        assertThrows(InterruptedException.class, () -> stack.enter(slow));
    later.complete("late");
    stack.close();
    assertEquals(1, slow.exits.get());
    assertSame(interrupt, slow.exitSaw);
  }

  @Test
  void closeWaitsForAsynchronousCleanupWithoutBeingInterruptedAndKeepsTheInterrupt()
      throws Exception {
    CompletableFuture<Void> cleanup = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    ExitStack stack = new ExitStack();
    stack.callbackAsync(
        () -> {
          started.countDown();
          return cleanup;
        });
    Thread closer = Thread.currentThread();
    Thread helper =
        new Thread(
            () -> {
              try {
                started.await();
                closer.interrupt();
                TimeUnit.MILLISECONDS.sleep(20); // give close() a chance to (wrongly) return
                cleanup.complete(null);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    helper.start();
    stack.close();
    assertTrue(cleanup.isDone(), "close() returned before the cleanup finished");
    assertTrue(Thread.interrupted(), "the interrupt was lost");
    helper.join();
  }

  @Test
  void aHundredThousandSynchronousRegistrationsUnwindWithoutOverflowingTheStack()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AsyncScope<String> scope =
        new AsyncScope<>() {
          @Override
          public CompletionStage<String> enter() {
            return CompletableFuture.completedFuture("s");
          }

          @Override
          public CompletionStage<Boolean> exit(String resource, Throwable failure) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(false);
          }
        };
    IllegalStateException bodyFailure = new IllegalStateException("body");
    assertThrows(
        IllegalStateException.class,
        () ->
            new ExitStack()
                .run(
                    stack -> {
                      for (int i = 0; i < 100_000; i++) {
                        switch (i % 3) {
                          case 0:
                            stack.callback(calls::incrementAndGet);
                            break;
                          case 1:
                            stack.push(failure -> calls.incrementAndGet() < 0);
                            break;
                          default:
                            stack.enter(scope);
                        }
                      }
                      throw bodyFailure;
                    }));
    assertEquals(100_000, calls.get());
  }

  @Test
  void manyFailingCallbacksAreAllSuppressedOntoTheFirstFailure() {
    ExitStack stack = new ExitStack();
    for (int i = 0; i < 1_000; i++) {
      int index = i;
      stack.callback(
          () -> {
            throw new IOException(String.valueOf(index));
          });
    }
    IOException thrown = assertThrows(IOException.class, stack::close);
    assertEquals("999", thrown.getMessage());
    assertEquals(999, thrown.getSuppressed().length);
    assertEquals("0", thrown.getSuppressed()[998].getMessage());
  }

  @Test
  void rejectsNullRegistrations() {
    ExitStack stack = new ExitStack();
    assertThrows(NullPointerException.class, () -> stack.push(null));
    assertThrows(NullPointerException.class, () -> stack.callback(null));
    assertThrows(NullPointerException.class, () -> stack.enter(null));
  }
}
