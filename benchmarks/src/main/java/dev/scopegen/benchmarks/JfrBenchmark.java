package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the JFR event {@code dev.scopegen.Scope} costs: the generated {@code call} and {@code use}
 * of {@link ScopeBenchmark} beside their hand-written baselines (and {@code call} beside the same
 * scope's code without events), with no recording ({@code off}),
 * with a recording that enables the event ({@code on}), and with a recording that runs but leaves
 * the event disabled ({@code disabled}). Each value of {@code recording} runs in its own fork, so
 * one run gives every ratio.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar JfrBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JfrBenchmark {

  private static final CompletableFuture<Integer> ANSWER = CompletableFuture.completedFuture(42);

  /** {@code off}: no recording; {@code on}: the event enabled; {@code disabled}: it is not. */
  @Param({"off", "on", "disabled"})
  public String recording;

  private Recording running;

  private final SyncLedger syncLedger = new SyncLedger();
  private final AsyncLedger asyncLedger = new AsyncLedger();

  @SuppressWarnings("UnnecessaryLambda") // one body for every invocation, as in ScopeBenchmark
  private final Function<AsyncLedger, CompletionStage<Integer>> asyncBody = ledger -> ANSWER;

  private final SyncLedgerScope syncScope = SyncLedgerScope.of(syncLedger);
  private final AsyncLedgerScope asyncScope = AsyncLedgerScope.of(asyncLedger);
  private final WithoutEvents withoutEvents = new WithoutEvents(syncLedger);

  /** Starts the recording of this fork: in memory, so that the disk does not set the pace. */
  @Setup(Level.Trial)
  public void startRecording() {
    if (recording.equals("off")) {
      return;
    }
    running = new Recording();
    running.setToDisk(false);
    if (recording.equals("on")) {
      running.enable("dev.scopegen.Scope").withoutThreshold();
    } else {
      running.disable("dev.scopegen.Scope");
    }
    running.start();
  }

  /** Stops the recording. */
  @TearDown(Level.Trial)
  public void stopRecording() {
    if (running != null) {
      running.close();
    }
  }

  private static SyncLedger body(SyncLedger ledger) {
    ledger.entered++;
    return ledger;
  }

  /** The floor: what a careful person writes by hand for a synchronous resource. */
  @Benchmark
  public SyncLedger handWrittenTryFinally() {
    SyncLedger ledger = syncLedger;
    ledger.acquire();
    SyncLedger result;
    try {
      result = body(ledger);
      ledger.commit();
    } catch (Throwable failure) {
      try {
        ledger.release();
      } catch (Throwable releaseFailure) {
        Failures.addSuppressed(failure, releaseFailure);
      }
      throw failure;
    }
    ledger.release();
    return result;
  }

  /** The generated blocking scope. */
  @Benchmark
  public SyncLedger scopeGenCall() {
    return syncScope.call(JfrBenchmark::body);
  }

  /** The same scope without events: the generated {@code call} as it was before them. */
  @Benchmark
  public SyncLedger scopeGenCallWithoutEvents() {
    return withoutEvents.call(JfrBenchmark::body);
  }

  /** The floor for asynchronous code: a hand-written chain of completed stages. */
  @Benchmark
  public CompletableFuture<Integer> handWrittenFutureChain() {
    return asyncLedger.acquire().toCompletableFuture().thenCompose(ledger ->
        asyncBody.apply(ledger)
            .thenCompose(value -> ledger.commit(ledger).thenApply(ignored -> value))
            .handle((value, failure) -> ledger.release(ledger)
                .thenCompose(ignored -> failure == null
                    ? CompletableFuture.completedFuture(value)
                    : CompletableFuture.<Integer>failedFuture(failure)))
            .thenCompose(Function.identity()));
  }

  /** The generated asynchronous scope. */
  @Benchmark
  public CompletableFuture<Integer> scopeGenUse() {
    return asyncScope.use(asyncBody);
  }

  /** {@code SyncLedgerScope}'s {@code call}, copied from the processor's output before events. */
  private static final class WithoutEvents {
    private final SyncLedger target;

    WithoutEvents(SyncLedger target) {
      this.target = target;
    }

    <R, X extends Throwable> R call(ScopeFunction<? super SyncLedger, ? extends R, X> body)
        throws X {
      target.acquire();
      R result;
      try {
        result = body.apply(target);
      } catch (Throwable failure) {
        abort(failure);
        throw failure;
      }
      try {
        target.commit();
      } catch (Throwable failure) {
        abort(failure);
        throw failure;
      }
      target.release();
      return result;
    }

    private void abort(Throwable failure) {
      try {
        target.release();
      } catch (Throwable exitFailure) {
        Failures.addSuppressed(failure, exitFailure);
      }
    }
  }
}
