package dev.scopegen.benchmarks;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Cleanup;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import java.util.ArrayDeque;
import java.util.List;
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
 * {@code ExitStack} and {@code Scopes.all} entering three generated scopes whose methods are
 * synchronous, beside three {@code call}s nested by hand; and an exit stack of 100 cleanup
 * callbacks beside a hand-written {@link ArrayDeque} of them. The generated scopes take the
 * runtime's synchronous fast path; the {@code Sync} rows use {@link SyncLedgerFastScope}, the same
 * scope written by hand.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar Stack -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StackBenchmark {

  private static final int CALLBACKS = 100;

  private final SyncLedger first = new SyncLedger();
  private final SyncLedger second = new SyncLedger();
  private final SyncLedger third = new SyncLedger();
  private final SyncLedgerScope firstScope = SyncLedgerScope.of(first);
  private final SyncLedgerScope secondScope = SyncLedgerScope.of(second);
  private final SyncLedgerScope thirdScope = SyncLedgerScope.of(third);
  private final AsyncScope<List<SyncLedger>> all =
      Scopes.all(List.of(firstScope, secondScope, thirdScope));

  // The same scopes written by hand, with the synchronous fast path.
  private final SyncLedgerFastScope firstFast = new SyncLedgerFastScope(first);
  private final SyncLedgerFastScope secondFast = new SyncLedgerFastScope(second);
  private final SyncLedgerFastScope thirdFast = new SyncLedgerFastScope(third);
  private final AsyncScope<List<SyncLedger>> allFast =
      Scopes.all(List.of(firstFast, secondFast, thirdFast));

  private int cleaned;
  @SuppressWarnings("UnnecessaryLambda") // one callback for every registration
  private final Cleanup cleanup = () -> cleaned++;

  private static SyncLedger body(SyncLedger a, SyncLedger b, SyncLedger c) {
    a.entered += (b.entered ^ c.entered) & 1;
    return a;
  }

  /** Baseline: three {@code call}s nested by hand. */
  @Benchmark
  public SyncLedger nestedCall3() {
    return firstScope.call(a -> secondScope.call(b -> thirdScope.call(c -> body(a, b, c))));
  }

  /** The three scopes entered into a new exit stack. */
  @Benchmark
  public SyncLedger exitStack3() throws Exception {
    return new ExitStack()
        .call(stack ->
            body(stack.enter(firstScope), stack.enter(secondScope), stack.enter(thirdScope)));
  }

  /** The three scopes as one with {@code Scopes.all}. */
  @Benchmark
  public SyncLedger all3() throws Exception {
    return all.call(ledgers -> body(ledgers.get(0), ledgers.get(1), ledgers.get(2)));
  }

  /** {@link #exitStack3} with scopes that implement the synchronous fast path. */
  @Benchmark
  public SyncLedger exitStack3Sync() throws Exception {
    return new ExitStack()
        .call(stack ->
            body(stack.enter(firstFast), stack.enter(secondFast), stack.enter(thirdFast)));
  }

  /** {@link #all3} with scopes that implement the synchronous fast path. */
  @Benchmark
  public SyncLedger all3Sync() throws Exception {
    return allFast.call(ledgers -> body(ledgers.get(0), ledgers.get(1), ledgers.get(2)));
  }

  /** Baseline: 100 callbacks in a hand-written deque, run newest first, failures kept. */
  @Benchmark
  public int handWrittenDeque100() throws Exception {
    ArrayDeque<Cleanup> deque = new ArrayDeque<>();
    for (int i = 0; i < CALLBACKS; i++) {
      deque.push(cleanup);
    }
    Exception failure = null;
    for (Cleanup next; (next = deque.poll()) != null; ) {
      try {
        next.run();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return cleaned;
  }

  /** 100 callbacks in an exit stack, closed. */
  @Benchmark
  public int exitStackCallbacks100() throws Exception {
    try (ExitStack stack = new ExitStack()) {
      for (int i = 0; i < CALLBACKS; i++) {
        stack.callback(cleanup);
      }
    }
    return cleaned;
  }
}
