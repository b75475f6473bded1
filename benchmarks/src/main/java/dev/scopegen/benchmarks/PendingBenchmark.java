package dev.scopegen.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.openjdk.jmh.annotations.TearDown;
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
 * Stages that are still pending when the scope sees them, completed later on another thread: a
 * pending enter and a pending body, each beside the hand-written {@link CompletableFuture} chain
 * over the same stages. Each operation waits for its result, so both sides pay the same handoff
 * between threads, and the ratio shows what the scope adds to it.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar Pending -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PendingBenchmark {

  private final ExecutorService other =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "pending-stages");
            thread.setDaemon(true);
            return thread;
          });

  private final AsyncLedger asyncLedger = new AsyncLedger();
  private final AsyncLedgerScope asyncScope = AsyncLedgerScope.of(asyncLedger);
  private final PendingLedger pendingLedger = new PendingLedger(other);
  private final PendingLedgerScope pendingScope = PendingLedgerScope.of(pendingLedger);

  private CompletionStage<Integer> later() {
    return CompletableFuture.supplyAsync(() -> 42, other);
  }

  /** Stops the other thread. */
  @TearDown
  public void stop() {
    other.shutdownNow();
  }

  private static <L> CompletableFuture<Integer> chain(
      CompletionStage<L> acquired,
      Function<L, CompletionStage<Integer>> body,
      Function<L, CompletionStage<Void>> commit,
      Function<L, CompletionStage<Void>> release) {
    return acquired.toCompletableFuture().thenCompose(ledger ->
        body.apply(ledger)
            .thenCompose(value -> commit.apply(ledger).thenApply(ignored -> value))
            .handle((value, failure) -> release.apply(ledger)
                .thenCompose(ignored -> failure == null
                    ? CompletableFuture.completedFuture(value)
                    : CompletableFuture.<Integer>failedFuture(failure)))
            .thenCompose(Function.identity()));
  }

  /** Baseline of {@link #pendingBody}: the hand-written chain, the body's stage pending. */
  @Benchmark
  public Integer handWrittenPendingBody() {
    AsyncLedger ledger = asyncLedger;
    return chain(ledger.acquire(), l -> later(), l -> l.commit(l), l -> l.release(l)).join();
  }

  /** {@code use} whose body returns a stage that another thread completes. */
  @Benchmark
  public Integer pendingBody() {
    return asyncScope.use(ledger -> later()).join();
  }

  /** Baseline of {@link #pendingEnter}: the hand-written chain, the acquire stage pending. */
  @Benchmark
  public Integer handWrittenPendingEnter() {
    PendingLedger ledger = pendingLedger;
    return chain(ledger.acquire(), l -> PendingLedger.ANSWER, l -> l.commit(), l -> l.release())
        .join();
  }

  /** {@code use} of a scope whose enter completes on another thread. */
  @Benchmark
  public Integer pendingEnter() {
    return pendingScope.use(ledger -> PendingLedger.ANSWER).join();
  }
}
