package dev.scopegen.benchmarks;

import dev.scopegen.runtime.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * One use of a resource (acquire, body, commit, release, all already complete), written six ways:
 * by hand with try/catch/finally, by hand as a {@link CompletableFuture} chain, with Reactor's
 * {@code Mono.usingWhen}, and with ScopeGen's generated {@code call} (on a kept scope and on a new
 * one) and {@code use}.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar -prof gc} to see bytes per use
 * ({@code gc.alloc.rate.norm}) beside the time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScopeBenchmark {

  private static final CompletableFuture<Integer> ANSWER = CompletableFuture.completedFuture(42);

  private final SyncLedger syncLedger = new SyncLedger();
  private final AsyncLedger asyncLedger = new AsyncLedger();
  // One body for every invocation, so that the benchmark measures the scope, not a lambda.
  @SuppressWarnings("UnnecessaryLambda")
  private final Function<AsyncLedger, CompletionStage<Integer>> asyncBody = ledger -> ANSWER;

  // Scopes of resource classes hold only their target, so one scope serves every use, as a
  // repository would keep it in a field. SyncLedgerScope.of(ledger) per use costs one 16-byte
  // object more, when escape analysis does not remove it.
  private final SyncLedgerScope syncScope = SyncLedgerScope.of(syncLedger);
  private final AsyncLedgerScope asyncScope = AsyncLedgerScope.of(asyncLedger);

  /**
   * The body of the synchronous benchmarks. It returns a reference, not an {@code int}, so that
   * the generic {@code call} does not pay for boxing that the hand-written code would not.
   */
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

  /** The generated blocking scope: inline try/catch code, no future. */
  @Benchmark
  public SyncLedger scopeGenCall() {
    return syncScope.call(ScopeBenchmark::body);
  }

  /** The same with a new scope object for each use. */
  @Benchmark
  public SyncLedger scopeGenCallNewScope() {
    return SyncLedgerScope.of(syncLedger).call(ScopeBenchmark::body);
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

  /** The generated asynchronous scope: Python's {@code async with}. */
  @Benchmark
  public CompletableFuture<Integer> scopeGenUse() {
    return asyncScope.use(asyncBody);
  }

  /** Reactor's resource operator over the same stages. */
  @Benchmark
  public CompletableFuture<Integer> reactorUsingWhen() {
    AsyncLedger resource = asyncLedger;
    return Mono.usingWhen(
            Mono.fromCompletionStage(resource.acquire()),
            ledger -> Mono.fromCompletionStage(asyncBody.apply(ledger)),
            ledger -> Mono.fromCompletionStage(ledger.commit(ledger))
                .then(Mono.fromCompletionStage(ledger.release(ledger))),
            (ledger, failure) -> Mono.fromCompletionStage(ledger.release(ledger)),
            ledger -> Mono.fromCompletionStage(ledger.release(ledger)))
        .toFuture();
  }
}
