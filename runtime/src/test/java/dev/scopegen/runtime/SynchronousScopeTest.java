package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.SynchronousScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * {@code Scopes.all} enters and exits a {@link SynchronousScope} through {@code enterNow}/{@code
 * exitNow}, and {@code ExitStack} exits it through {@code exitNow}, with no stage, keeping every
 * outcome rule: what {@code exitNow} returns suppresses, what it throws is what {@code exit}'s
 * stage would fail with.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class SynchronousScopeTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /** A synchronous scope whose stage methods must not be called on the fast paths. */
  private final class Sync implements SynchronousScope<String> {
    final String name;
    Throwable enterFailure;
    boolean suppress;
    Throwable exitFailure;
    boolean stagesAllowed;
    boolean enterStageAllowed;

    Sync(String name) {
      this.name = name;
    }

    @Override
    public String enterNow() throws Throwable {
      log.add("enter " + name);
      if (enterFailure != null) {
        throw enterFailure;
      }
      return name;
    }

    @Override
    public boolean exitNow(String resource, Throwable failure) throws Throwable {
      log.add("exit " + resource + " " + (failure == null ? "null" : failure.getMessage()));
      if (exitFailure != null) {
        throw exitFailure;
      }
      return suppress;
    }

    @Override
    public CompletionStage<String> enter() {
      if (!stagesAllowed && !enterStageAllowed) {
        throw new AssertionError("enter() of a synchronous scope");
      }
      try {
        return CompletableFuture.completedFuture(enterNow());
      } catch (Throwable failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      if (!stagesAllowed) {
        throw new AssertionError("exit() of a synchronous scope");
      }
      try {
        return CompletableFuture.completedFuture(exitNow(resource, failure));
      } catch (Throwable replacement) {
        return CompletableFuture.failedFuture(replacement);
      }
    }
  }

  @Test
  void anExitStackEntersAndExitsWithoutStagesAndASuppressingExitWins() throws Exception {
    Sync first = new Sync("a");
    Sync second = new Sync("b");
    second.suppress = true;
    IllegalStateException failure = new IllegalStateException("body");
    Object result =
        new ExitStack()
            .call(
                stack -> {
                  assertEquals("a", stack.enter(first));
                  assertEquals("b", stack.enter(second));
                  throw failure;
                });
    assertNull(result);
    assertEquals(List.of("enter a", "enter b", "exit b body", "exit a null"), log);
  }

  @Test
  void whatExitNowThrowsReplacesTheFailureInFlightAsItIs() {
    Sync older = new Sync("a");
    Sync newer = new Sync("b");
    IllegalStateException failure = new IllegalStateException("body");
    IllegalArgumentException replacement = new IllegalArgumentException("replacement");
    newer.exitFailure = replacement;
    Exception thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(older);
                          stack.enter(newer);
                          throw failure;
                        }));
    assertSame(replacement, thrown);
    assertEquals(0, replacement.getSuppressed().length);
    assertEquals(
        List.of("enter a", "enter b", "exit b body", "exit a replacement"), log);
  }

  @Test
  void anEnterFailurePropagatesUnchangedAndRegistersNothing() throws Exception {
    Sync failing = new Sync("a");
    Exception enterFailure = new Exception("enter");
    failing.enterFailure = enterFailure;
    ExitStack stack = new ExitStack();
    assertSame(enterFailure, assertThrows(Exception.class, () -> stack.enter(failing)));
    stack.close();
    assertEquals(List.of("enter a"), log);
  }

  @Test
  void anEnterFailureWrappedInACompletionExceptionPropagatesAsItsStageWouldHoldIt() {
    Sync failing = new Sync("a");
    IllegalStateException cause = new IllegalStateException("enter");
    failing.enterFailure = new CompletionException(cause);
    ExitStack stack = new ExitStack();
    // enter()'s stage would fail with the cause, and a blocking enter throws that.
    assertSame(cause, assertThrows(IllegalStateException.class, () -> stack.enter(failing)));
  }

  @Test
  void aSynchronousScopeEnteredAsynchronouslyIsExitedWithoutAStageAmongOtherRegistrations()
      throws Exception {
    Sync first = new Sync("a");
    Sync second = new Sync("b");
    first.enterStageAllowed = true;
    ExitStack stack = new ExitStack();
    assertEquals("a", stack.enterAsync(first).toCompletableFuture().join());
    stack.callbackAsync(
        () -> {
          log.add("async callback");
          return CompletableFuture.completedFuture(null);
        });
    stack.enter(second);
    stack.callback(() -> log.add("callback"));
    stack.close();
    assertEquals(
        List.of(
            "enter a", "enter b", "callback", "exit b null", "async callback", "exit a null"),
        log);
  }

  @Test
  void allOfSynchronousScopesIsOneAndHandsOutTheResourcesInOrder() throws Exception {
    AsyncScope<List<String>> all = Scopes.all(List.of(new Sync("a"), new Sync("b")));
    assertTrue(all instanceof SynchronousScope);
    List<String> seen = all.call(resources -> resources);
    assertEquals(List.of("a", "b"), seen);
    assertThrows(UnsupportedOperationException.class, () -> seen.add("c"));
    assertEquals(List.of("enter a", "enter b", "exit b null", "exit a null"), log);
  }

  @Test
  void allReleasesTheScopesEnteredWhenOneFailsToEnter() {
    Sync first = new Sync("a");
    Sync second = new Sync("b");
    Sync third = new Sync("c");
    IllegalStateException enterFailure = new IllegalStateException("enter c");
    IllegalStateException cleanupFailure = new IllegalStateException("cleanup a");
    third.enterFailure = enterFailure;
    first.exitFailure = cleanupFailure;
    second.suppress = true; // cannot suppress a failed enter
    AsyncScope<List<String>> all = Scopes.all(List.of(first, second, third));
    Exception thrown =
        assertThrows(IllegalStateException.class, () -> all.run(resources -> log.add("body")));
    assertSame(enterFailure, thrown);
    assertArrayEquals(new Throwable[] {cleanupFailure}, enterFailure.getSuppressed());
    assertEquals(
        List.of("enter a", "enter b", "enter c", "exit b enter c", "exit a enter c"), log);
  }

  @Test
  void allExitsLikeAStackOnEveryPath() throws Exception {
    Sync first = new Sync("a");
    Sync second = new Sync("b");
    IllegalStateException cleanupFailure = new IllegalStateException("cleanup b");
    second.exitFailure = cleanupFailure;
    AsyncScope<List<String>> all = Scopes.all(List.of(first, second));
    // No failure in flight: the cleanup failure propagates, and the older scope sees it.
    assertSame(cleanupFailure, assertThrows(IllegalStateException.class, () -> all.call(r -> r)));
    assertEquals(List.of("enter a", "enter b", "exit b null", "exit a cleanup b"), log);
    // Through the stages too, as use() sees them.
    first.stagesAllowed = true;
    second.stagesAllowed = true;
    second.exitFailure = null;
    first.suppress = true;
    IllegalStateException failure = new IllegalStateException("body");
    CompletableFuture<String> outcome =
        all.use(resources -> CompletableFuture.failedFuture(failure));
    assertNull(outcome.get(5, TimeUnit.SECONDS));
    assertFalse(outcome.isCompletedExceptionally());
  }

  @Test
  void allWithOneScopeThatIsNotSynchronousTakesTheStagePath() throws Exception {
    Sync sync = new Sync("a");
    sync.stagesAllowed = true;
    AsyncScope<List<Object>> all = Scopes.all(List.of(sync, Scopes.just("b")));
    assertTrue(all instanceof SynchronousScope, "Scopes.just is synchronous too");
    AsyncScope<String> staged =
        new AsyncScope<>() {
          @Override
          public CompletionStage<String> enter() {
            return CompletableFuture.completedFuture("c");
          }

          @Override
          public CompletionStage<Boolean> exit(String resource, Throwable failure) {
            log.add("exit c");
            return CompletableFuture.completedFuture(false);
          }
        };
    AsyncScope<List<Object>> mixed = Scopes.all(List.of(sync, staged));
    assertFalse(mixed instanceof SynchronousScope);
    assertEquals(List.of("a", "c"), mixed.call(resources -> resources));
    assertEquals(List.of("enter a", "exit c", "exit a null"), log);
  }
}
