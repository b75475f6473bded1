package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scopegen.runtime.AsyncScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * 100,000 {@code use} calls of a hand-written resource scope, each cancelled from another thread at
 * a random moment: during enter, body, commit, rollback, exit or after. Every acquired resource
 * must be released exactly once, and every future must complete.
 */
class CancellationStressTest {

  private static final int USES = 100_000;
  private static final int BATCH = 2_000;

  /** One acquired resource; counts its releases. */
  private static final class Resource {
    final AtomicInteger releases = new AtomicInteger();
  }

  private final ConcurrentLinkedQueue<Resource> acquired = new ConcurrentLinkedQueue<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final ExecutorService canceller = Executors.newSingleThreadExecutor();

  /** A stage that is already complete, completes on a worker, or completes there a bit later. */
  private <T> CompletionStage<T> randomly(Supplier<T> value) {
    switch (ThreadLocalRandom.current().nextInt(3)) {
      case 0:
        return CompletableFuture.completedFuture(value.get());
      case 1:
        return CompletableFuture.supplyAsync(value, workers);
      default:
        return CompletableFuture.supplyAsync(
            () -> {
              spin(ThreadLocalRandom.current().nextInt(5_000));
              return value.get();
            },
            workers);
    }
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  /** Acquires a resource asynchronously; commits, rolls back and releases it asynchronously. */
  private final AsyncScope<Resource> scope =
      new AsyncScope<>() {
        @Override
        public CompletionStage<Resource> enter() {
          return randomly(
              () -> {
                Resource resource = new Resource();
                acquired.add(resource);
                return resource;
              });
        }

        @Override
        public CompletionStage<Boolean> exit(Resource resource, Throwable failure) {
          return new ExitSequence<Resource>(resource, failure) {
            @Override
            protected CompletionStage<?> commit(Resource resource) {
              return randomly(() -> null);
            }

            @Override
            protected CompletionStage<?> rollback(Resource resource, Throwable failure) {
              return randomly(() -> null);
            }

            @Override
            protected CompletionStage<Boolean> close(Resource resource, Throwable failure) {
              return randomly(
                  () -> {
                    resource.releases.incrementAndGet();
                    return false;
                  });
            }
          }.start();
        }
      };

  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  void everyAcquiredResourceIsReleasedExactlyOnce() throws Exception {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    bodyFailure.setStackTrace(new StackTraceElement[0]);
    int cancelled = 0;
    int completed = 0;
    long start = System.nanoTime();
    try {
      for (int done = 0; done < USES; done += BATCH) {
        List<CompletableFuture<String>> futures = new ArrayList<>(BATCH);
        List<CompletableFuture<Boolean>> requests = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
          boolean fails = ThreadLocalRandom.current().nextInt(5) == 0;
          CompletableFuture<String> future =
              scope.use(
                  resource ->
                      randomly(
                          () -> {
                            if (fails) {
                              throw bodyFailure;
                            }
                            return "value";
                          }));
          futures.add(future);
          long delay = ThreadLocalRandom.current().nextInt(20_000);
          requests.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    spin(delay);
                    return future.cancel(true);
                  },
                  canceller));
        }
        for (int i = 0; i < BATCH; i++) {
          CompletableFuture<String> future = futures.get(i);
          boolean taken = requests.get(i).get(30, TimeUnit.SECONDS);
          try {
            assertEquals("value", future.get(30, TimeUnit.SECONDS));
            assertTrue(!taken, "a taken cancel request must not let the body's value through");
            completed++;
          } catch (CancellationException e) {
            assertTrue(taken, "cancelled without a taken request");
            cancelled++;
          } catch (ExecutionException e) {
            assertSame(bodyFailure, e.getCause());
          }
        }
        for (Resource resource : acquired) {
          int releases = resource.releases.get();
          if (releases != 1) {
            fail("a resource was released " + releases + " times");
          }
        }
        acquired.clear();
      }
    } finally {
      workers.shutdownNow();
      canceller.shutdownNow();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(cancelled > USES / 100, "too few cancellations to prove anything: " + cancelled);
    assertTrue(completed > USES / 100, "too few completions to prove anything: " + completed);
    assertTrue(millis < 30_000, "took " + millis + " ms");
  }
}
