package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * The failure path: a body that fails beside the same body succeeding, for {@code use} (the body's
 * stage already failed) and for {@code call} (the body throws), and hand-written try/catch/finally
 * failing the same way. The failure is created once, without a stack trace, so that the benchmark
 * measures the scope's bookkeeping, not the JVM filling in a stack trace the body would pay for
 * anyway.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar Failure -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FailureBenchmark {

  /** The body's failure: one instance, no stack trace, no suppression (nothing is attached). */
  private static final BodyFailure FAILURE = new BodyFailure();

  private static final CompletableFuture<Integer> ANSWER = CompletableFuture.completedFuture(42);
  private static final CompletableFuture<Integer> FAILED = CompletableFuture.failedFuture(FAILURE);

  private final SyncLedger syncLedger = new SyncLedger();
  private final SyncLedgerScope syncScope = SyncLedgerScope.of(syncLedger);
  private final AsyncLedgerScope asyncScope = AsyncLedgerScope.of(new AsyncLedger());

  private static SyncLedger body(SyncLedger ledger) {
    ledger.entered++;
    return ledger;
  }

  private static SyncLedger failingBody(SyncLedger ledger) {
    ledger.entered++;
    throw FAILURE;
  }

  private static CompletionStage<Integer> succeeds(AsyncLedger ledger) {
    return ANSWER;
  }

  private static CompletionStage<Integer> fails(AsyncLedger ledger) {
    return FAILED;
  }

  /** Baseline of {@link #useFails}: the body's stage completed normally. */
  @Benchmark
  public CompletableFuture<Integer> useSucceeds() {
    return asyncScope.use(FailureBenchmark::succeeds);
  }

  /** The body's stage is already failed. */
  @Benchmark
  public CompletableFuture<Integer> useFails() {
    return asyncScope.use(FailureBenchmark::fails);
  }

  /** The generated inline {@code call}, succeeding. */
  @Benchmark
  public SyncLedger callSucceeds() {
    return syncScope.call(FailureBenchmark::body);
  }

  /** Baseline of {@link #callFails}: hand-written try/catch/finally whose body throws. */
  @Benchmark
  public Object handWrittenFails() {
    SyncLedger ledger = syncLedger;
    try {
      ledger.acquire();
      SyncLedger result;
      try {
        result = failingBody(ledger);
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
    } catch (BodyFailure failure) {
      return failure;
    }
  }

  /** The generated inline {@code call} whose body throws. */
  @Benchmark
  public Object callFails() {
    try {
      return syncScope.call(FailureBenchmark::failingBody);
    } catch (BodyFailure failure) {
      return failure;
    }
  }

  /** A failure without stack trace or suppressed exceptions, so that one instance serves all. */
  private static final class BodyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyFailure() {
      super("the body failed", null, false, false);
    }
  }
}
