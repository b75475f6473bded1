package dev.scopegen.examples.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Deadline;
import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.Yield;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Blocking generator methods, Python's {@code @contextmanager} examples, that the behaviour tests
 * run through the scopes the processor generates for them ({@code BlockingFixturesScopes}).
 */
final class BlockingFixtures {

  private BlockingFixtures() {}

  /** Logs its setup, how the body ended, and its finally block; rethrows the body's failure. */
  @ScopedResource
  static void logging(List<String> log, String name, Yield<String> y) {
    log.add(name + " setup");
    try {
      y.yield(name);
      log.add(name + " after body");
    } catch (Throwable failure) {
      log.add(name + " caught " + failure.getClass().getSimpleName());
      throw failure;
    } finally {
      log.add(name + " finally");
    }
  }

  /** Translates the body's failure into a checked exception of its own. */
  @ScopedResource
  static void translating(Yield<String> y) throws TranslatedException {
    try {
      y.yield("resource");
    } catch (Throwable failure) {
      throw new TranslatedException(failure);
    }
  }

  /** Returns without yielding (Python: "generator didn't yield"). */
  @ScopedResource
  static void silent(List<String> log, Yield<String> y) {
    log.add("setup");
    if (log.isEmpty()) {
      y.yield("never");
    }
  }

  /** Records the thread it runs on. */
  @ScopedResource
  static void recordingThread(AtomicReference<Thread> thread, Yield<String> y) {
    thread.set(Thread.currentThread());
    y.yield("resource");
  }

  /**
   * Runs the body under a deadline: Python's {@code with timeout(d): yield}. The deadline
   * interrupts the method's thread, which reaches the body wherever it runs.
   */
  @ScopedResource
  static void deadline(Duration timeout, Yield<Deadline> y) throws Exception {
    Scopes.timeout(timeout).run(y::yield);
  }
}
