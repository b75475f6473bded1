package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stage that fails with a {@link CancellationException} after {@code call} started waiting for
 * it hands {@code call} that same object (rules 3 and 5), on every JDK: from JDK 23 on, {@code
 * CompletableFuture.get()} throws a new {@code CancellationException} around the stored one.
 */
class CancellationIdentityTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutDown() {
    executor.shutdownNow();
  }

  /** A stage that fails with {@code failure} shortly after it is returned. */
  private CompletableFuture<Boolean> failingLater(Throwable failure) {
    CompletableFuture<Boolean> stage = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            TimeUnit.MILLISECONDS.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          stage.completeExceptionally(failure);
        });
    return stage;
  }

  @Test
  void anEnterThatFailsLaterWithACancellationExceptionPropagatesThatObject() {
    CancellationException enterFailure = new CancellationException("enter");
    CompletableFuture<String> entering = new CompletableFuture<>();
    TestScope scope = new TestScope("r", log).enterWith(() -> entering);
    executor.execute(() -> entering.completeExceptionally(enterFailure));

    assertSame(enterFailure, assertThrows(CancellationException.class, () -> scope.run(r -> {})));
  }

  @Test
  void anExitThatFailsLaterWithACancellationExceptionPropagatesThatObject() {
    CancellationException exitFailure = new CancellationException("exit");
    TestScope scope =
        new TestScope("r", log).exitWith((resource, failure) -> failingLater(exitFailure));

    assertSame(exitFailure, assertThrows(CancellationException.class, () -> scope.call(r -> "v")));
  }

  @Test
  void anExitStackCallbackThatFailsLaterWithACancellationExceptionPropagatesThatObject() {
    CancellationException cleanupFailure = new CancellationException("cleanup");
    ExitStack stack = new ExitStack();
    stack.callbackAsync(() -> failingLater(cleanupFailure));

    assertSame(cleanupFailure, assertThrows(CancellationException.class, stack::close));
  }
}
