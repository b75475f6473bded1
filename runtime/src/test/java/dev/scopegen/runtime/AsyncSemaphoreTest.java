package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The rules of {@link AsyncSemaphore}, after asyncio's {@code test_locks}. */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class AsyncSemaphoreTest {

  private static CompletableFuture<Void> acquire(AsyncSemaphore semaphore) {
    return semaphore.acquire().toCompletableFuture();
  }

  @Test
  void aFreePermitIsGrantedAtOnceAndCounted() {
    AsyncSemaphore semaphore = new AsyncSemaphore(2);
    assertEquals(2, semaphore.availablePermits());
    assertTrue(acquire(semaphore).isDone());
    assertEquals(1, semaphore.availablePermits());
    assertTrue(acquire(semaphore).isDone());
    assertEquals(0, semaphore.availablePermits());
    CompletableFuture<Void> third = acquire(semaphore);
    assertFalse(third.isDone(), "no permit is left: the third waits");
    assertEquals("AsyncSemaphore[0 of 2 free, 1 waiting]", semaphore.toString());
    semaphore.release();
    assertTrue(third.isDone());
    semaphore.release();
    semaphore.release();
    assertEquals(2, semaphore.availablePermits());
  }

  @Test
  void waitersAreServedInTheOrderTheyArrived() {
    AsyncSemaphore semaphore = new AsyncSemaphore(1);
    acquire(semaphore);
    List<Integer> granted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int waiter = i;
      acquire(semaphore).thenRun(() -> granted.add(waiter));
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(i, granted.size());
      semaphore.release();
      assertEquals(i + 1, granted.size());
    }
    assertEquals(List.of(0, 1, 2, 3, 4), granted);
    semaphore.release();
    assertEquals(1, semaphore.availablePermits());
  }

  @Test
  void aPermitReleasedWhileSomeoneWaitsPassesStraightToTheWaiter() {
    AsyncSemaphore semaphore = new AsyncSemaphore(1);
    acquire(semaphore);
    CompletableFuture<Void> waiter = acquire(semaphore);
    semaphore.release();
    assertTrue(waiter.isDone());
    assertEquals(0, semaphore.availablePermits(), "the permit went to the waiter, not back");
    assertFalse(acquire(semaphore).isDone(), "a newcomer does not take it first");
  }

  @Test
  void aCancelledWaiterTakesNothingAndThePermitGoesToTheNext() {
    AsyncSemaphore semaphore = new AsyncSemaphore(1);
    acquire(semaphore);
    CompletableFuture<Void> cancelled = acquire(semaphore);
    CompletableFuture<Void> next = acquire(semaphore);
    assertTrue(cancelled.cancel(false));
    assertEquals(0, semaphore.availablePermits());
    semaphore.release();
    assertTrue(next.isDone() && !next.isCompletedExceptionally());
    assertTrue(cancelled.isCancelled());
    semaphore.release();
    assertEquals(1, semaphore.availablePermits());
  }

  @Test
  void aWaiterThatTimesOutLeavesLikeACancelledOne() {
    AsyncSemaphore semaphore = new AsyncSemaphore(1);
    acquire(semaphore);
    CompletableFuture<Void> impatient = acquire(semaphore).orTimeout(1, TimeUnit.MILLISECONDS);
    assertThrows(Exception.class, impatient::join);
    assertTrue(impatient.isCompletedExceptionally());
    semaphore.release();
    assertEquals(1, semaphore.availablePermits(), "the timed-out waiter took nothing");
    assertTrue(impatient.handle((ok, failure) -> failure instanceof TimeoutException).join());
  }

  @Test
  void aCancelThatLosesToTheGrantLeavesThePermitWithTheWaiter() {
    AsyncSemaphore semaphore = new AsyncSemaphore(1);
    acquire(semaphore);
    CompletableFuture<Void> waiter = acquire(semaphore);
    semaphore.release();
    assertFalse(waiter.cancel(false), "granted first: the cancel loses");
    assertEquals(0, semaphore.availablePermits());
    semaphore.release();
    assertEquals(1, semaphore.availablePermits());
  }

  @Test
  void releasingMoreThanWasTakenIsRefused() {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    IllegalStateException failure = assertThrows(IllegalStateException.class, lock::release);
    assertTrue(failure.getMessage().contains("all 1 permits are free"), failure.getMessage());
    assertEquals(1, lock.availablePermits());
    assertThrows(IllegalArgumentException.class, () -> new AsyncSemaphore(0));
  }

  @Test
  void waitersThatReleaseAtOnceAreHandedThePermitInALoopNotByRecursion() {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    acquire(lock);
    int waiters = 20_000;
    AtomicInteger granted = new AtomicInteger();
    for (int i = 0; i < waiters; i++) {
      acquire(lock)
          .thenRun(
              () -> {
                granted.incrementAndGet();
                lock.release(); // the next grant must not nest inside this one
              });
    }
    lock.release();
    assertEquals(waiters, granted.get());
    assertEquals(1, lock.availablePermits());
  }

  /**
   * Threads that acquire, cancel and release at random: every waiter either was granted (and
   * released) or was cancelled and took nothing, and at the end every permit is free. Replay one
   * case with {@code -Dasyncsemaphore.seed=<seed>}.
   */
  @Test
  void aSeededCancelStormLeavesThePermitCountExact() throws Exception {
    long seed = Long.getLong("asyncsemaphore.seed", System.nanoTime());
    System.out.println("aSeededCancelStormLeavesThePermitCountExact seed=" + seed);
    int permits = 3;
    AsyncSemaphore semaphore = new AsyncSemaphore(permits);
    int threads = 4;
    int rounds = 2_000;
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger mostHolders = new AtomicInteger();
    AtomicInteger grants = new AtomicInteger();
    AtomicInteger withdrawals = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(seed + t);
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    CompletableFuture<Void> waiter = acquire(semaphore);
                    boolean cancel = random.nextInt(3) == 0;
                    if (cancel && waiter.cancel(false)) {
                      withdrawals.incrementAndGet();
                      continue;
                    }
                    // Granted now or later (possibly after a lost cancel): hold, then release.
                    waiter.get(10, TimeUnit.SECONDS);
                    int now = holders.incrementAndGet();
                    mostHolders.accumulateAndGet(now, Math::max);
                    grants.incrementAndGet();
                    if (random.nextBoolean()) {
                      Thread.yield();
                    }
                    holders.decrementAndGet();
                    semaphore.release();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(15, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    String replay = " (seed " + seed + ")";
    assertEquals(threads * rounds, grants.get() + withdrawals.get(), "every waiter accounted" + replay);
    assertTrue(mostHolders.get() <= permits, "never more holders than permits" + replay);
    assertEquals(permits, semaphore.availablePermits(), "every permit is free again" + replay);
    assertEquals("AsyncSemaphore[3 of 3 free]", semaphore.toString(), replay);
  }

  @Test
  void theStageOfAFreePermitIsShared() {
    AsyncSemaphore semaphore = new AsyncSemaphore(2);
    CompletionStage<Void> first = semaphore.acquire();
    assertTrue(first == semaphore.acquire(), "no allocation when a permit is free");
  }
}
