package dev.scopegen.benchmarks;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
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
 * The cost of leak detection on the two shapes it tracks, off and on, beside a hand-written
 * baseline: an {@code ExitStack} of three callbacks, closed (against an {@link ArrayDeque} of them),
 * and a blocking generator entered and exited separately, on its own thread (against the class
 * scope's {@code use}). The {@code ...On} benchmarks run in forks started with {@code
 * -Ddev.scopegen.leakDetection=on}; every benchmark of one run forks the same way otherwise, so the
 * ratios are what counts.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar LeakDetection -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LeakDetectionBenchmark {

  private static final String ON = "-Ddev.scopegen.leakDetection=on";
  private static final CompletableFuture<Boolean> DONE = CompletableFuture.completedFuture(true);

  private final SyncLedger ledger = new SyncLedger();
  private final SyncLedgerScope ledgerScope = SyncLedgerScope.of(ledger);

  private void count() {
    ledger.released++;
  }

  /** Baseline: three callbacks on a hand-written stack, run newest first. */
  @Benchmark
  public SyncLedger handWrittenDeque3() {
    ArrayDeque<Runnable> callbacks = new ArrayDeque<>();
    callbacks.push(this::count);
    callbacks.push(this::count);
    callbacks.push(this::count);
    Runnable callback;
    while ((callback = callbacks.poll()) != null) {
      callback.run();
    }
    return ledger;
  }

  /** Three callbacks on an {@code ExitStack}, closed; detection off. */
  @Benchmark
  public SyncLedger exitStack3Off() throws Exception {
    return exitStack3();
  }

  /** The same with detection on: a stack trace and a cleaner registration per stack. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = ON)
  public SyncLedger exitStack3On() throws Exception {
    return exitStack3();
  }

  @SuppressWarnings("try") // close() declares Exception, as AutoCloseable's does
  private SyncLedger exitStack3() throws Exception {
    try (ExitStack stack = new ExitStack()) {
      stack.callback(this::count);
      stack.callback(this::count);
      stack.callback(this::count);
    }
    return ledger;
  }

  /** Baseline of the split generator: the class scope's {@code use}, every stage complete. */
  @Benchmark
  public Boolean classScopeUse() {
    return ledgerScope.use(l -> DONE).join();
  }

  /** A blocking generator entered and exited separately: a thread per use; detection off. */
  @Benchmark
  public Boolean splitGeneratorOff() {
    return splitGenerator();
  }

  /** The same with detection on. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = ON)
  public Boolean splitGeneratorOn() {
    return splitGenerator();
  }

  private Boolean splitGenerator() {
    AsyncScope<SyncLedger> scope = LeakLedgersScopes.ledger(ledger);
    SyncLedger entered = scope.enter().toCompletableFuture().join();
    return scope.exit(entered, null).toCompletableFuture().join();
  }
}
