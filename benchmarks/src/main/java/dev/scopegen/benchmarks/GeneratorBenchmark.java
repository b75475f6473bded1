package dev.scopegen.benchmarks;

import dev.scopegen.runtime.ExitStack;
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
 * {@code @ScopedResource} generators beside the class scope of the same shape ({@link Ledgers}):
 * a blocking generator's {@code call}, an asynchronous generator's {@code use}, a generator that
 * only yields beside {@code Scopes.just}, and a blocking generator entered split ({@code use},
 * {@code ExitStack.enter}), which runs the method on a thread of its own, beside the same split
 * written by hand as cheaply as it can be ({@link SplitFloor}). A generator scope is
 * single-use, so every operation calls the factory; the class scopes are kept in fields, as a
 * repository would keep them.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar Generator -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GeneratorBenchmark {

  private static final CompletableFuture<Integer> ANSWER = CompletableFuture.completedFuture(42);

  private final SyncLedger syncLedger = new SyncLedger();
  private final SyncLedgerScope syncScope = SyncLedgerScope.of(syncLedger);
  private final AsyncGate gate = new AsyncGate();
  private final AsyncGateScope gateScope = AsyncGateScope.of(gate);
  private final Integer value = 42;

  private static SyncLedger body(SyncLedger ledger) {
    ledger.entered++;
    return ledger;
  }

  private static CompletionStage<Integer> asyncBody(Object resource) {
    return ANSWER;
  }

  /** Baseline of {@link #generatorCall}: the class scope's inline {@code call}. */
  @Benchmark
  public SyncLedger classCall() {
    return syncScope.call(GeneratorBenchmark::body);
  }

  /** A blocking generator's {@code call}: the method runs on the calling thread. */
  @Benchmark
  public SyncLedger generatorCall() {
    return LedgersScopes.ledger(syncLedger).call(GeneratorBenchmark::body);
  }

  /** Baseline of {@link #generatorUse}: the class scope's {@code use}. */
  @Benchmark
  public CompletableFuture<Integer> classUse() {
    return gateScope.use(GeneratorBenchmark::asyncBody);
  }

  /** An asynchronous generator's {@code use}, every stage already complete. */
  @Benchmark
  public CompletableFuture<Integer> generatorUse() {
    return LedgersScopes.gate(gate).use(GeneratorBenchmark::asyncBody);
  }

  /** Baseline of {@link #yieldOnlyUse}: {@code Scopes.just}. */
  @Benchmark
  public CompletableFuture<Integer> justUse() {
    return Scopes.just(value).use(GeneratorBenchmark::asyncBody);
  }

  /** An asynchronous generator that only yields. */
  @Benchmark
  public CompletableFuture<Integer> yieldOnlyUse() {
    return LedgersScopes.just(value).use(GeneratorBenchmark::asyncBody);
  }

  /** Baseline of the split rows: the blocking class scope's {@code use}. */
  @Benchmark
  public Integer classUseOfBlocking() {
    return syncScope.use(GeneratorBenchmark::asyncBody).join();
  }

  /** A blocking generator entered split: {@code use}, the method on a thread of its own. */
  @Benchmark
  public Integer splitUse() {
    return LedgersScopes.ledger(syncLedger).use(GeneratorBenchmark::asyncBody).join();
  }

  /**
   * The floor of both split rows, not a baseline of their ratios: the same method suspended at its
   * yield on a thread of its own, by hand, with one thread that only ever spins for one caller.
   */
  @Benchmark
  public SyncLedger splitFloor(SplitFloor floor) {
    return floor.use(GeneratorBenchmark::body);
  }

  /** A blocking generator entered split by an exit stack. */
  @Benchmark
  public SyncLedger splitExitStack() throws Exception {
    try (ExitStack stack = new ExitStack()) {
      return body(stack.enter(LedgersScopes.ledger(syncLedger)));
    }
  }
}
