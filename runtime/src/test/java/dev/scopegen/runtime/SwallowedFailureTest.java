package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.BlockingGenerator;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule 10: a failure that an exit or a handler suppressed is gone. After an {@link ExitStack}
 * handler (or a scope entered on the stack) swallowed the body's failure, an older callback that
 * fails propagates alone: the swallowed failure is attached to nothing, whichever way the stack was
 * entered. After Python's {@code test_exit_exception_chaining} ("inner exceptions were
 * suppressed").
 */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class SwallowedFailureTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  /** How the stack runs its body. */
  enum Way {
    RUN,
    CALL,
    USE,
    /** {@code use}, every registration asynchronous and completing later on another thread. */
    USE_LATER
  }

  /** What swallows the body's failure. */
  enum Swallower {
    HANDLER,
    ASYNC_HANDLER,
    /** A scope entered on the stack whose own exit suppresses. */
    SCOPE,
    /** An async generator entered on the stack that catches the failure and completes normally. */
    ASYNC_GENERATOR,
    /** A blocking generator entered on the stack (split, on its own thread) that catches it. */
    BLOCKING_GENERATOR,
    /** A nested stack entered on the stack whose handler swallows. */
    NESTED_STACK
  }

  @ParameterizedTest(name = "{0} {1}")
  @EnumSource(Swallower.class)
  void runCallAndUseNeverAttachASwallowedFailure(Swallower swallower) throws Exception {
    for (Way way : Way.values()) {
      log.clear();
      IllegalStateException body = new IllegalStateException("body");
      IOException beforeSwallowing = new IOException("cleanup before the swallowing");
      IOException fresh = new IOException("cleanup after the swallowing");
      IOException later = new IOException("an older cleanup");
      List<Throwable> seenAfter = Collections.synchronizedList(new ArrayList<>());
      boolean async = way == Way.USE_LATER;
      ScopeFunction<ExitStack, String, Exception> program =
          stack -> {
            stack.callback(
                () -> {
                  throw later;
                });
            stack.push(failure -> seenAfter.add(failure) && false);
            stack.callbackAsync(() -> failing(fresh, async));
            register(stack, swallower, async);
            stack.callbackAsync(() -> failing(beforeSwallowing, async));
            throw body;
          };

      Throwable thrown = propagated(way, program);

      assertSame(fresh, thrown, way + ": the failure that arose after the swallowing propagates");
      assertArrayEquals(
          new Throwable[] {later}, fresh.getSuppressed(), way + ": the swallowed failure is gone");
      assertNull(fresh.getCause(), way.toString());
      assertEquals(List.of(beforeSwallowing), List.of(body.getSuppressed()), way.toString());
      assertEquals(Collections.singletonList(fresh), seenAfter, way + ": later handlers see");
      assertEquals(List.of("swallowed " + body.getMessage()), log, way.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void aSwallowedFailureFollowedByNoOtherFailureEndsTheBlockNormally(Way way) throws Exception {
    ScopeFunction<ExitStack, String, Exception> program =
        stack -> {
          stack.callback(() -> log.add("older callback"));
          stack.push(failure -> true);
          throw new IllegalStateException("body");
        };
    switch (way) {
      case RUN:
        new ExitStack().run(program::apply);
        break;
      case CALL:
        assertNull(new ExitStack().call(program));
        break;
      default:
        assertNull(using(program).join());
    }
    assertEquals(List.of("older callback"), log);
  }

  @Test
  void aScopeReplacingTheFailureInFlightKeepsItsOwnChainOnTheStack() throws Exception {
    IllegalStateException body = new IllegalStateException("body");
    IOException replacement = new IOException("replacement");
    TestScope translating =
        new TestScope("translating", log)
            .exitWith(
                (r, failure) ->
                    CompletableFuture.failedFuture(Failures.addSuppressed(replacement, failure)));
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(translating);
                          throw body;
                        }));
    assertSame(replacement, thrown);
    assertArrayEquals(new Throwable[] {body}, replacement.getSuppressed(), "attached once");
  }

  // --- the programs -----------------------------------------------------------------------------

  private static Throwable propagated(
      Way way, ScopeFunction<ExitStack, String, Exception> program) {
    switch (way) {
      case RUN:
        return assertThrows(Throwable.class, () -> new ExitStack().run(program::apply));
      case CALL:
        return assertThrows(Throwable.class, () -> new ExitStack().call(program));
      default:
        return assertThrows(CompletionException.class, using(program)::join).getCause();
    }
  }

  /** {@code use} with a body that runs {@code program} and returns its outcome as a stage. */
  private static CompletableFuture<String> using(
      ScopeFunction<ExitStack, String, Exception> program) {
    return new ExitStack()
        .use(
            stack -> {
              try {
                return CompletableFuture.completedFuture(program.apply(stack));
              } catch (Exception failure) {
                return CompletableFuture.failedFuture(failure);
              }
            });
  }

  /** Registers on {@code stack} something that swallows the failure it sees and logs it. */
  private void register(ExitStack stack, Swallower swallower, boolean async) throws Exception {
    switch (swallower) {
      case HANDLER:
        stack.push(this::swallow);
        return;
      case ASYNC_HANDLER:
        stack.pushAsync(failure -> later(swallow(failure), async));
        return;
      case SCOPE:
        stack.enter(
            new TestScope("suppressing", new ArrayList<>())
                .exitWith((r, failure) -> later(swallow(failure), async)));
        return;
      case ASYNC_GENERATOR:
        stack.enter(
            new AsyncGenerator<String>(
                "swallowing",
                y ->
                    y.yield("resource")
                        .handle((ok, failure) -> failure)
                        .thenCompose(failure -> later(swallow(failure), async))));
        return;
      case BLOCKING_GENERATOR:
        stack.enter(
            new BlockingGenerator<String>(
                "swallowing",
                y -> {
                  try {
                    y.yield("resource");
                  } catch (Throwable failure) {
                    swallow(failure);
                  }
                }));
        return;
      default:
        ExitStack inner = stack.enter(new ExitStack());
        inner.pushAsync(failure -> later(swallow(failure), async));
    }
  }

  private boolean swallow(Throwable failure) {
    log.add("swallowed " + failure.getMessage());
    return true;
  }

  private <T> CompletionStage<T> later(T value, boolean async) {
    return async
        ? CompletableFuture.supplyAsync(() -> value, executor)
        : CompletableFuture.completedFuture(value);
  }

  private CompletionStage<Void> failing(Throwable failure, boolean async) {
    return async
        ? CompletableFuture.runAsync(() -> {}, executor)
            .thenCompose(ignored -> CompletableFuture.failedFuture(failure))
        : CompletableFuture.failedFuture(failure);
  }
}
