package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Deadline;
import dev.scopegen.runtime.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Races between cleanup and cancellation, in every scope that holds something: many {@code use}
 * calls, each cancelled from another thread at a random moment (during enter, the body, commit,
 * rollback, exit, or after), and blocking timeouts that interrupt at a random moment. Every
 * acquired resource must be released exactly once, every future must complete, every generator
 * method must run its cleanup once and end, and a semaphore must hold exactly its permits again.
 *
 * <p>Each use follows a {@link Plan} drawn up front from the run's seed, the family and the use's
 * index: which stages complete at once, on a worker or on a worker a bit later, whether the body
 * fails, when the cancel arrives, how long the timeout is. The threads' interleaving is not
 * reproducible, the plans are: the seed is printed, and a failure names its case and says how to
 * run that one plan again many times ({@value #SEED_PROPERTY} and {@value #CASE_PROPERTY}).
 */
@Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
class CancellationStressTest {

  static final String SEED_PROPERTY = "scopegen.stress.seed";
  static final String CASE_PROPERTY = "scopegen.stress.case";

  private static final long SEED = Long.getLong(SEED_PROPERTY, System.nanoTime());
  private static final int BATCH = 2_000;

  /** How often one plan runs when {@value #CASE_PROPERTY} replays it. */
  private static final int REPLAYS = 2_000;

  private static final int PERMITS = 3;

  /** The families of scopes under stress, with the number of uses each gets per run. */
  enum Family {
    CLASS_SCOPE(100_000),
    ASYNC_GENERATOR(10_000),
    BLOCKING_GENERATOR_SPLIT(1_500),
    PERMIT(10_000),
    TIMEOUT(10_000),
    BLOCKING_TIMEOUT_PERMIT(10_000);

    final int uses;

    Family(int uses) {
      this.uses = uses;
    }
  }

  /**
   * How many uses of each outcome a family must see for its run to prove something. The counts
   * swing with the machine's load (a loaded JDK 25 run saw 5 cancels in 1,500 split generators,
   * an idle one hundreds), so the floor only asks that every outcome was reached; each run prints
   * its counts.
   */
  private static final int PROOF = 1;

  // The steps of a use, each with its own random completion.
  private static final int ENTER = 0;
  private static final int BODY = 1;
  private static final int COMMIT = 2;
  private static final int ROLLBACK = 3;
  private static final int CLOSE = 4;
  private static final int STEPS = 5;

  /** Every random choice of one use, drawn up front from the seed, the family and the index. */
  static final class Plan {
    final Family family;
    final int index;

    /** Per step: 0 complete at once, 1 complete on a worker, 2 on a worker after a spin. */
    final int[] modes = new int[STEPS];

    final long[] spins = new long[STEPS];
    final boolean bodyFails;
    final long cancelDelay;
    final long timeoutNanos;

    Plan(Family family, int index) {
      this.family = family;
      this.index = index;
      SplittableRandom random =
          new SplittableRandom(
              SEED ^ ((long) family.ordinal() << 48) ^ (index * 0x9E3779B97F4A7C15L));
      for (int step = 0; step < STEPS; step++) {
        modes[step] = random.nextInt(3);
        spins[step] = random.nextInt(5_000);
      }
      bodyFails = random.nextInt(5) == 0;
      cancelDelay = random.nextInt(20_000);
      // Half the deadlines never fire in practice, so that cancellations keep their share however
      // slow the machine is; the other half race with the body, the cancel and the exit.
      timeoutNanos = random.nextBoolean() ? TimeUnit.SECONDS.toNanos(60) : random.nextInt(60_000);
    }

    @Override
    public String toString() {
      return family + ":" + index;
    }
  }

  /** One acquired resource; counts its releases and, for generators, their cleanup. */
  static final class Resource {
    final Plan plan;
    final AtomicInteger releases = new AtomicInteger();

    Resource(Plan plan) {
      this.plan = plan;
    }
  }

  /** Starts one use of a family's scope following a plan. */
  @FunctionalInterface
  interface Use {
    CompletableFuture<String> start(Plan plan);
  }

  /** How the uses of a run ended. */
  static final class Tally {
    int completed;
    int cancelled;
    int failed;
    int timedOut;

    @Override
    public String toString() {
      return completed
          + " completed, "
          + cancelled
          + " cancelled, "
          + failed
          + " failed, "
          + timedOut
          + " timed out";
    }
  }

  private final IllegalStateException bodyFailure = quiet(new IllegalStateException("body"));
  private final ConcurrentLinkedQueue<Resource> acquired = new ConcurrentLinkedQueue<>();
  private final AtomicInteger methodsStarted = new AtomicInteger();
  private final AtomicInteger methodsEnded = new AtomicInteger();
  private final Semaphore semaphore = new Semaphore(PERMITS);
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final ExecutorService canceller = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutors() throws InterruptedException {
    workers.shutdownNow();
    canceller.shutdownNow();
    assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
    assertTrue(canceller.awaitTermination(10, TimeUnit.SECONDS));
  }

  // --- the families -----------------------------------------------------------------------------

  @Test
  void classScope() throws Exception {
    Tally tally = stress(Family.CLASS_SCOPE, plan -> resourceScope(plan).use(r -> body(plan)));
    assertProves(Family.CLASS_SCOPE, tally);
  }

  @Test
  void asyncGenerator() throws Exception {
    Tally tally =
        stress(
            Family.ASYNC_GENERATOR,
            plan ->
                new AsyncGenerator<Resource>(
                        "stressed",
                        y -> {
                          methodsStarted.incrementAndGet();
                          return randomly(plan, ENTER, () -> acquire(plan))
                              .thenCompose(
                                  resource ->
                                      y.yield(resource)
                                          .handle((ok, failure) -> failure)
                                          .thenCompose(
                                              failure ->
                                                  randomly(
                                                      plan,
                                                      CLOSE,
                                                      () -> {
                                                        resource.releases.incrementAndGet();
                                                        return failure;
                                                      })))
                              .thenCompose(
                                  failure -> {
                                    methodsEnded.incrementAndGet();
                                    return failure == null
                                        ? Stages.done()
                                        : Stages.<Void>failed(failure);
                                  });
                        })
                    .use(r -> body(plan)));
    assertProves(Family.ASYNC_GENERATOR, tally);
  }

  @Test
  void blockingGeneratorEnteredSplit() throws Exception {
    Tally tally =
        stress(
            Family.BLOCKING_GENERATOR_SPLIT,
            plan ->
                new BlockingGenerator<Resource>(
                        "stressed",
                        y -> {
                          methodsStarted.incrementAndGet();
                          spin(plan.spins[ENTER]);
                          Resource resource = acquire(plan);
                          try {
                            y.yield(resource);
                          } finally {
                            spin(plan.spins[CLOSE]);
                            resource.releases.incrementAndGet();
                            methodsEnded.incrementAndGet();
                          }
                        })
                    .use(r -> body(plan)));
    assertProves(Family.BLOCKING_GENERATOR_SPLIT, tally);
  }

  @Test
  void permitAroundAResource() throws Exception {
    Tally tally =
        stress(
            Family.PERMIT,
            plan ->
                Scopes.permit(semaphore)
                    .use(permit -> resourceScope(plan).use(resource -> body(plan))));
    assertProves(Family.PERMIT, tally);
  }

  @Test
  void timeoutAroundAResource() throws Exception {
    List<Deadline> deadlines = new ArrayList<>();
    Tally tally =
        stress(
            Family.TIMEOUT,
            plan ->
                Scopes.timeout(Duration.ofNanos(plan.timeoutNanos))
                    .use(
                        deadline -> {
                          synchronized (deadlines) {
                            deadlines.add(deadline);
                          }
                          return resourceScope(plan).use(resource -> body(plan));
                        }));
    for (Deadline deadline : deadlines) {
      assertThrowsIllegalState(deadline, "a deadline that outlived its scope");
    }
    assertProves(Family.TIMEOUT, tally);
    assertTrue(replaying() || tally.timedOut >= PROOF, "too few timeouts: " + tally);
  }

  /**
   * Blocking {@code call}s on two threads: a timeout around a one-permit semaphore around a
   * resource, so that the deadline's interrupt lands while waiting for the permit, in the body, or
   * as the scopes exit.
   */
  @Test
  void blockingTimeoutAroundAPermit() throws Exception {
    Semaphore one = new Semaphore(1);
    Family family = Family.BLOCKING_TIMEOUT_PERMIT;
    List<Integer> indexes = indexes(family);
    int half = indexes.size() / 2;
    AtomicInteger timedOut = new AtomicInteger();
    AtomicInteger waitingTimedOut = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> threads = new ArrayList<>();
    for (List<Integer> share :
        List.of(indexes.subList(0, half), indexes.subList(half, indexes.size()))) {
      threads.add(
          CompletableFuture.runAsync(
              () -> {
                for (int index : share) {
                  Plan plan = new Plan(family, index);
                  AtomicReference<Resource> held = new AtomicReference<>();
                  try {
                    String result =
                        Scopes.timeout(Duration.ofNanos(plan.timeoutNanos))
                            .call(
                                deadline ->
                                    Scopes.permit(one)
                                        .call(
                                            permit -> {
                                              Resource resource = acquire(plan);
                                              held.set(resource);
                                              try {
                                                return blockingBody(plan);
                                              } finally {
                                                resource.releases.incrementAndGet();
                                              }
                                            }));
                    if (!"value".equals(result)) {
                      violations.add(plan + ": returned " + result + replay(plan));
                    }
                    completed.incrementAndGet();
                  } catch (TimeoutException expected) {
                    timedOut.incrementAndGet();
                    if (held.get() == null) {
                      waitingTimedOut.incrementAndGet();
                    }
                  } catch (Throwable failure) {
                    if (failure != bodyFailure || !plan.bodyFails) {
                      violations.add(plan + ": failed with " + failure + replay(plan));
                    }
                  }
                  if (Thread.interrupted()) {
                    violations.add(plan + ": an interrupt was left behind" + replay(plan));
                  }
                  int available = one.availablePermits();
                  if (available > 1) {
                    violations.add(plan + ": " + available + " permits of 1" + replay(plan));
                  }
                }
              },
              workers));
    }
    for (CompletableFuture<Void> thread : threads) {
      thread.get(60, TimeUnit.SECONDS);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(violations.isEmpty(), violations::peek);
    assertEquals(1, one.availablePermits(), "the permit is back, exactly once" + replay(null));
    checkReleases();
    System.out.printf(
        "%s: %d calls in %d ms, %d completed, %d timed out (%d while waiting for the permit)%n",
        family, indexes.size(), millis, completed.get(), timedOut.get(), waitingTimedOut.get());
    if (replaying()) {
      return;
    }
    assertTrue(timedOut.get() >= PROOF, "too few timeouts: " + timedOut);
    assertTrue(completed.get() >= PROOF, "too few completions: " + completed);
  }

  // --- the driver -------------------------------------------------------------------------------

  /**
   * Starts every use of {@code family}, cancels each at its plan's moment, checks every outcome.
   */
  private Tally stress(Family family, Use use) throws Exception {
    List<Integer> indexes = indexes(family);
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (int from = 0; from < indexes.size(); from += BATCH) {
      List<Integer> batch = indexes.subList(from, Math.min(indexes.size(), from + BATCH));
      List<Plan> plans = new ArrayList<>(batch.size());
      List<CompletableFuture<String>> futures = new ArrayList<>(batch.size());
      List<CompletableFuture<Boolean>> requests = new ArrayList<>(batch.size());
      for (int index : batch) {
        Plan plan = new Plan(family, index);
        CompletableFuture<String> future = use.start(plan);
        plans.add(plan);
        futures.add(future);
        requests.add(
            CompletableFuture.supplyAsync(
                () -> {
                  spin(plan.cancelDelay);
                  return future.cancel(true);
                },
                canceller));
      }
      for (int i = 0; i < futures.size(); i++) {
        check(plans.get(i), futures.get(i), requests.get(i), tally);
      }
      checkReleases();
      assertEquals(
          methodsStarted.get(),
          methodsEnded.get(),
          "a generator method never ended" + replay(null));
      assertEquals(
          PERMITS, semaphore.availablePermits(), "permits lost or released twice" + replay(null));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("%s: %d uses in %d ms, %s%n", family, indexes.size(), millis, tally);
    return tally;
  }

  /** Checks how one use ended against the cancel request it got. */
  private void check(
      Plan plan, CompletableFuture<String> future, CompletableFuture<Boolean> request, Tally tally)
      throws InterruptedException {
    boolean taken;
    try {
      taken = request.get(30, TimeUnit.SECONDS);
      String value = future.get(30, TimeUnit.SECONDS);
      assertEquals("value", value, plan + replay(plan));
      assertFalse(taken, "a taken cancel request let the body's value through" + replay(plan));
      tally.completed++;
    } catch (CancellationException e) {
      assertTrue(request.getNow(false), "cancelled without a taken request" + replay(plan));
      tally.cancelled++;
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      if (failure instanceof TimeoutException) {
        assertEquals(Family.TIMEOUT, plan.family, "a timeout without a deadline" + replay(plan));
        Throwable cause = failure.getCause();
        assertTrue(
            cause instanceof CancellationException || cause == bodyFailure,
            "the deadline's TimeoutException has cause " + cause + replay(plan));
        tally.timedOut++;
      } else {
        assertTrue(failure == bodyFailure, "failed with " + failure + replay(plan));
        assertTrue(plan.bodyFails, "failed without a failing body" + replay(plan));
        tally.failed++;
      }
    } catch (java.util.concurrent.TimeoutException hang) {
      throw new AssertionError("a use never completed" + replay(plan), hang);
    }
  }

  /** Every resource acquired so far was released exactly once. */
  private void checkReleases() {
    for (Resource resource : acquired) {
      int releases = resource.releases.get();
      assertEquals(
          1, releases, "releases of the resource of " + resource.plan + replay(resource.plan));
    }
    acquired.clear();
  }

  private static void assertProves(Family family, Tally tally) {
    if (replaying()) {
      return;
    }
    // An absolute floor, not a share of the uses: on a loaded machine the cancels arrive late
    // and most uses complete first.
    assertTrue(
        tally.cancelled >= PROOF,
        "too few cancellations to prove anything for " + family + ": " + tally);
    assertTrue(
        tally.completed >= PROOF,
        "too few completions to prove anything for " + family + ": " + tally);
  }

  /** The indexes of the uses to run: all of them, or one plan many times when replaying it. */
  private static List<Integer> indexes(Family family) {
    List<Integer> indexes = new ArrayList<>();
    String replay = System.getProperty(CASE_PROPERTY);
    if (replay == null) {
      for (int i = 0; i < family.uses; i++) {
        indexes.add(i);
      }
      System.out.printf(
          "%s: seed %d; replay this run with -D%s=%d%n", family, SEED, SEED_PROPERTY, SEED);
    } else if (replaying(family)) {
      System.out.printf("%s: seed %d; replaying %s %d times%n", family, SEED, replay, REPLAYS);
      int index = Integer.parseInt(replay.substring(replay.indexOf(':') + 1));
      for (int i = 0; i < REPLAYS; i++) {
        indexes.add(index);
      }
    }
    return indexes;
  }

  /** Whether this run replays one plan, of whichever family. */
  private static boolean replaying() {
    return System.getProperty(CASE_PROPERTY) != null;
  }

  private static boolean replaying(Family family) {
    String replay = System.getProperty(CASE_PROPERTY);
    return replay != null && replay.startsWith(family.name() + ":");
  }

  /** How to run one failing plan again, or the whole run when no plan is known. */
  private static String replay(Object plan) {
    if (plan == null) {
      return String.format(" (seed %d; run it again with -D%s=%d)", SEED, SEED_PROPERTY, SEED);
    }
    return String.format(
        " (seed %d; run that plan %d times: mvn -pl runtime -am verify"
            + " -Dtest=CancellationStressTest -Dsurefire.failIfNoSpecifiedTests=false -D%s=%d"
            + " -D%s=%s)",
        SEED, REPLAYS, SEED_PROPERTY, SEED, CASE_PROPERTY, plan);
  }

  // --- the scopes and steps ---------------------------------------------------------------------

  /**
   * A resource class with asynchronous enter, commit, rollback and exit, as generated code runs it.
   */
  private AsyncScope<Resource> resourceScope(Plan plan) {
    return new AsyncScope<>() {
      @Override
      public CompletionStage<Resource> enter() {
        return randomly(plan, ENTER, () -> acquire(plan));
      }

      @Override
      public CompletionStage<Boolean> exit(Resource resource, Throwable failure) {
        return new ExitSequence<Resource>(resource, failure) {
          @Override
          protected CompletionStage<?> commit(Resource resource) {
            return randomly(plan, COMMIT, () -> null);
          }

          @Override
          protected CompletionStage<?> rollback(Resource resource, Throwable failure) {
            return randomly(plan, ROLLBACK, () -> null);
          }

          @Override
          protected CompletionStage<Boolean> close(Resource resource, Throwable failure) {
            return randomly(
                plan,
                CLOSE,
                () -> {
                  resource.releases.incrementAndGet();
                  return false;
                });
          }
        }.start();
      }
    };
  }

  private Resource acquire(Plan plan) {
    Resource resource = new Resource(plan);
    acquired.add(resource);
    return resource;
  }

  private CompletionStage<String> body(Plan plan) {
    return randomly(
        plan,
        BODY,
        () -> {
          if (plan.bodyFails) {
            throw bodyFailure;
          }
          return "value";
        });
  }

  /** A blocking body that sleeps (interruptibly) or spins, then notices a pending interrupt. */
  private String blockingBody(Plan plan) throws InterruptedException {
    if (plan.modes[BODY] == 0) {
      LockSupport.parkNanos(plan.spins[BODY] * 4); // returns early when interrupted
    } else {
      spin(plan.spins[BODY] * 4);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("noticed the deadline");
    }
    if (plan.bodyFails) {
      throw bodyFailure;
    }
    return "value";
  }

  /** A stage for {@code step}: complete at once, on a worker, or on a worker after a spin. */
  private <T> CompletionStage<T> randomly(Plan plan, int step, Supplier<T> value) {
    switch (plan.modes[step]) {
      case 0:
        try {
          return CompletableFuture.completedFuture(value.get());
        } catch (RuntimeException failure) {
          return CompletableFuture.failedFuture(failure);
        }
      case 1:
        return CompletableFuture.supplyAsync(value, workers);
      default:
        long nanos = plan.spins[step];
        return CompletableFuture.supplyAsync(
            () -> {
              spin(nanos);
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

  private static void assertThrowsIllegalState(Deadline deadline, String what) {
    try {
      deadline.reschedule(Duration.ofSeconds(1));
    } catch (IllegalStateException expected) {
      return;
    }
    throw new AssertionError(what + ": " + deadline + replay(null));
  }

  private static <X extends Throwable> X quiet(X failure) {
    failure.setStackTrace(new StackTraceElement[0]);
    return failure;
  }
}
