package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Stages;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A loop over a sequence of stages, run one after the other without recursion: the engine of
 * {@link ExitStack} unwinding and of {@link Scopes#all} entering.
 *
 * <p>Stages that already completed normally are consumed on the spot. For any other stage the loop
 * registers itself with {@code whenComplete} and trampolines: if the stage turns out to be complete
 * already (the callback runs inside {@code whenComplete}, or on another thread before the loop
 * noticed), the loop goes on where it was instead of nesting a new one, so a hundred thousand steps
 * use a constant amount of stack. If the stage is still pending, the thread that completes it
 * resumes the loop.
 *
 * @param <V> the type of the loop's outcome
 */
abstract class StageLoop<V> implements BiConsumer<Object, Throwable> {

  // The handoff starts at 0: no stage registered yet.
  private static final int REGISTERING = 1;
  private static final int WAITING = 2;
  private static final int RESUMED = 3;

  private static final VarHandle HANDOFF;

  static {
    try {
      HANDOFF = MethodHandles.lookup().findVarHandle(StageLoop.class, "handoff", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Who resumes the loop after a stage was registered; written with {@link #HANDOFF}. */
  @SuppressWarnings("unused") // accessed through HANDOFF
  private volatile int handoff;

  /** Created before the loop first waits; completed with the outcome. */
  private CompletableFuture<V> pending;

  /** Whether another step remains. */
  abstract boolean hasNext();

  /**
   * Starts the next step and returns its stage, never {@code null}. A step that throws has failed;
   * the loop records that failure and goes on.
   */
  abstract CompletionStage<?> next() throws Throwable;

  /** Takes the outcome of the step {@link #next} started: its value, or its unwrapped failure. */
  abstract void record(Object value, Throwable failure);

  /** The loop's outcome, asked for once after the last step. */
  abstract CompletionStage<V> outcome();

  /**
   * Runs the loop.
   *
   * @return the outcome: the stage {@link #outcome} returned when every step completed at once,
   *     otherwise a future that completes with it
   */
  final CompletionStage<V> start() {
    loop();
    return pending != null ? pending : outcome();
  }

  /** Resumes the loop when the stage of the current step completes. */
  @Override
  public final void accept(Object value, Throwable failure) {
    record(value, Failures.unwrap(failure));
    if (!HANDOFF.compareAndSet(this, REGISTERING, RESUMED)) {
      loop();
    }
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
      if (Stages.isDoneNormally(stage)) {
        record(Stages.valueOf(stage), null);
        continue;
      }
      if (pending == null) {
        pending = new CompletableFuture<>();
      }
      HANDOFF.setVolatile(this, REGISTERING);
      stage.whenComplete(this);
      if (HANDOFF.compareAndSet(this, REGISTERING, WAITING)) {
        return; // the thread that completes the stage resumes the loop
      }
      // The stage was complete already: accept() recorded it and left the loop to this thread.
    }
    if (pending != null) {
      relay(outcome(), pending);
    }
  }

  /** Completes {@code target} like {@code source}, with its failure unwrapped. */
  static <T> void relay(CompletionStage<T> source, CompletableFuture<T> target) {
    if (Stages.isDoneNormally(source)) {
      target.complete(Stages.valueOf(source));
    } else {
      source.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              target.complete(value);
            } else {
              target.completeExceptionally(Failures.unwrap(failure));
            }
          });
    }
  }
}
