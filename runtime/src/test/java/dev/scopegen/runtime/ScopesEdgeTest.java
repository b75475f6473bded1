package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.Stages;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The toolbox and {@link ExitStack} on paths the main tests leave aside: {@link Scopes#all} when an
 * enter fails, {@link Scopes#closingAsync} with a close that is complete or throws, {@link
 * ExitStack#enterAsync} of a scope already entered, and what each scope prints.
 */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
class ScopesEdgeTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private static Throwable failureOf(CompletionStage<?> stage) {
    CompletableFuture<?> future = stage.toCompletableFuture();
    assertTrue(future.isDone(), "not complete");
    return assertThrows(CompletionException.class, future::join).getCause();
  }

  // --- all --------------------------------------------------------------------------------------

  @Test
  void whenTheFirstEnterFailsNothingExitsAndTheFailurePropagatesUnchanged() {
    IOException enterFailure = new IOException("a cannot enter");
    TestScope a =
        new TestScope("a", log).enterWith(() -> CompletableFuture.failedFuture(enterFailure));
    TestScope b = new TestScope("b", log);
    CompletableFuture<List<String>> outcome =
        Scopes.all(List.of(a, b)).use(CompletableFuture::completedFuture);
    assertSame(enterFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[0], enterFailure.getSuppressed());
    assertEquals(List.of("enter a"), log);
  }

  @Test
  void aLaterEnterFailureWaitsForTheAsynchronousExitOfAnEarlierScope() {
    IOException enterFailure = new IOException("b cannot enter");
    IllegalStateException cleanupFailure = new IllegalStateException("a fails to exit, later");
    CompletableFuture<Boolean> aExiting = new CompletableFuture<>();
    TestScope a = new TestScope("a", log).exitWith((r, f) -> aExiting);
    TestScope b =
        new TestScope("b", log).enterWith(() -> CompletableFuture.failedFuture(enterFailure));
    CompletableFuture<List<String>> outcome =
        Scopes.all(List.of(a, b)).use(CompletableFuture::completedFuture);
    assertFalse(outcome.isDone(), "the enter failure propagates only after a has exited");
    assertEquals(List.of("enter a", "enter b", "exit a IOException:b cannot enter"), log);
    aExiting.completeExceptionally(cleanupFailure);
    assertSame(enterFailure, failureOf(outcome));
    assertArrayEquals(new Throwable[] {cleanupFailure}, enterFailure.getSuppressed());
  }

  @Test
  void anAsynchronousExitThatSuppressesCannotSwallowALaterEnterFailure() throws Exception {
    IOException enterFailure = new IOException("b cannot enter");
    CompletableFuture<Boolean> aExiting = new CompletableFuture<>();
    TestScope a = new TestScope("a", log).exitWith((r, f) -> aExiting);
    TestScope b =
        new TestScope("b", log).enterWith(() -> CompletableFuture.failedFuture(enterFailure));
    CompletionStage<List<String>> entering = Scopes.all(List.of(a, b)).enter();
    assertFalse(entering.toCompletableFuture().isDone());
    aExiting.complete(true);
    assertSame(enterFailure, failureOf(entering));
  }

  // --- closingAsync -----------------------------------------------------------------------------

  @Test
  void closingAsyncWithACloseAlreadyCompleteEndsAtOnce() {
    List<String> closed = new ArrayList<>();
    CompletableFuture<String> outcome =
        Scopes.closingAsync(
                "channel",
                c -> {
                  closed.add(c);
                  return Stages.done();
                })
            .use(c -> CompletableFuture.completedFuture(c + " used"));
    assertEquals("channel used", outcome.join());
    assertEquals(List.of("channel"), closed);
  }

  @Test
  void closingAsyncWithACloseThatThrowsOrReturnsNullHandlesItLikeAFailedClose() {
    IllegalStateException closeFailure = new IllegalStateException("close threw");
    IOException bodyFailure = new IOException("body");
    AsyncScope<String> throwing =
        Scopes.closingAsync(
            "channel",
            c -> {
              throw closeFailure;
            });
    assertSame(
        bodyFailure, failureOf(throwing.use(c -> CompletableFuture.failedFuture(bodyFailure))));
    assertArrayEquals(new Throwable[] {closeFailure}, bodyFailure.getSuppressed());
    assertSame(closeFailure, failureOf(throwing.use(CompletableFuture::completedFuture)));

    AsyncScope<String> returningNull = Scopes.closingAsync("channel", c -> null);
    Throwable alone = failureOf(returningNull.use(CompletableFuture::completedFuture));
    assertEquals("close returned null", alone.getMessage());
  }

  // --- ExitStack.enterAsync ---------------------------------------------------------------------

  @Test
  void enterAsyncOfAScopeEnteredAtOnceRegistersItsExit() {
    TestScope scope = new TestScope("s", log);
    ExitStack stack = new ExitStack();
    CompletionStage<String> entered = stack.enterAsync(scope);
    assertEquals("s", entered.toCompletableFuture().getNow(null));
    assertEquals(0, scope.exits.get());
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(List.of("enter s", "exit s null"), log);
    assertEquals(1, scope.exits.get());
  }

  // --- toString ---------------------------------------------------------------------------------

  @Test
  void everyScopeOfTheToolboxSaysWhatItIs() {
    ReentrantLock lock = new ReentrantLock();
    Semaphore semaphore = new Semaphore(1);
    AutoCloseable resource = () -> {};
    assertEquals("Scopes.lock(" + lock + ")", Scopes.lock(lock).toString());
    assertEquals("Scopes.permit(" + semaphore + ")", Scopes.permit(semaphore).toString());
    assertEquals("Scopes.closing(" + resource + ")", Scopes.closing(resource).toString());
    assertEquals(
        "Scopes.closingAsync(channel)",
        Scopes.closingAsync("channel", c -> Stages.done()).toString());
    assertEquals(
        "Scopes.suppress([class java.io.IOException])",
        Scopes.suppress(IOException.class).toString());
    assertEquals("Scopes.just(value)", Scopes.just("value").toString());
    assertEquals("Scopes.timeout(PT2S)", Scopes.timeout(Duration.ofSeconds(2)).toString());
    assertEquals(
        "Scopes.all([Scopes.just(a), Scopes.just(b)])",
        Scopes.all(List.of(Scopes.just("a"), Scopes.just("b"))).toString());
  }
}
