package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.Stages;
import dev.scopegen.runtime.internal.SynchronousScope;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The stack keeps its registrations in one array, where a callback takes one slot, a handler two
 * and an entered scope three, or two for a synchronous scope among the first 64 slots. Each scope
 * must still get its own resource back, whichever way the registrations interleave with the growth
 * of the stack, and whichever way the unwinding goes.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class ExitStackRegistrationsTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /** A scope that hands out {@code resource} and logs what its exit receives. */
  private AsyncScope<String> scope(String resource) {
    return new AsyncScope<>() {
      @Override
      public CompletionStage<String> enter() {
        return CompletableFuture.completedFuture(resource);
      }

      @Override
      public CompletionStage<Boolean> exit(String received, Throwable failure) {
        log.add("exit " + received);
        return CompletableFuture.completedFuture(false);
      }
    };
  }

  @Test
  void scopesEnteredAmongManyCallbacksGetTheirOwnResourcesBack() throws Exception {
    ExitStack stack = new ExitStack();
    for (int i = 0; i < 9; i++) { // one slot short of the first growth
      int n = i;
      stack.callback(() -> log.add("callback " + n));
    }
    stack.enter(scope(null));
    stack.enter(scope("first"));
    for (int i = 9; i < 20; i++) { // another growth, now with resources
      int n = i;
      stack.callback(() -> log.add("callback " + n));
    }
    stack.enter(scope("second"));
    stack.push(failure -> log.add("handler " + failure));
    stack.close();

    List<String> expected = new ArrayList<>();
    expected.add("handler null");
    expected.add("exit second");
    for (int i = 19; i >= 9; i--) {
      expected.add("callback " + i);
    }
    expected.add("exit first");
    expected.add("exit null");
    for (int i = 8; i >= 0; i--) {
      expected.add("callback " + i);
    }
    assertEquals(expected, log);
  }

  @Test
  void aStackReusedAfterUnwindingForgetsTheResourcesItHeld() throws Exception {
    ExitStack stack = new ExitStack();
    stack.enter(scope("kept"));
    stack.close();
    stack.enter(scope(null));
    ExitStack moved = stack.popAll();
    moved.enter(scope("moved"));
    moved.close();
    assertEquals(List.of("exit kept", "exit moved", "exit null"), log);
  }

  /** Registers a scope and a callback that hold fresh objects, and returns references to them. */
  // A string literal is interned and never collected: each object must be a new one.
  @SuppressWarnings("UnnecessaryStringBuilder")
  private List<WeakReference<Object>> registerTwo(ExitStack stack) throws Exception {
    Object resource = new StringBuilder("resource");
    Object captured = new StringBuilder("captured");
    stack.enter(
        new AsyncScope<Object>() {
          @Override
          public CompletionStage<Object> enter() {
            return CompletableFuture.completedFuture(resource);
          }

          @Override
          public CompletionStage<Boolean> exit(Object received, Throwable failure) {
            log.add("exit " + received);
            return CompletableFuture.completedFuture(false);
          }
        });
    stack.callbackAsync(
        () -> {
          log.add("async");
          return CompletableFuture.completedFuture(null);
        });
    stack.callback(() -> log.add("callback " + captured));
    return List.of(new WeakReference<>(resource), new WeakReference<>(captured));
  }

  private static boolean collected(List<WeakReference<Object>> references)
      throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      if (references.stream().allMatch(reference -> reference.get() == null)) {
        return true;
      }
      System.gc();
      Thread.sleep(10);
    }
    return false;
  }

  @Test
  void anUnwoundStackKeepsNoReferenceToWhatItRan() throws Exception {
    ExitStack stack = new ExitStack();
    List<WeakReference<Object>> references = registerTwo(stack);
    stack.close();
    assertEquals(List.of("callback captured", "async", "exit resource"), log);
    assertTrue(collected(references), "the stack still holds what it ran");
    Reference.reachabilityFence(stack);
  }

  /**
   * The stack runs synchronous registrations itself and hands the rest to the loop engine at the
   * first asynchronous one, or the first failure; what is registered after that, during the
   * unwinding or once it is over, still runs in order, and {@code popAll} moves it either way.
   */
  @Test
  void aStackThatHandedItsRegistrationsOverKeepsItsOrderAfterwards() throws Exception {
    ExitStack stack = new ExitStack();
    CompletableFuture<Void> pending = new CompletableFuture<>();
    stack.callback(() -> log.add("oldest"));
    stack.callbackAsync(
        () -> {
          log.add("async");
          stack.callback(() -> log.add("added while waiting"));
          return pending;
        });
    stack.enter(scope("entered"));
    stack.push(
        failure -> {
          log.add("handler " + failure.getMessage());
          return false;
        });
    stack.callback(
        () -> {
          log.add("failing");
          throw new IllegalStateException("cleanup");
        });
    CompletionStage<Void> closing = stack.closeAsync();
    assertEquals(List.of("failing", "handler cleanup", "exit entered", "async"), log);
    pending.complete(null);
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> Stages.await(closing));
    assertEquals("cleanup", failure.getMessage());
    assertEquals(
        List.of(
            "failing", "handler cleanup", "exit entered", "async", "added while waiting", "oldest"),
        log);

    log.clear();
    stack.callback(() -> log.add("reused"));
    stack.enter(scope("again"));
    ExitStack moved = stack.popAll();
    stack.close();
    assertEquals(List.of(), log);
    moved.close();
    assertEquals(List.of("exit again", "reused"), log);

    log.clear();
    ExitStack fresh = new ExitStack();
    fresh.callback(() -> log.add("kept by the stack"));
    ExitStack movedFresh = fresh.popAll();
    fresh.callback(() -> log.add("after popAll"));
    fresh.close();
    movedFresh.close();
    assertEquals(List.of("after popAll", "kept by the stack"), log);
  }

  /** A synchronous scope that hands out {@code resource} and logs what its exit receives. */
  private SynchronousScope<String> synchronous(String resource) {
    return new SynchronousScope<>() {
      @Override
      public String enterNow() {
        return resource;
      }

      @Override
      public boolean exitNow(String received, Throwable failure) {
        log.add("exit " + received);
        return false;
      }

      @Override
      public CompletionStage<String> enter() {
        return CompletableFuture.completedFuture(enterNow());
      }

      @Override
      public CompletionStage<Boolean> exit(String received, Throwable failure) {
        return CompletableFuture.completedFuture(exitNow(received, failure));
      }
    };
  }

  /**
   * Synchronous scopes, callbacks and a handler, on both sides of slot 64 and of the growth of the
   * array; an asynchronous callback in the middle makes the stack hand the rest over to the loop
   * engine, which must find every synchronous scope with its own resource.
   */
  @Test
  void synchronousScopesKeptWithoutMarkersUnwindInOrderWhateverComesAfter() throws Exception {
    CompletableFuture<Void> pending = new CompletableFuture<>();
    List<String> expected = new ArrayList<>();
    ExitStack stack = new ExitStack();
    for (int i = 0; i < 30; i++) { // 30 scopes and 15 callbacks: 75 slots
      stack.enter(synchronous("s" + i));
      expected.add(0, "exit s" + i);
      if (i % 2 == 0) {
        int n = i;
        stack.callback(() -> log.add("callback " + n));
        expected.add(0, "callback " + n);
      }
      if (i == 10) {
        stack.callbackAsync(
            () -> {
              log.add("async");
              return pending;
            });
        expected.add(0, "async");
      }
      if (i == 20) {
        stack.push(failure -> log.add("handler " + failure));
        expected.add(0, "handler null");
      }
    }
    CompletionStage<Void> closing = stack.closeAsync();
    assertEquals(expected.subList(0, expected.indexOf("async") + 1), log);
    pending.complete(null);
    Stages.await(closing);
    assertEquals(expected, log);
  }

  /**
   * A synchronous scope whose exit fails hands the unwinding over; {@code popAll} moves scopes kept
   * without markers; registrations added by an exit while the stack unwinds run next.
   */
  @Test
  void synchronousScopesKeptWithoutMarkersSurviveFailuresPopAllAndLateRegistrations()
      throws Exception {
    ExitStack stack = new ExitStack();
    stack.enter(synchronous("oldest"));
    stack.callback(() -> log.add("callback"));
    stack.enter(
        new SynchronousScope<String>() {
          @Override
          public String enterNow() {
            return "failing";
          }

          @Override
          public boolean exitNow(String received, Throwable failure) {
            log.add("exit " + received);
            throw new IllegalStateException("exit");
          }

          @Override
          public CompletionStage<String> enter() {
            return CompletableFuture.completedFuture(enterNow());
          }

          @Override
          public CompletionStage<Boolean> exit(String received, Throwable failure) {
            return Stages.failed(new IllegalStateException("exit"));
          }
        });
    stack.enter(synchronous("newest"));
    stack.callback(
        () -> {
          log.add("registering");
          stack.enter(synchronous("late"));
          stack.callback(() -> log.add("late callback"));
        });
    IllegalStateException failure = assertThrows(IllegalStateException.class, stack::close);
    assertEquals("exit", failure.getMessage());
    assertEquals(
        List.of(
            "registering",
            "late callback",
            "exit late",
            "exit newest",
            "exit failing",
            "callback",
            "exit oldest"),
        log);

    log.clear();
    ExitStack fresh = new ExitStack();
    fresh.enter(synchronous("first"));
    fresh.callback(() -> log.add("between"));
    fresh.enter(synchronous("second"));
    ExitStack moved = fresh.popAll();
    fresh.enter(synchronous("left behind"));
    fresh.close();
    moved.close();
    assertEquals(List.of("exit left behind", "exit second", "between", "exit first"), log);
  }
}
