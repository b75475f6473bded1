package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Failures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A loop over a sequence of stages, run one after the other without recursion: the one engine of
 * {@link ExitSequence} (the exit protocol of generated scopes), of {@code ExitStack} unwinding and
 * of {@code Scopes.all} entering. Not part of the public API.
 *
 * <p>Stages that already completed normally are consumed on the spot: when every step is
 * synchronous the whole loop runs inside {@link #run} and costs no object beyond the loop itself.
 * For any other stage the loop registers itself with {@code handle} (never {@code whenComplete},
 * which wraps a failure in a new {@code CompletionException}) and trampolines: if the stage turns
 * out to be complete already (the callback runs inside {@code handle}, or on another thread before
 * the loop noticed), the loop goes on where it was instead of nesting a new one, so a hundred
 * thousand steps use a constant amount of stack. If the stage is still pending, the thread that
 * completes it resumes the loop.
 *
 * @param <V> the type of the loop's outcome
 */
public abstract class StageLoop<V> implements BiFunction<Object, Throwable, Void> {

  // The handoff starts at 0: no stage registered yet.
  private static final int REGISTERING = 1;
  private static final int WAITING = 2;
  private static final int RESUMED = 3;

  private static final VarHandle HANDOFF =
      Stages.field(MethodHandles.lookup(), StageLoop.class, "handoff", int.class);

  /** Who resumes the loop after a stage was registered; written with {@link #HANDOFF}. */
  @SuppressWarnings("unused") // accessed through HANDOFF
  private volatile int handoff;

  /** Created before the loop first waits; completed with the outcome. */
  private CompletableFuture<V> pending;

  /** For the loops of this package; {@link ExitSequence} is the only public one. */
  StageLoop() {}

  /**
   * Whether another step remains.
   *
   * @return {@code true} to call {@link #next} again
   */
  abstract boolean hasNext();

  /**
   * Starts the next step and returns its stage; {@code null} counts as a stage completed with
   * {@code null}. A step that throws has failed: the loop records that failure and goes on.
   *
   * @return the step's stage
   * @throws Throwable the step's failure
   */
  abstract CompletionStage<?> next() throws Throwable;

  /**
   * Takes the outcome of the step {@link #next} started.
   *
   * @param value its value, when it succeeded
   * @param failure its failure, unwrapped, or {@code null}
   */
  abstract void record(Object value, Throwable failure);

  /**
   * The loop's outcome, asked for once after the last step.
   *
   * @return the outcome
   */
  abstract CompletionStage<V> outcome();

  /** The future a loop that has to wait completes with its {@link #outcome}. */
  CompletableFuture<V> newPending() {
    return new CompletableFuture<>();
  }

  /** The future made by {@link #newPending}, or {@code null} while every stage was complete. */
  final CompletableFuture<V> pending() {
    return pending;
  }

  /**
   * Runs the loop.
   *
   * @return the outcome: the stage {@link #outcome} returned when every step completed at once,
   *     otherwise a future that completes like it
   */
  protected final CompletionStage<V> run() {
    loop();
    return pending != null ? pending : outcome();
  }

  /**
   * Resumes the loop when the stage of the current step completes.
   *
   * @param value the stage's value
   * @param failure the stage's failure, or {@code null}
   * @return {@code null}
   */
  @Override
  public final Void apply(Object value, Throwable failure) {
    record(value, Failures.unwrap(failure));
    if (!HANDOFF.compareAndSet(this, REGISTERING, RESUMED)) {
      loop();
    }
    return null;
  }

  private void loop() {
    while (hasNext()) {
      CompletionStage<?> stage;
      try {
        stage = next();
      } catch (Throwable failure) {
        record(null, failure);
        continue;
      }
      if (stage == null) {
        record(null, null);
        continue;
      }
      if (Stages.isDoneNormally(stage)) {
        record(Stages.valueOf(stage), null);
        continue;
      }
      if (pending == null) {
        pending = newPending();
      }
      HANDOFF.setVolatile(this, REGISTERING);
      stage.handle(this);
      if (HANDOFF.compareAndSet(this, REGISTERING, WAITING)) {
        return; // the thread that completes the stage resumes the loop
      }
      // The stage was complete already: apply() recorded it and left the loop to this thread.
    }
    if (pending != null) {
      Stages.relay(outcome(), pending);
    }
  }
}
