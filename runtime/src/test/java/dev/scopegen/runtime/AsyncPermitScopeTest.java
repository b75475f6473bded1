package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** {@link Scopes#permit(AsyncSemaphore)}: {@code async with lock} that never blocks a thread. */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class AsyncPermitScopeTest {

  /** How many cancels {@link #cancelsRacingGrantsNeverLoseAPermit} lands before any body ends. */
  private static final int EARLY_CANCELS = 10;

  /**
   * A thousand {@code use} calls on one thread, contending for one permit, their bodies suspending
   * on that same thread: none deadlocks, never two in the lock, served in the order they came.
   */
  @Test
  void aThousandUsesOnOneThreadShareTheLockInOrder() throws Exception {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    TypedScope<AsyncSemaphore, InterruptedException> locked = Scopes.permit(lock);
    ExecutorService loop = Executors.newSingleThreadExecutor();
    int workers = 1_000;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
    try {
      for (int i = 0; i < workers; i++) {
        int worker = i;
        loop.execute(
            () ->
                outcomes.add(
                    locked.use(
                        held -> {
                          if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                          }
                          order.add(worker);
                          // Suspend: the rest of the body runs later, on the same single thread.
                          return CompletableFuture.supplyAsync(
                              () -> {
                                inside.decrementAndGet();
                                return worker;
                              },
                              loop);
                        })));
      }
      // Collected on the loop's thread, after every use has been started there.
      CompletableFuture<Void> all =
          CompletableFuture.supplyAsync(
                  () -> CompletableFuture.allOf(outcomes.toArray(new CompletableFuture<?>[0])), loop)
              .thenCompose(started -> started);
      all.get(15, TimeUnit.SECONDS);
    } finally {
      loop.shutdownNow();
    }
    assertEquals(0, overlaps.get(), "mutual exclusion");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      expected.add(i);
      assertEquals(i, (int) outcomes.get(i).join());
    }
    assertEquals(expected, order, "FIFO");
    assertEquals(1, lock.availablePermits());
  }

  @Test
  void useHandsTheSemaphoreAndReleasesAfterSuccessOrFailure() {
    AsyncSemaphore semaphore = new AsyncSemaphore(2);
    assertEquals(1, (int) Scopes.permit(semaphore).use(held -> CompletableFuture.completedFuture(held.availablePermits())).join());
    assertEquals(2, semaphore.availablePermits());
    IllegalStateException failure = new IllegalStateException("body");
    CompletableFuture<Object> failed =
        Scopes.permit(semaphore).use(held -> CompletableFuture.failedFuture(failure));
    assertSame(failure, assertThrows(CompletionException.class, failed::join).getCause());
    assertEquals(2, semaphore.availablePermits());
  }

  @Test
  void aCancelWhileWaitingTakesNothingAndReleasesNothing() {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    CompletableFuture<String> holder = new CompletableFuture<>();
    CompletableFuture<String> first = Scopes.permit(lock).use(held -> holder);
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<String> waiting =
        Scopes.permit(lock)
            .use(
                held -> {
                  bodies.incrementAndGet();
                  return CompletableFuture.completedFuture("second");
                });
    CompletableFuture<String> third = Scopes.permit(lock).use(held -> CompletableFuture.completedFuture("third"));
    assertTrue(waiting.cancel(true));
    assertTrue(waiting.isCancelled(), "completes at once: there is nothing to clean up");
    holder.complete("first");
    assertEquals("first", first.join());
    assertEquals("third", third.join(), "the permit passed over the cancelled waiter");
    assertEquals(0, bodies.get());
    assertEquals(1, lock.availablePermits(), "nothing was released twice or kept");
  }

  @Test
  void aCancelAfterTheGrantCancelsTheBodyAndReleasesOnce() {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    CompletableFuture<String> holder = new CompletableFuture<>();
    CompletableFuture<String> first = Scopes.permit(lock).use(held -> holder);
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> second = Scopes.permit(lock).use(held -> body);
    holder.complete("first");
    first.join();
    assertEquals(0, lock.availablePermits(), "the second holds the permit");
    assertTrue(second.cancel(true));
    assertTrue(body.isCancelled(), "the body's stage is cancelled");
    assertThrows(CancellationException.class, second::join);
    assertFalse(second.cancel(true), "nothing left to cancel");
    assertEquals(1, lock.availablePermits());
  }

  /**
   * Cancels land at random moments, before or racing the grant, from another thread; every use
   * ends, and every permit is back. Replay with {@code -Dasyncpermit.seed=<seed>}.
   *
   * <p>No body can finish before the first {@value #EARLY_CANCELS} cancels have landed (the loop
   * that completes the bodies is held until then), so some uses are always cancelled while they
   * wait, however the threads are scheduled; the later cancels race the grants.
   */
  @Test
  void cancelsRacingGrantsNeverLoseAPermit() throws Exception {
    long seed = Long.getLong("asyncpermit.seed", System.nanoTime());
    System.out.println("cancelsRacingGrantsNeverLoseAPermit seed=" + seed);
    Random random = new Random(seed);
    AsyncSemaphore semaphore = new AsyncSemaphore(2);
    ExecutorService loop = Executors.newSingleThreadExecutor();
    ExecutorService canceller = Executors.newSingleThreadExecutor();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger tooMany = new AtomicInteger();
    // Counts the holders; its exit runs before the permit's, whether the body ended or was cancelled.
    AsyncScope<Integer> counted =
        new AsyncScope<>() {
          @Override
          public CompletionStage<Integer> enter() {
            int now = inside.incrementAndGet();
            if (now > 2) {
              tooMany.incrementAndGet();
            }
            return CompletableFuture.completedFuture(now);
          }

          @Override
          public CompletionStage<Boolean> exit(Integer resource, Throwable failure) {
            inside.decrementAndGet();
            return CompletableFuture.completedFuture(false);
          }
        };
    List<CompletableFuture<?>> outcomes = new ArrayList<>();
    CountDownLatch earlyCancelsLanded = new CountDownLatch(1);
    try {
      loop.execute(() -> awaitQuietly(earlyCancelsLanded));
      int cancels = 0;
      for (int i = 0; i < 500; i++) {
        CompletableFuture<Integer> outcome =
            Scopes.permit(semaphore)
                .use(held -> counted.use(now -> CompletableFuture.supplyAsync(() -> now, loop)));
        outcomes.add(outcome);
        if (random.nextInt(3) == 0) {
          boolean last = ++cancels == EARLY_CANCELS;
          canceller.execute(
              () -> {
                outcome.cancel(true);
                if (last) {
                  earlyCancelsLanded.countDown();
                }
              });
        }
      }
      canceller.execute(earlyCancelsLanded::countDown);
      for (CompletableFuture<?> outcome : outcomes) {
        outcome.handle((ok, failure) -> null).get(10, TimeUnit.SECONDS);
      }
    } finally {
      loop.shutdownNow();
      canceller.shutdownNow();
    }
    long cancelled = outcomes.stream().filter(CompletableFuture::isCancelled).count();
    long completed = outcomes.stream().filter(o -> !o.isCompletedExceptionally()).count();
    assertTrue(cancelled > 0 && completed > 0, "both kinds happened: seed " + seed);
    assertEquals(0, tooMany.get(), "seed " + seed);
    assertEquals(2, semaphore.availablePermits(), "seed " + seed);
  }

  @Test
  void callAndRunWaitOnTheCallingThreadAndRelease() throws InterruptedException {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    assertEquals(0, (int) Scopes.permit(lock).call(AsyncSemaphore::availablePermits));
    Scopes.permit(lock).run(held -> assertEquals(0, held.availablePermits()));
    assertEquals(1, lock.availablePermits());
    CompletableFuture<String> holder = new CompletableFuture<>();
    CompletableFuture<String> first = Scopes.permit(lock).use(held -> holder);
    ExecutorService releaser = Executors.newSingleThreadExecutor();
    try {
      releaser.execute(
          () -> {
            sleep(50);
            holder.complete("first");
          });
      assertEquals("second", Scopes.permit(lock).call(held -> "second"));
    } finally {
      releaser.shutdownNow();
    }
    assertEquals("first", first.join());
    assertEquals(1, lock.availablePermits());
  }

  @Test
  void anInterruptWhileWaitingInCallTakesNothingAndReleasesNothing() throws Exception {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    CompletableFuture<String> holder = new CompletableFuture<>();
    CompletableFuture<String> first = Scopes.permit(lock).use(held -> holder);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicInteger bodies = new AtomicInteger();
    Thread caller =
        new Thread(
            () -> {
              try {
                Scopes.permit(lock).run(held -> bodies.incrementAndGet());
              } catch (Throwable failure) {
                thrown.set(failure);
              }
            });
    caller.start();
    while (lock.toString().indexOf("waiting") < 0) {
      Thread.onSpinWait();
    }
    caller.interrupt();
    caller.join(5_000);
    assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    CompletableFuture<String> next = Scopes.permit(lock).use(held -> CompletableFuture.completedFuture("next"));
    holder.complete("first");
    assertEquals("first", first.join());
    assertEquals("next", next.join(), "the interrupted waiter left the queue");
    assertEquals(0, bodies.get());
    assertEquals(1, lock.availablePermits());
  }

  @Test
  void anExitStackEntersAndReleasesThePermit() throws Exception {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    new ExitStack()
        .run(
            stack -> {
              assertSame(lock, stack.enter(Scopes.permit(lock)));
              assertEquals(0, lock.availablePermits());
            });
    assertEquals(1, lock.availablePermits());
    CompletableFuture<String> holder = new CompletableFuture<>();
    Scopes.permit(lock).use(held -> holder);
    ExitStack stack = new ExitStack();
    CompletableFuture<AsyncSemaphore> entering =
        stack.enterAsync(Scopes.permit(lock)).toCompletableFuture();
    assertFalse(entering.isDone(), "suspended, not blocked");
    holder.complete("done");
    assertSame(lock, entering.join());
    stack.closeAsync().toCompletableFuture().join();
    assertEquals(1, lock.availablePermits());
  }

  @Test
  void cancellingTheStageOfEnterWithdrawsTheWaiter() {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    TypedScope<AsyncSemaphore, InterruptedException> scope = Scopes.permit(lock);
    AsyncSemaphore held = scope.enter().toCompletableFuture().join();
    CompletableFuture<AsyncSemaphore> waiter = scope.enter().toCompletableFuture();
    assertTrue(waiter.cancel(false));
    scope.exit(held, null).toCompletableFuture().join();
    assertEquals(1, lock.availablePermits());
    assertEquals("Scopes.permit(AsyncSemaphore[1 of 1 free])", scope.toString());
  }

  /** Waits for {@code latch}, at most 10 s, keeping an interrupt (the executor's shutdown). */
  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
