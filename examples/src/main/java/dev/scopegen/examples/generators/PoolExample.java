package dev.scopegen.examples.generators;

import dev.scopegen.examples.Narrator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The pooled-resource generator ({@link Pool#lease}): more workers than resources lease
 * concurrently, one lease fails, and one runs asynchronously with {@code use}; the statistics show
 * that the pool never handed out more than it has and got everything back.
 */
public final class PoolExample {

  /** The number of resources in the example's pool. */
  static final int SIZE = 2;

  /** The number of workers that lease concurrently. */
  static final int WORKERS = 6;

  private PoolExample() {}

  /**
   * Runs the example and tells what happened.
   *
   * @param n the narrator
   * @throws Exception if a worker fails unexpectedly
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("Generators: a bounded pool whose leases keep statistics");
    Pool<String> pool = new Pool<>(List.of("session-1", "session-2"));

    leaseConcurrently(pool, WORKERS);
    n.say(WORKERS + " workers shared " + SIZE + " sessions; peak active: " + pool.peak());

    try {
      PoolScopes.lease(pool)
          .run(
              session -> {
                throw new IllegalStateException(session + " broke");
              });
    } catch (IllegalStateException failure) {
      n.propagated(failure);
    }

    String result =
        PoolScopes.lease(pool)
            .use(session -> CompletableFuture.supplyAsync(() -> "async work on " + session))
            .get(10, TimeUnit.SECONDS);
    n.say(result);
    n.say(
        "leases: "
            + pool.leases()
            + ", failures: "
            + pool.failures()
            + ", active now: "
            + pool.active()
            + ", idle: "
            + pool.idle());
  }

  /**
   * Runs {@code workers} leases at once. The first leases hold their resources until the pool is
   * empty, so the pool reaches its peak and the other workers must wait for a resource to come
   * back.
   *
   * @param pool the pool
   * @param workers how many workers lease
   * @throws Exception if a lease fails
   */
  static void leaseConcurrently(Pool<String> pool, int workers) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(workers);
    try {
      CountDownLatch emptied = new CountDownLatch(pool.idle());
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        results.add(
            executor.submit(
                () ->
                    PoolScopes.lease(pool)
                        .call(
                            session -> {
                              emptied.countDown();
                              emptied.await(10, TimeUnit.SECONDS);
                              return session;
                            })));
      }
      for (Future<String> result : results) {
        result.get(10, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
