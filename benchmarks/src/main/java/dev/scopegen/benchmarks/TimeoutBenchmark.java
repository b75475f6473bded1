package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Scopes;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Scopes.timeout} around a blocking {@code call} beside the timer a careful person writes
 * by hand: schedule an interrupt of the calling thread on a {@link ScheduledExecutorService}, run
 * the body, cancel the timer. The deadline is never reached, as in the common case.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar Timeout -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimeoutBenchmark {

  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  /** The hand-written timer's scheduler, set up as the runtime's own: one daemon thread. */
  private static final ScheduledExecutorService SCHEDULER = scheduler();

  private final SyncLedger ledger = new SyncLedger();

  private static ScheduledExecutorService scheduler() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "hand-written-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private static SyncLedger body(SyncLedger ledger) {
    ledger.entered++;
    return ledger;
  }

  /** Baseline: schedule an interrupt, run the body, cancel the timer. */
  @Benchmark
  public SyncLedger handWrittenTimer() {
    Thread thread = Thread.currentThread();
    ScheduledFuture<?> timer = SCHEDULER.schedule(thread::interrupt, 10, TimeUnit.SECONDS);
    try {
      return body(ledger);
    } finally {
      timer.cancel(false);
    }
  }

  /** {@code Scopes.timeout} around the same body. */
  @Benchmark
  public SyncLedger timeoutCall() throws TimeoutException {
    return Scopes.timeout(TEN_SECONDS).call(deadline -> body(ledger));
  }
}
