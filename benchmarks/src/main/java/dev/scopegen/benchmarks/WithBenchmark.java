package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Scopes;
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
 * {@code Scopes.with} against the nested lambdas it replaces, for two and three generated scopes
 * whose methods are synchronous ({@code call}) and for two whose stages are already complete
 * ({@code use}). Each pair runs in one JMH run, so the ratio is what counts.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar With -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WithBenchmark {

  private static final CompletableFuture<Integer> ANSWER = CompletableFuture.completedFuture(42);

  private final SyncLedger first = new SyncLedger();
  private final SyncLedger second = new SyncLedger();
  private final SyncLedger third = new SyncLedger();
  private final SyncLedgerScope firstScope = SyncLedgerScope.of(first);
  private final SyncLedgerScope secondScope = SyncLedgerScope.of(second);
  private final SyncLedgerScope thirdScope = SyncLedgerScope.of(third);
  private final AsyncLedgerScope firstAsync = AsyncLedgerScope.of(new AsyncLedger());
  private final AsyncLedgerScope secondAsync = AsyncLedgerScope.of(new AsyncLedger());

  /** The body: touches every resource and returns a reference (no boxing on either side). */
  private static SyncLedger body(SyncLedger a, SyncLedger b) {
    a.entered += b.entered & 1;
    return a;
  }

  private static SyncLedger body(SyncLedger a, SyncLedger b, SyncLedger c) {
    a.entered += (b.entered ^ c.entered) & 1;
    return a;
  }

  private static CompletionStage<Integer> asyncBody(AsyncLedger a, AsyncLedger b) {
    return ANSWER;
  }

  /** Baseline: two {@code call}s nested by hand. */
  @Benchmark
  public SyncLedger nestedCall2() {
    return firstScope.call(a -> secondScope.call(b -> body(a, b)));
  }

  /**
   * The same statement with {@code Scopes.with}. Generated scopes are plain {@code AsyncScope}s to
   * it, so its {@code call} declares {@code Exception}.
   */
  @Benchmark
  public SyncLedger withCall2() throws Exception {
    return Scopes.with(firstScope, secondScope).call(WithBenchmark::body);
  }

  /** Baseline: three {@code call}s nested by hand. */
  @Benchmark
  public SyncLedger nestedCall3() {
    return firstScope.call(a -> secondScope.call(b -> thirdScope.call(c -> body(a, b, c))));
  }

  /** The same statement with {@code Scopes.with}. */
  @Benchmark
  public SyncLedger withCall3() throws Exception {
    return Scopes.with(firstScope, secondScope, thirdScope).call(WithBenchmark::body);
  }

  /** Baseline: two {@code use}s nested by hand, every stage already complete. */
  @Benchmark
  public CompletableFuture<Integer> nestedUse2() {
    return firstAsync.use(a -> secondAsync.use(b -> asyncBody(a, b)));
  }

  /** The same statement with {@code Scopes.with}. */
  @Benchmark
  public CompletableFuture<Integer> withUse2() {
    return Scopes.with(firstAsync, secondAsync).use(WithBenchmark::asyncBody);
  }
}
