package dev.scopegen.examples.leaks;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A blocking generator that records its thread, how its yield ended, and its finally block. */
final class LeakFixtures {

  private LeakFixtures() {}

  @ScopedResource
  static void guarded(
      List<String> log,
      AtomicReference<Thread> thread,
      AtomicReference<Throwable> seen,
      Yield<String> y) {
    thread.set(Thread.currentThread());
    log.add("setup");
    try {
      y.yield("connection");
      log.add("after body");
    } catch (Throwable failure) {
      seen.set(failure);
      log.add("caught " + failure.getClass().getSimpleName());
      throw failure;
    } finally {
      log.add("finally");
    }
  }
}
