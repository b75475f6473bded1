package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The toolbox of {@link Scopes}, after Python's {@code test_contextlib} and asyncio's locks. */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class ScopesTest {

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /** An {@link AutoCloseable} that logs its close and may fail it. */
  @SuppressWarnings("try") // close() declares Exception, as AutoCloseable's does
  private final class Resource implements AutoCloseable {
    private final String name;
    private final Exception closeFailure;
    final AtomicInteger closes = new AtomicInteger();

    Resource(String name, Exception closeFailure) {
      this.name = name;
      this.closeFailure = closeFailure;
    }

    @Override
    public void close() throws Exception {
      closes.incrementAndGet();
      log.add("close " + name);
      if (closeFailure != null) {
        throw closeFailure;
      }
    }
  }

  // --- lock -------------------------------------------------------------------------------------

  @Test
  void lockHoldsTheLockForTheBodyAndReleasesItAfterSuccessOrFailure() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    assertSame(lock, Scopes.lock(lock).call(held -> {
      assertTrue(held.isHeldByCurrentThread());
      return held;
    }));
    assertFalse(lock.isLocked());
    IllegalStateException failure = new IllegalStateException("body");
    assertSame(
        failure,
        assertThrows(
            IllegalStateException.class,
            () ->
                Scopes.lock(lock)
                    .run(
                        held -> {
                          throw failure;
                        })));
    assertFalse(lock.isLocked());
  }

  @Test
  void lockKeepsConcurrentWorkersFromLosingUpdates() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    AsyncScope<ReentrantLock> locked = Scopes.lock(lock);
    int[] counter = {0};
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        done.add(
            workers.submit(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    locked.run(held -> counter[0]++);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : done) {
        worker.get();
      }
    } finally {
      workers.shutdownNow();
    }
    assertEquals(40_000, counter[0]);
  }

  @Test
  void anInterruptWhileWaitingForTheLockTakesAndReleasesNothing() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread owner =
        new Thread(
            () -> {
              lock.lock();
              try {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                lock.unlock();
              }
            });
    owner.start();
    held.await();
    AtomicInteger bodies = new AtomicInteger();
    Thread.currentThread().interrupt();
    assertThrows(
        InterruptedException.class, () -> Scopes.lock(lock).run(l -> bodies.incrementAndGet()));
    assertEquals(0, bodies.get());
    assertTrue(lock.isLocked(), "the owner's hold was released by someone else");
    release.countDown();
    owner.join();
    assertFalse(lock.isLocked());
  }

  @Test
  void aFailingUnlockIsSuppressedOntoTheBodysFailure() {
    ReentrantLock lock = new ReentrantLock();
    IllegalStateException failure = new IllegalStateException("body");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Scopes.lock(lock)
                    .run(
                        held -> {
                          held.unlock(); // the body releases it, so exit's unlock fails
                          throw failure;
                        }));
    assertSame(failure, thrown);
    assertEquals(1, failure.getSuppressed().length);
    assertTrue(failure.getSuppressed()[0] instanceof IllegalMonitorStateException);
  }

  // --- permit -----------------------------------------------------------------------------------

  @Test
  void permitHoldsOnePermitForTheBodyAndReleasesItOnce() throws Exception {
    Semaphore semaphore = new Semaphore(2);
    assertEquals(1, (int) Scopes.permit(semaphore).call(Semaphore::availablePermits));
    assertEquals(2, semaphore.availablePermits());
    assertThrows(
        IOException.class,
        () ->
            Scopes.permit(semaphore)
                .run(
                    held -> {
                      throw new IOException("body");
                    }));
    assertEquals(2, semaphore.availablePermits());
  }

  @Test
  void anInterruptWhileWaitingForAPermitTakesAndReleasesNothing() {
    Semaphore semaphore = new Semaphore(0);
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> Scopes.permit(semaphore).run(s -> {}));
    assertEquals(0, semaphore.availablePermits());
  }

  @Test
  void aCancelledAsyncBodyReleasesItsPermitExactlyOnce() {
    Semaphore semaphore = new Semaphore(1);
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> outcome = Scopes.permit(semaphore).use(held -> body);
    assertEquals(0, semaphore.availablePermits());
    assertTrue(outcome.cancel(true));
    assertTrue(outcome.isCancelled());
    assertFalse(outcome.cancel(true));
    assertEquals(1, semaphore.availablePermits());
  }

  @Test
  void aPermitArrivingAfterTheCancelIsReleasedExactlyOnce() {
    Semaphore semaphore = new Semaphore(0);
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      AsyncScope<Semaphore> permit = Scopes.permit(semaphore);
      // Enter on another thread, so the caller can cancel while the permit is awaited.
      AsyncScope<Semaphore> asyncPermit =
          new AsyncScope<>() {
            @Override
            public java.util.concurrent.CompletionStage<Semaphore> enter() {
              return CompletableFuture.supplyAsync(
                  () -> permit.enter().toCompletableFuture().join(), waiter);
            }

            @Override
            public java.util.concurrent.CompletionStage<Boolean> exit(
                Semaphore resource, Throwable failure) {
              return permit.exit(resource, failure);
            }
          };
      AtomicInteger bodies = new AtomicInteger();
      CompletableFuture<Object> outcome =
          asyncPermit.use(
              held -> {
                bodies.incrementAndGet();
                return CompletableFuture.completedFuture(null);
              });
      assertTrue(outcome.cancel(true));
      semaphore.release();
      assertThrows(java.util.concurrent.CancellationException.class, outcome::join);
      assertEquals(0, bodies.get());
      assertEquals(1, semaphore.availablePermits());
    } finally {
      waiter.shutdownNow();
    }
  }

  // --- closing ----------------------------------------------------------------------------------

  @Test
  void closingHandsTheResourceItselfAndClosesItOnce() throws Exception {
    Resource resource = new Resource("r", null);
    assertSame(resource, Scopes.closing(resource).call(r -> r));
    assertEquals(1, resource.closes.get());
  }

  @Test
  void aFailingCloseIsSuppressedOntoTheBodysFailureOrPropagates() {
    IOException closeFailure = new IOException("close");
    Resource resource = new Resource("r", closeFailure);
    IllegalStateException bodyFailure = new IllegalStateException("body");
    assertSame(
        bodyFailure,
        assertThrows(
            IllegalStateException.class,
            () ->
                Scopes.closing(resource)
                    .run(
                        r -> {
                          throw bodyFailure;
                        })));
    assertArrayEquals(new Throwable[] {closeFailure}, bodyFailure.getSuppressed());

    Resource other = new Resource("other", new IOException("only failure"));
    IOException thrown = assertThrows(IOException.class, () -> Scopes.closing(other).run(r -> {}));
    assertEquals("only failure", thrown.getMessage());
  }

  @Test
  void closingAsyncWaitsForTheCloseStage() {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    CompletableFuture<String> outcome =
        Scopes.closingAsync("channel", c -> closed).use(c -> CompletableFuture.completedFuture(c));
    assertFalse(outcome.isDone());
    closed.complete(null);
    assertEquals("channel", outcome.join());
  }

  @Test
  void closingAsyncHandlesCloseFailuresLikeClosing() {
    IOException closeFailure = new IOException("close");
    IllegalStateException bodyFailure = new IllegalStateException("body");
    CompletableFuture<Object> outcome =
        Scopes.closingAsync("channel", c -> CompletableFuture.supplyAsync(() -> {
              throw new CompletionException(closeFailure);
            }))
            .use(c -> CompletableFuture.failedFuture(bodyFailure));
    assertSame(bodyFailure, assertThrows(CompletionException.class, outcome::join).getCause());
    assertArrayEquals(new Throwable[] {closeFailure}, bodyFailure.getSuppressed());

    CompletableFuture<String> alone =
        Scopes.closingAsync("channel", c -> CompletableFuture.failedFuture(closeFailure))
            .use(CompletableFuture::completedFuture);
    assertSame(closeFailure, assertThrows(CompletionException.class, alone::join).getCause());
  }

  // --- suppress ---------------------------------------------------------------------------------

  @Test
  void suppressSuppressesInstancesOfTheGivenTypesAndTheirSubclasses() throws Exception {
    AsyncScope<Void> ignoringIo = Scopes.suppress(IllegalArgumentException.class, IOException.class);
    assertNull(ignoringIo.call(v -> {
      throw new FileNotFoundException("subclass of IOException");
    }));
    assertNull(ignoringIo.call(v -> {
      throw new NumberFormatException("subclass of IllegalArgumentException");
    }));
    assertEquals("fine", ignoringIo.call(v -> "fine"));
    IllegalStateException other = new IllegalStateException("not listed");
    assertSame(
        other,
        assertThrows(
            IllegalStateException.class,
            () ->
                ignoringIo.run(
                    v -> {
                      throw other;
                    })));
  }

  @Test
  void suppressWithNoTypesSuppressesNothing() {
    assertThrows(
        IOException.class,
        () ->
            Scopes.suppress()
                .run(
                    v -> {
                      throw new IOException("not suppressed");
                    }));
  }

  @Test
  void suppressWorksInAnExitStack() throws Exception {
    new ExitStack()
        .run(
            stack -> {
              stack.enter(Scopes.suppress(IOException.class));
              stack.callback(() -> log.add("cleanup"));
              throw new IOException("suppressed by the stack's oldest scope");
            });
    assertEquals(List.of("cleanup"), log);
  }

  // --- just -------------------------------------------------------------------------------------

  @Test
  void justHandsTheValueAndDoesNothingElse() throws Exception {
    assertEquals("value", Scopes.just("value").call(v -> v));
    assertNull(Scopes.just(null).call(v -> v));
    IOException failure = new IOException("body");
    assertSame(
        failure,
        assertThrows(
            IOException.class,
            () ->
                Scopes.just("value")
                    .run(
                        v -> {
                          throw failure;
                        })));
  }

  @Test
  void theStageOfJustCannotBeChanged() {
    CompletableFuture<String> entered = Scopes.just("value").enter().toCompletableFuture();
    assertFalse(entered.complete("other"));
    assertThrows(UnsupportedOperationException.class, () -> entered.obtrudeValue("other"));
    assertEquals("value", entered.join());
  }

  // --- all --------------------------------------------------------------------------------------

  @Test
  void allEntersInOrderAndExitsInReverse() throws Exception {
    List<AsyncScope<String>> scopes =
        List.of(new TestScope("a", log), new TestScope("b", log), new TestScope("c", log));
    List<String> resources = Scopes.all(scopes).call(entered -> entered);
    assertEquals(List.of("a", "b", "c"), resources);
    assertThrows(UnsupportedOperationException.class, () -> resources.add("d"));
    assertEquals(
        List.of("enter a", "enter b", "enter c", "exit c null", "exit b null", "exit a null"),
        log);
  }

  @Test
  void aFailedEnterExitsTheScopesAlreadyEnteredAndPropagatesUnchanged() {
    // Nothing can suppress or replace the enter failure: a's exit says "suppress", b's fails.
    IOException enterFailure = new IOException("c cannot enter");
    IllegalStateException cleanupFailure = new IllegalStateException("b fails to exit");
    TestScope a =
        new TestScope("a", log).exitWith((r, f) -> CompletableFuture.completedFuture(true));
    TestScope b =
        new TestScope("b", log)
            .exitWith((r, f) -> CompletableFuture.failedFuture(cleanupFailure));
    TestScope c =
        new TestScope("c", log).enterWith(() -> CompletableFuture.failedFuture(enterFailure));
    TestScope d = new TestScope("d", log);
    AtomicInteger bodies = new AtomicInteger();
    IOException thrown =
        assertThrows(
            IOException.class,
            () -> Scopes.all(List.of(a, b, c, d)).run(entered -> bodies.incrementAndGet()));
    assertSame(enterFailure, thrown);
    assertEquals(0, bodies.get());
    assertEquals(0, d.enters.get());
    assertEquals(
        List.of(
            "enter a",
            "enter b",
            "enter c",
            "exit b IOException:c cannot enter",
            "exit a IOException:c cannot enter"),
        log);
    assertArrayEquals(new Throwable[] {cleanupFailure}, enterFailure.getSuppressed());
  }

  @Test
  void allWaitsForAsynchronousEntersAndExits() {
    TestScope a =
        new TestScope("a", log)
            .enterWith(() -> CompletableFuture.supplyAsync(() -> "async a"))
            .exitWith((r, f) -> CompletableFuture.supplyAsync(() -> log.add("a exited") && false));
    TestScope b = new TestScope("b", log);
    List<String> resources =
        Scopes.all(List.of(a, b)).use(CompletableFuture::completedFuture).join();
    assertEquals(List.of("async a", "b"), resources);
    assertEquals(
        List.of("enter a", "enter b", "exit b null", "exit async a null", "a exited"), log);
  }

  @Test
  void allExitsLikeAnExitStackWhenOneSuppresses() throws Exception {
    TestScope a = new TestScope("a", log);
    TestScope suppressing =
        new TestScope("s", log).exitWith((r, f) -> CompletableFuture.completedFuture(true));
    assertNull(
        Scopes.all(List.of(a, suppressing))
            .call(
                entered -> {
                  throw new IOException("suppressed");
                }));
    assertEquals(
        List.of("enter a", "enter s", "exit s IOException:suppressed", "exit a null"), log);
  }

  @Test
  void allOfManyScopesEntersAndExitsWithoutOverflowingTheStack() throws Exception {
    List<AsyncScope<Integer>> scopes = new ArrayList<>();
    AtomicInteger open = new AtomicInteger();
    for (int i = 0; i < 100_000; i++) {
      int index = i;
      scopes.add(
          new AsyncScope<>() {
            @Override
            public java.util.concurrent.CompletionStage<Integer> enter() {
              open.incrementAndGet();
              return CompletableFuture.completedStage(index);
            }

            @Override
            public java.util.concurrent.CompletionStage<Boolean> exit(
                Integer resource, Throwable failure) {
              open.decrementAndGet();
              return CompletableFuture.completedStage(false);
            }
          });
    }
    assertEquals(100_000, (int) Scopes.all(scopes).call(List::size));
    assertEquals(0, open.get());
  }

  @Test
  void allOfNoScopesHandsAnEmptyList() throws Exception {
    assertEquals(List.of(), Scopes.<String>all(List.of()).call(entered -> entered));
  }

  @Test
  void factoriesRejectNull() {
    assertThrows(NullPointerException.class, () -> Scopes.lock(null));
    assertThrows(NullPointerException.class, () -> Scopes.permit((Semaphore) null));
    assertThrows(NullPointerException.class, () -> Scopes.permit((AsyncSemaphore) null));
    assertThrows(NullPointerException.class, () -> Scopes.closing(null));
    assertThrows(NullPointerException.class, () -> Scopes.closing((AutoCloseable) null));
    assertThrows(NullPointerException.class, () -> Scopes.closing("resource", null));
    assertThrows(NullPointerException.class, () -> Scopes.with(Scopes.just(1), null));
    assertThrows(NullPointerException.class, () -> Scopes.suppress((Class<IOException>) null));
    assertThrows(NullPointerException.class, () -> Scopes.all(Collections.singletonList(null)));
  }
}
