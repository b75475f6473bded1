package dev.scopegen.examples.toolbox;

import dev.scopegen.examples.Narrator;
import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Concurrent workers sharing a counter under {@link Scopes#lock}, the Java form of Python's
 *
 * <pre>
 * async with lock:
 *     counter += 1
 * </pre>
 *
 * No increment is lost, and a worker that fails while holding the lock still releases it.
 */
public final class LockExample {

  /** The number of concurrent workers. */
  static final int WORKERS = 4;

  /** The increments each worker makes. */
  static final int INCREMENTS = 10_000;

  private LockExample() {}

  /** A counter that is not thread-safe by itself: the lock protects it. */
  static final class Counter {
    private int value;

    void increment() {
      value++;
    }

    int value() {
      return value;
    }
  }

  /**
   * Runs the example and tells what happened.
   *
   * @param n the narrator
   * @throws Exception if a worker fails unexpectedly
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("Scopes.lock: workers sharing a counter");
    ReentrantLock lock = new ReentrantLock();
    Counter counter = new Counter();
    count(lock, counter, WORKERS, INCREMENTS);
    n.say(
        WORKERS
            + " workers x "
            + INCREMENTS
            + " increments under the lock: "
            + counter.value()
            + " (expected "
            + WORKERS * INCREMENTS
            + ")");

    try {
      Scopes.lock(lock)
          .run(
              held -> {
                counter.increment();
                throw new IllegalStateException("worker failed while holding the lock");
              });
    } catch (IllegalStateException failure) {
      n.propagated(failure);
    }
    n.say("lock still held afterwards: " + lock.isLocked() + "; counter: " + counter.value());
  }

  /**
   * Starts {@code workers} threads at once, each incrementing {@code counter} {@code increments}
   * times, each increment under the lock, and waits for them.
   *
   * @param lock the lock
   * @param counter the shared counter
   * @param workers how many workers
   * @param increments how many increments each
   * @throws Exception if a worker fails
   */
  static void count(ReentrantLock lock, Counter counter, int workers, int increments)
      throws Exception {
    AsyncScope<ReentrantLock> locked = Scopes.lock(lock);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        results.add(
            executor.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < increments; i++) {
                    locked.run(held -> counter.increment());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
