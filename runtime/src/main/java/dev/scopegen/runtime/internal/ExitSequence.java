package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The exit protocol of a resource class ({@code @Commit}, {@code @Rollback}, {@code @Exit}) as an
 * {@link dev.scopegen.runtime.AsyncScope#exit} stage. {@link HookedScope} runs one over the hooks
 * that a generated scope overrides, those its resource class has; each hook returns a stage, or a
 * completed one when the method is synchronous. Not part of the public API.
 *
 * <ul>
 *   <li>After success: commit, then close with no failure. A failing commit becomes the failure:
 *       rollback and close see it, and the stage completes exceptionally with it.
 *   <li>After a failure: rollback (or commit, when {@link #rollsBackOn} says no; if that commit
 *       fails, rollback after all), then close with the failure. Their failures are added to it as
 *       suppressed, and the stage completes with whether close suppressed it.
 * </ul>
 *
 * <p>The steps run on the {@link StageLoop}: stages that are already complete are consumed on the
 * spot, so for a synchronous resource the whole sequence runs inside {@link #start} and costs this
 * one object.
 *
 * @param <T> the resource type
 */
public abstract class ExitSequence<T> extends StageLoop<Boolean> {

  private static final int COMMIT = 0;
  private static final int COMMIT_INSTEAD = 1;
  private static final int ROLLBACK = 2;
  private static final int CLOSE = 3;
  private static final int DONE = 4;

  private final T resource;
  private Throwable failure;
  /** Whether {@link #failure} arose during exit, with none before, and so must propagate. */
  private boolean propagate;
  private boolean suppress;
  private int step;
  // Two bytes that fit in the padding of this object: no extra bytes per exit.
  /** What the exit did, for the JFR event: {@link ExitKind#EXITED} unless a real method ran. */
  private byte kind;
  /** Whether the step that ran was this class's default: the resource has no such method. */
  private boolean defaultStep;

  /**
   * Creates the sequence for one exit.
   *
   * @param resource the resource to release
   * @param failure the body's failure, or {@code null} after success
   */
  protected ExitSequence(T resource, Throwable failure) {
    this.resource = resource;
    this.failure = failure;
  }

  /**
   * The {@code @Commit} method; by default none.
   *
   * @param resource the resource
   * @return a stage that completes when the commit is done
   * @throws Throwable the commit's failure
   */
  protected CompletionStage<?> commit(T resource) throws Throwable {
    defaultStep = true;
    return Stages.done();
  }

  /**
   * The {@code @Rollback} method; by default none.
   *
   * @param resource the resource
   * @param failure the failure that causes the rollback
   * @return a stage that completes when the rollback is done
   * @throws Throwable the rollback's failure
   */
  protected CompletionStage<?> rollback(T resource, Throwable failure) throws Throwable {
    defaultStep = true;
    return Stages.done();
  }

  /**
   * The {@code @Exit} method; by default none.
   *
   * @param resource the resource
   * @param failure the failure in flight, or {@code null}
   * @return a stage that completes with {@code true} to suppress {@code failure}
   * @throws Throwable the exit's failure
   */
  protected CompletionStage<Boolean> close(T resource, Throwable failure) throws Throwable {
    return Stages.of(false);
  }

  /**
   * Whether a body failure rolls back; {@code false} for the types of {@code noRollbackFor}.
   *
   * @param failure the body's failure
   * @return {@code true} to roll back, {@code false} to commit instead
   */
  protected boolean rollsBackOn(Throwable failure) {
    return true;
  }

  /**
   * Runs the sequence.
   *
   * @return a stage that completes with whether the failure is suppressed, or exceptionally with a
   *     commit or close failure when there was no failure before
   */
  public final CompletionStage<Boolean> start() {
    step = failure == null ? COMMIT : rollsBackOn(failure) ? ROLLBACK : COMMIT_INSTEAD;
    return run();
  }

  @Override
  final boolean hasNext() {
    return step != DONE;
  }

  @Override
  final CompletionStage<?> next() throws Throwable {
    switch (step) {
      case COMMIT:
      case COMMIT_INSTEAD:
        return commit(resource);
      case ROLLBACK:
        return rollback(resource, failure);
      default:
        return close(resource, failure);
    }
  }

  /** Takes the outcome of the current step and moves to the next one. */
  @Override
  final void record(Object value, Throwable stepFailure) {
    noteKind(stepFailure);
    switch (step) {
      case COMMIT:
        if (stepFailure != null) {
          failure = stepFailure;
          propagate = true;
          step = ROLLBACK;
        } else {
          step = CLOSE;
        }
        break;
      case COMMIT_INSTEAD:
        if (stepFailure != null) {
          Failures.addSuppressed(failure, stepFailure);
          step = ROLLBACK;
        } else {
          step = CLOSE;
        }
        break;
      case ROLLBACK:
        if (stepFailure != null) {
          Failures.addSuppressed(failure, stepFailure);
        }
        step = CLOSE;
        break;
      default:
        if (stepFailure == null) {
          suppress = Boolean.TRUE.equals(value);
        } else if (failure == null) {
          failure = stepFailure;
          propagate = true;
        } else {
          Failures.addSuppressed(failure, stepFailure);
        }
        step = DONE;
        break;
    }
  }

  /** Notes a commit that succeeded or a rollback that ran, when the resource has the method. */
  private void noteKind(Throwable stepFailure) {
    boolean real = !defaultStep;
    defaultStep = false;
    if (real && step == ROLLBACK) {
      kind = ExitKind.ROLLED_BACK;
    } else if (real && step != CLOSE && stepFailure == null) {
      kind = ExitKind.COMMITTED;
    }
  }

  @Override
  final CompletionStage<Boolean> outcome() {
    if (propagate && !suppress) {
      return Stages.failed(failure);
    }
    if (pending() instanceof ExitKind) {
      ((ExitKind) pending()).kind(kind);
    }
    return ScopeEvents.enabled() ? ExitKind.of(suppress, kind) : Stages.of(suppress);
  }

  @Override
  final CompletableFuture<Boolean> newPending() {
    return ScopeEvents.enabled() ? new ExitKind() : super.newPending();
  }
}
