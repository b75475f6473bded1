package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Failures;
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
 * The blocking {@code call} of a scope whose lifecycle methods are asynchronous (their stages
 * already complete) beside the same lifecycle written by hand with {@code join()}.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar AsyncCall -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AsyncCallBenchmark {

  private final AsyncLedger ledger = new AsyncLedger();
  private final AsyncLedgerScope scope = AsyncLedgerScope.of(ledger);

  private static AsyncLedger body(AsyncLedger ledger) {
    ledger.committed += 0;
    return ledger;
  }

  /** Baseline: every stage joined by hand, with try/catch for the release. */
  @Benchmark
  public AsyncLedger handWrittenJoins() {
    AsyncLedger acquired = ledger.acquire().toCompletableFuture().join();
    AsyncLedger result;
    try {
      result = body(acquired);
      acquired.commit(acquired).toCompletableFuture().join();
    } catch (Throwable failure) {
      try {
        acquired.release(acquired).toCompletableFuture().join();
      } catch (Throwable releaseFailure) {
        Failures.addSuppressed(failure, releaseFailure);
      }
      throw failure;
    }
    acquired.release(acquired).toCompletableFuture().join();
    return result;
  }

  /** The generated {@code call}. */
  @Benchmark
  public AsyncLedger scopeGenCall() {
    return scope.call(AsyncCallBenchmark::body);
  }
}
