package dev.scopegen.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor under any split blocking generator: {@link SyncLedger}'s lifecycle ({@code
 * Ledgers.ledger}) suspended at its yield on a thread of its own, written by hand as cheaply as it
 * can be. One platform thread serves one caller and never parks; the four handoffs (start, yield,
 * resume, end) pass through one {@code int} with release stores and acquire loads (plain moves on
 * x86, no fence), and nothing is allocated.
 *
 * <p>What it measures is the handoffs alone: each use moves the handoff's cache line between the
 * two cores four times, and the ledger's three times (opened on the method's thread, used by the
 * body on the caller's, committed and released on the method's). A real split generator also
 * needs what this leaves out: a thread for any number of methods at once, parking when the other
 * side is slow, failures, interrupts, and a stage for {@code use}.
 *
 * <p>What a cache line takes to cross depends on where the two threads run, and on a virtual
 * machine that changes while it runs: two threads that hand a counter back and forth take either
 * about 70 ns or about 330 ns per round trip on the 2-core machines this project is measured on,
 * switching every few seconds. This floor follows those modes closely; a split generator, whose
 * cost is mostly its own steps, hardly does, so that in a slow mode it can take less than this
 * floor. Compare the two in the fast mode.
 */
@State(Scope.Benchmark)
public class SplitFloor {

  private static final int IDLE = 0;
  private static final int STARTED = 1;
  private static final int YIELDED = 2;
  private static final int RESUMED = 3;
  private static final int STOPPED = -1;

  private static final VarHandle PHASE;

  static {
    try {
      PHASE = MethodHandles.lookup().findVarHandle(SplitFloor.class, "phase", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SyncLedger ledger = new SyncLedger();

  /**
   * Where the method stands: written by whichever side hands over, spun on by the other; through
   * {@link #PHASE} only.
   */
  @SuppressWarnings("unused")
  private int phase = IDLE;

  private Thread thread;

  @Setup(Level.Trial)
  public void start() {
    thread = new Thread(this::serve, "split floor");
    thread.setDaemon(true);
    thread.start();
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    PHASE.setVolatile(this, STOPPED);
    thread.join();
  }

  /**
   * Runs {@code body} on the calling thread inside the method's yield, the method on this floor's
   * thread.
   */
  SyncLedger use(UnaryOperator<SyncLedger> body) {
    PHASE.setRelease(this, STARTED);
    while ((int) PHASE.getAcquire(this) != YIELDED) {
      Thread.onSpinWait();
    }
    SyncLedger result = body.apply(ledger);
    PHASE.setRelease(this, RESUMED);
    while ((int) PHASE.getAcquire(this) != IDLE) {
      Thread.onSpinWait();
    }
    return result;
  }

  /** The method's thread: {@code Ledgers.ledger} once per use, until stopped. */
  private void serve() {
    while (awaitPhase(STARTED)) {
      ledger.acquire();
      PHASE.setRelease(this, YIELDED);
      if (!awaitPhase(RESUMED)) {
        return;
      }
      ledger.commit();
      ledger.release();
      PHASE.setRelease(this, IDLE);
    }
  }

  private boolean awaitPhase(int expected) {
    int current;
    while ((current = (int) PHASE.getAcquire(this)) != expected) {
      if (current == STOPPED) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }
}
