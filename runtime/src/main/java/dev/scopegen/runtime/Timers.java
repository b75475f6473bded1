package dev.scopegen.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread of every {@link Deadline}: a daemon thread, started the first time a
 * deadline is scheduled. Its tasks only interrupt a thread or hand a cancellation over to the
 * common pool, so that no user code ever runs on it and one thread serves any number of timeouts.
 */
final class Timers {

  private Timers() {}

  /** The shared scheduler; created on first use (the holder idiom: lazy, safe, lock-free). */
  static ScheduledExecutorService scheduler() {
    return Holder.SCHEDULER;
  }

  private static final class Holder {
    static final ScheduledExecutorService SCHEDULER = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "scopegen-timeouts");
                thread.setDaemon(true);
                return thread;
              });
      // A deadline that is met cancels its timer: drop it from the queue at once, so that many
      // long timeouts that end early do not pile up.
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
