package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.BlockingGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Many blocking generators entered split at once, by several threads, in every shape: {@code use}
 * with a body that ends at once, fails or ends later on another thread, {@code ExitStack.enter},
 * and the raw {@code enter}/{@code exit}; methods that fail before their yield, in their cleanup,
 * or suppress the body's failure; callers that pause so that the pooled threads park. Every
 * outcome is checked, every setup is cleaned up once, and every method runs on a thread named for
 * it with no interrupt left over.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class GeneratorStressTest {

  private static final int CALLERS = 6;
  private static final int USES_PER_CALLER = 1_500;

  private final AtomicInteger yields = new AtomicInteger();
  private final AtomicInteger cleanups = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

  @Test
  void manySplitGeneratorsAtOnceKeepEveryOutcome() throws Exception {
    long seed = Long.getLong("scopegen.seed", System.nanoTime());
    System.out.println(
        "GeneratorStressTest seed "
            + seed
            + ": -Dscopegen.seed="
            + seed
            + " replays the same shapes (the thread schedule differs)");
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int caller = 0; caller < CALLERS; caller++) {
        Random random = new Random(seed + caller);
        done.add(
            callers.submit(
                () -> {
                  for (int use = 0; use < USES_PER_CALLER; use++) {
                    oneUse(random, later, seed);
                  }
                  return null;
                }));
      }
      for (Future<?> caller : done) {
        try {
          caller.get(50, TimeUnit.SECONDS);
        } catch (ExecutionException failure) {
          throw new AssertionError("seed " + seed, failure.getCause());
        }
      }
    } finally {
      callers.shutdownNow();
      later.shutdownNow();
    }
    assertEquals(List.of(), new ArrayList<>(violations), "seed " + seed);
    assertTrue(yields.get() > CALLERS * USES_PER_CALLER / 2, "too few yields, seed " + seed);
    assertEquals(yields.get(), cleanups.get(), "a setup was not cleaned up once, seed " + seed);
  }

  /** What a method does besides yielding. */
  private enum Method {
    NORMAL,
    FAILS_BEFORE_YIELD,
    FAILS_IN_CLEANUP,
    SUPPRESSES
  }

  private BlockingGenerator<String> generator(String name, Method kind, RuntimeException own) {
    return new BlockingGenerator<>(
        name,
        y -> {
          Thread self = Thread.currentThread();
          if (!self.getName().equals("@ScopedResource " + name)) {
            violations.add("method " + name + " ran on " + self.getName());
          }
          if (self.isInterrupted()) {
            violations.add("method " + name + " started with an interrupt");
          }
          if (kind == Method.FAILS_BEFORE_YIELD) {
            throw own;
          }
          yields.incrementAndGet();
          try {
            y.yield(name);
          } catch (RuntimeException bodyFailure) {
            if (kind == Method.FAILS_IN_CLEANUP) {
              throw own; // replaces the body's failure
            }
            if (kind != Method.SUPPRESSES) {
              throw bodyFailure;
            }
          } finally {
            cleanups.incrementAndGet();
            self.interrupt(); // left behind: the next method on this thread must not see it
          }
          if (kind == Method.FAILS_IN_CLEANUP) {
            throw own;
          }
        });
  }

  private void oneUse(Random random, ScheduledExecutorService later, long seed) throws Exception {
    String name = "stress-" + random.nextInt(3);
    Method kind = Method.values()[random.nextInt(Method.values().length)];
    RuntimeException own = new IllegalStateException("method " + kind);
    RuntimeException bodyFailure =
        random.nextInt(3) == 0 ? new IllegalArgumentException("body") : null;
    BlockingGenerator<String> scope = generator(name, kind, own);
    int shape = random.nextInt(4);
    if (random.nextInt(20) == 0) {
      Thread.sleep(random.nextInt(3)); // the pooled threads park meanwhile
    }
    Object outcome;
    try {
      if (shape == 3) {
        outcome = enterAndExit(scope, bodyFailure);
      } else if (shape == 2) {
        outcome =
            new ExitStack()
                .call(
                    stack -> {
                      String resource = stack.enter(scope);
                      if (bodyFailure != null) {
                        throw bodyFailure;
                      }
                      return resource;
                    });
      } else {
        boolean delayed = shape == 1;
        outcome =
            scope
                .use(
                    resource -> {
                      CompletableFuture<String> body = new CompletableFuture<>();
                      Runnable end =
                          () -> {
                            if (bodyFailure != null) {
                              body.completeExceptionally(bodyFailure);
                            } else {
                              body.complete(resource);
                            }
                          };
                      if (delayed) {
                        later.schedule(end, random.nextInt(200), TimeUnit.MICROSECONDS);
                      } else {
                        end.run();
                      }
                      return body;
                    })
                .get(20, TimeUnit.SECONDS);
      }
    } catch (ExecutionException wrapped) {
      outcome = wrapped.getCause();
    } catch (RuntimeException failure) {
      outcome = failure;
    }
    String shown = "seed " + seed + ", " + kind + ", shape " + shape + ", body " + bodyFailure;
    if (kind == Method.FAILS_BEFORE_YIELD) {
      assertSame(own, outcome, shown);
    } else if (bodyFailure == null) {
      if (kind == Method.FAILS_IN_CLEANUP) {
        assertSame(own, outcome, shown);
      } else {
        assertEquals(shape == 3 ? false : name, outcome, shown);
      }
    } else if (kind == Method.SUPPRESSES) {
      assertEquals(shape == 3 ? Boolean.TRUE : null, outcome, shown);
    } else if (kind == Method.FAILS_IN_CLEANUP) {
      assertSame(own, outcome, shown);
      assertSame(bodyFailure, own.getSuppressed()[0], shown);
    } else {
      assertSame(bodyFailure, outcome, shown);
    }
  }

  /** The raw protocol: returns whether exit suppressed, or the failure of entering or exiting. */
  private static Object enterAndExit(BlockingGenerator<String> scope, RuntimeException bodyFailure)
      throws Exception {
    String resource;
    try {
      resource = scope.enter().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException failure) {
      return failure.getCause();
    }
    try {
      Boolean suppressed =
          scope.exit(resource, bodyFailure).toCompletableFuture().get(20, TimeUnit.SECONDS);
      return bodyFailure == null || suppressed ? suppressed : bodyFailure;
    } catch (ExecutionException failure) {
      return failure.getCause();
    }
  }
}
