package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.behaviour.Script.Handle;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling {@code use} and interrupting {@code call} on generated scopes (semantics rule 7, README):
 * cleanup runs once, is awaited, and a resource that arrives after the request is released.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CancellationTest {

  // One per test: a static executor shut down after all tests would refuse work when the same
  // tests run again in one JVM (mutation testing does).
  private final ExecutorService otherThread =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "other"));

  private final Script script = new Script();

  @AfterEach
  void stopOtherThread() {
    otherThread.shutdownNow();
  }

  @Test
  void cancelDuringTheBodyRollsBackAndExitsOnceAndCompletesAfterCleanup() throws Exception {
    script.hold("exit");
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> future =
        AsyncResourceScope.of(new AsyncResource(script)).use(handle -> body);

    assertTrue(future.cancel(true));

    assertTrue(body.isCancelled(), "the body's stage is cancelled");
    CompletableFuture<Object> exit = script.held("exit").get(5, TimeUnit.SECONDS);
    assertFalse(future.isDone(), "the future waits for the cleanup");
    otherThread.execute(() -> exit.complete(false));
    assertThrows(CancellationException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertTrue(future.isCancelled());
    assertEquals(
        List.of("enter", "rollback <- CancellationException", "exit <- CancellationException"),
        script.events());
    assertEquals(List.of(script.handle()), script.released());
  }

  @Test
  void cancelDuringTheBodyOfASynchronousResourceCleansUpAtOnce() {
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> future =
        SuppressingResourceScope.of(new SuppressingResource(script)).use(handle -> body);

    assertTrue(future.cancel(true));

    assertTrue(future.isCancelled());
    assertEquals(
        List.of("enter", "rollback <- CancellationException", "exit <- CancellationException"),
        script.events());
  }

  @Test
  void cancelDuringEnterReleasesTheLateResourceExactlyOnce() throws Exception {
    script.hold("enter");
    AtomicBoolean bodyRan = new AtomicBoolean();
    CompletableFuture<String> future =
        AsyncResourceScope.of(new AsyncResource(script))
            .use(
                handle -> {
                  bodyRan.set(true);
                  return CompletableFuture.completedFuture("result");
                });
    CompletableFuture<Object> enter = script.held("enter").get(5, TimeUnit.SECONDS);

    assertTrue(future.cancel(true));
    assertFalse(future.isDone(), "the resource is still on its way");
    otherThread.execute(() -> enter.complete(script.handle()));

    assertThrows(CancellationException.class, () -> future.get(5, TimeUnit.SECONDS));
    assertFalse(bodyRan.get(), "the body never runs");
    assertEquals(List.of(script.handle()), script.released());
    assertEquals(
        List.of(
            "enter",
            "rollback <- use() was cancelled while entering the scope",
            "exit <- use() was cancelled while entering the scope"),
        script.events());
  }

  @Test
  void cancelAfterTheBodyFinishedIsRefused() throws Exception {
    CompletableFuture<String> future =
        AsyncResourceScope.of(new AsyncResource(script))
            .use(handle -> CompletableFuture.completedFuture("result"));

    assertFalse(future.cancel(true));
    assertEquals("result", future.get(5, TimeUnit.SECONDS));
  }

  @Test
  void interruptWhileCallWaitsForEnterReleasesTheLateResourceOnce() throws Exception {
    script.hold("enter");
    AsyncResourceScope scope = AsyncResourceScope.of(new AsyncResource(script));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                scope.call(handle -> script.handle() == handle ? "body ran" : "wrong resource");
                thrown.complete(null);
              } catch (Throwable failure) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                thrown.complete(failure);
              }
            });
    caller.start();
    CompletableFuture<Object> enter = script.held("enter").get(5, TimeUnit.SECONDS);

    caller.interrupt();

    // The scope's call does not declare InterruptedException: it arrives wrapped, as join() would
    // wrap a checked failure, and the thread stays interrupted.
    CompletionException wrapped =
        assertInstanceOf(CompletionException.class, thrown.get(5, TimeUnit.SECONDS));
    assertInstanceOf(InterruptedException.class, wrapped.getCause());
    assertTrue(stillInterrupted.get(), "the interrupt status is set again");
    assertEquals(List.of("enter"), script.events());
    enter.complete(script.handle());
    assertEquals(List.of(script.handle()), script.released());
    assertEquals(
        List.of("enter", "rollback <- InterruptedException", "exit <- InterruptedException"),
        script.events());
    caller.join();
  }
}
