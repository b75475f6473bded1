package dev.scopegen.examples.toolbox;

import dev.scopegen.examples.Narrator;
import dev.scopegen.runtime.AsyncSemaphore;
import dev.scopegen.runtime.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two workers on one thread, taking turns with a counter under an {@link AsyncSemaphore} of one
 * permit: the Java form of Python's
 *
 * <pre>
 * async def worker(name, lock):
 *     global counter
 *     for _ in range(3):
 *         async with lock:
 *             counter += 1
 *             print(f"{name} has the lock, counter = {counter}")
 *             await asyncio.sleep(0.02)
 *
 * lock = asyncio.Lock()
 * await asyncio.gather(worker("A", lock), worker("B", lock))
 * </pre>
 *
 * Everything runs on a single-thread executor, asyncio's model: a worker waiting for the lock
 * suspends, so the thread runs the other one. (A blocking lock would deadlock here: the waiting
 * worker would hold the only thread that the holder needs to finish.) As in Python, the workers
 * alternate: a released lock passes straight to the worker already waiting, and the one that
 * released it queues behind.
 *
 * <p>The second part holds the lock and a deadline in one statement, {@code async with lock,
 * asyncio.timeout(0.05):}, with {@link Scopes#with}.
 */
public final class LockWorkersExample {

  /** How long each worker holds the lock: Python's {@code asyncio.sleep(0.02)}. */
  static final Duration HOLD = Duration.ofMillis(20);

  private LockWorkersExample() {}

  /**
   * Runs the example and tells what happened.
   *
   * @param n the narrator
   * @throws Exception if the workers do not finish
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("AsyncSemaphore: two workers taking turns on one thread");
    Outcome outcome = work(3, HOLD);
    for (String line : outcome.lines) {
      n.say(line);
    }
    n.say(
        "counter = "
            + outcome.counter
            + ", on "
            + outcome.threads.size()
            + " thread; the lock is free afterwards: "
            + (outcome.freeAfterwards == 1));
    n.say("with a deadline in the same statement: " + holdPastDeadline(Duration.ofMillis(50)));
  }

  /** What the workers did. */
  static final class Outcome {
    final List<String> lines;
    final int counter;
    final List<String> threads;
    final int freeAfterwards;

    Outcome(List<String> lines, int counter, List<String> threads, int freeAfterwards) {
      this.lines = lines;
      this.counter = counter;
      this.threads = threads;
      this.freeAfterwards = freeAfterwards;
    }
  }

  /**
   * Runs workers A and B, each taking the lock {@code rounds} times and holding it for {@code
   * hold}, on one thread.
   *
   * @param rounds how many times each worker takes the lock
   * @param hold how long it keeps it
   * @return what they printed, the counter, the threads they ran on, the free permits afterwards
   * @throws Exception if they do not finish within ten seconds
   */
  // The supplier's value is the workers' future, composed on the next line, not dropped.
  @SuppressWarnings("FutureReturnValueIgnored")
  static Outcome work(int rounds, Duration hold) throws Exception {
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try {
      AsyncSemaphore lock = new AsyncSemaphore(1);
      Workers workers = new Workers(lock, loop, hold);
      CompletableFuture<Void> both =
          CompletableFuture.supplyAsync(
                  () ->
                      CompletableFuture.allOf(
                          workers.worker("A", rounds).toCompletableFuture(),
                          workers.worker("B", rounds).toCompletableFuture()),
                  loop)
              .thenCompose(started -> started);
      both.get(10, TimeUnit.SECONDS);
      return new Outcome(
          List.copyOf(workers.lines),
          workers.counter,
          List.copyOf(workers.threads),
          lock.availablePermits());
    } finally {
      loop.shutdownNow();
    }
  }

  /** The shared state of the workers; touched only on the loop's thread, under the lock. */
  private static final class Workers {
    private final AsyncSemaphore lock;
    private final ExecutorService loop;
    private final Duration hold;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    private int counter;

    Workers(AsyncSemaphore lock, ExecutorService loop, Duration hold) {
      this.lock = lock;
      this.loop = loop;
      this.hold = hold;
    }

    /** {@code for _ in range(rounds): async with lock: ...}, one round after the other. */
    CompletionStage<Void> worker(String name, int rounds) {
      if (rounds == 0) {
        return CompletableFuture.completedFuture(null);
      }
      return Scopes.permit(lock)
          .use(
              held -> {
                counter++;
                lines.add(name + " has the lock, counter = " + counter);
                String thread = Thread.currentThread().getName();
                if (!threads.contains(thread)) {
                  threads.add(thread);
                }
                return sleep(hold);
              })
          .thenCompose(slept -> worker(name, rounds - 1));
    }

    /** {@code await asyncio.sleep(hold)}: resumes on the loop's thread. */
    private CompletionStage<Void> sleep(Duration duration) {
      return CompletableFuture.runAsync(
          () -> {},
          CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS, loop));
    }
  }

  /**
   * Holds a lock and a deadline in one statement, {@code async with lock, asyncio.timeout(t):},
   * with a body that takes longer than the deadline.
   *
   * @param deadline the deadline
   * @return what happened: the timeout, and whether the lock is free again
   * @throws InterruptedException if interrupted while waiting for the statement
   */
  static String holdPastDeadline(Duration deadline) throws InterruptedException {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    CompletableFuture<String> statement =
        Scopes.with(Scopes.permit(lock), Scopes.timeout(deadline))
            .use(
                (held, timeout) ->
                    CompletableFuture.supplyAsync(
                        () -> "too late",
                        CompletableFuture.delayedExecutor(
                            deadline.toMillis() * 10, TimeUnit.MILLISECONDS)));
    try {
      return statement.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException failure) {
      return Narrator.describe(failure.getCause())
          + ", lock free again: "
          + (lock.availablePermits() == 1);
    } catch (TimeoutException stuck) {
      return "still running after ten seconds";
    }
  }
}
