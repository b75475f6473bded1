package dev.scopegen.examples.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs one family of seeded random scenarios against the reference model and fails with the seed
 * and the exact command that replays each failing scenario.
 *
 * <p>System properties (passed through by the {@code examples} build):
 *
 * <ul>
 *   <li>{@code scopegen.property.seed}: the seed, a number or {@code random} (default fixed, so
 *       that every build runs the same scenarios);
 *   <li>{@code scopegen.property.scenarios}: how many scenarios per family (default 10,000);
 *   <li>{@code scopegen.property.scenario}: run only this one scenario of the seed.
 * </ul>
 */
final class PropertyRun {

  static final String SEED = "scopegen.property.seed";
  static final String SCENARIOS = "scopegen.property.scenarios";
  static final String SCENARIO = "scopegen.property.scenario";
  static final long DEFAULT_SEED = 20261130L;
  static final int DEFAULT_SCENARIOS = 10_000;

  /** A scenario that makes no progress for this long is reported as hung. */
  private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** How many failing scenarios the failure message shows. */
  private static final int REPORTED = 3;

  /** How many failing scenarios the output shows. */
  private static final int PRINTED = 20;

  /** One family of scenarios. */
  interface Family<S> {
    /** A random scenario. */
    S generate(SplittableRandom random);

    /** The model's transcript of {@code scenario}. */
    String expected(S scenario);

    /** Runs {@code scenario} for real and returns its transcript. */
    String actual(S scenario, World world) throws Exception;
  }

  private PropertyRun() {}

  /** Runs the scenarios of {@code family}, the test {@code test} (for the replay command). */
  static <S> void check(Class<?> test, Family<S> family) throws Exception {
    check(test, family, 1);
  }

  /** Like {@link #check(Class, Family)}, with one in {@code divisor} of the scenarios. */
  static <S> void check(Class<?> test, Family<S> family, long divisor) throws Exception {
    long seed = seed();
    String only = property(SCENARIO);
    long first = only == null ? 0 : Long.parseLong(only);
    long count = only == null ? Math.max(1, count() / divisor) : 1;
    String replay =
        "mvn -pl examples -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest="
            + test.getSimpleName()
            + " -D"
            + SEED
            + "="
            + seed
            + " -D"
            + SCENARIO
            + "=";
    System.out.printf(
        Locale.ROOT,
        "[property] %s: seed %d, %d scenario(s) from #%d (replay one: %s<n>)%n",
        test.getSimpleName(),
        seed,
        count,
        first,
        replay);

    ExecutorService later = Executors.newCachedThreadPool(daemons());
    AtomicLong current = new AtomicLong(-1);
    AtomicLong progress = new AtomicLong(System.nanoTime());
    AtomicInteger failed = new AtomicInteger();
    AtomicLong ran = new AtomicLong();
    long[] coverage = new long[2];
    List<String> reports = new ArrayList<>();
    long started = System.nanoTime();
    Thread worker =
        new Thread(
            () -> {
              for (long i = first; i < first + count; i++) {
                current.set(i);
                progress.set(System.nanoTime());
                if (count >= 100_000 && (i - first) % (count / 10) == 0 && i > first) {
                  System.out.printf(
                      Locale.ROOT,
                      "[property] %s: %d scenario(s) so far, %d failed%n",
                      test.getSimpleName(),
                      i - first,
                      failed.get());
                }
                String report;
                try {
                  report = runOne(family, seed, i, later, replay + i, coverage);
                } catch (Throwable e) {
                  report =
                      header(seed, i, replay + i, "(see the seed)") + "the harness failed: " + e;
                }
                if (report != null) {
                  int number = failed.incrementAndGet();
                  if (number <= PRINTED) {
                    System.out.println(report);
                  }
                  if (number <= REPORTED) {
                    synchronized (reports) {
                      reports.add(report);
                    }
                  }
                }
                ran.incrementAndGet();
              }
            },
            "property-" + test.getSimpleName());
    worker.setDaemon(true);
    worker.start();
    try {
      while (worker.isAlive()) {
        worker.join(1000);
        if (worker.isAlive() && System.nanoTime() - progress.get() > HANG_NANOS) {
          fail(
              "Scenario "
                  + current.get()
                  + " of seed "
                  + seed
                  + " hung; replay it with:\n  "
                  + replay
                  + current.get()
                  + "\nwhere it was:\n  "
                  + Arrays.stream(worker.getStackTrace())
                      .map(String::valueOf)
                      .collect(Collectors.joining("\n  ")));
        }
      }
    } finally {
      later.shutdownNow();
    }
    System.out.printf(
        Locale.ROOT,
        "[property] %s: %d scenario(s), %d failed, %.1f s; by the model, %d reached the body and"
            + " %d ended with a failure%n",
        test.getSimpleName(),
        ran.get(),
        failed.get(),
        (System.nanoTime() - started) / 1e9,
        coverage[0],
        coverage[1]);
    assertEquals(count, ran.get(), "scenarios run");
    if (failed.get() > 0) {
      synchronized (reports) {
        fail(
            failed.get()
                + " of "
                + count
                + " scenario(s) of seed "
                + seed
                + " broke the rules; the first ones:\n\n"
                + String.join("\n\n", reports));
      }
    }
  }

  /** Runs scenario {@code index}; returns a report if it broke the model, or {@code null}. */
  private static <S> String runOne(
      Family<S> family,
      long seed,
      long index,
      ExecutorService later,
      String replay,
      long[] coverage) {
    S scenario = family.generate(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index));
    String expected;
    String actual;
    try {
      expected = family.expected(scenario);
    } catch (RuntimeException | Error e) {
      return header(seed, index, replay, scenario) + "the model failed: " + e;
    }
    if (expected.startsWith("body\n") || expected.contains("\nbody\n")) {
      coverage[0]++;
    }
    if (expected.contains("\n=> failure ")) {
      coverage[1]++;
    }
    try {
      actual = family.actual(scenario, new World(later));
    } catch (Exception | Error e) {
      actual = "the run failed: " + e;
    }
    if (Thread.interrupted()) {
      actual += "the calling thread was left interrupted\n";
    }
    if (expected.equals(actual)) {
      return null;
    }
    String report =
        header(seed, index, replay, scenario)
            + "expected (model):\n"
            + indent(expected)
            + "actual:\n"
            + indent(actual);
    return report;
  }

  private static String header(long seed, long index, String replay, Object scenario) {
    return "Scenario "
        + index
        + " of seed "
        + seed
        + " differs from the model; replay it with:\n  "
        + replay
        + "\nscenario:\n"
        + indent(scenario.toString());
  }

  private static String indent(String text) {
    return text.lines().map(line -> "  " + line + "\n").collect(Collectors.joining());
  }

  private static long seed() {
    String value = property(SEED);
    if (value == null) {
      return DEFAULT_SEED;
    }
    if (value.equals("random")) {
      return System.nanoTime() ^ System.currentTimeMillis() * 31;
    }
    return Long.parseLong(value);
  }

  private static long count() {
    String value = property(SCENARIOS);
    return value == null ? DEFAULT_SCENARIOS : Long.parseLong(value.replace("_", ""));
  }

  /** A system property, or {@code null} when unset or blank. */
  private static String property(String name) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static ThreadFactory daemons() {
    return runnable -> {
      Thread thread = new Thread(runnable, "property-later");
      thread.setDaemon(true);
      return thread;
    };
  }
}
