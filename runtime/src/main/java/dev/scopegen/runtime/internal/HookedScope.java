package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import java.util.concurrent.CompletionStage;

/**
 * The base of a generated scope whose exit waits on stages: {@link #exit} runs the scope's hooks
 * ({@code @Commit}, {@code @Rollback}, {@code @Exit}) as an {@link ExitSequence}. The generated
 * class overrides the hooks its resource class has; each returns a stage, or a completed one when
 * the method is synchronous. Not part of the public API.
 *
 * <p>The hooks are methods of the scope itself, not of an anonymous {@code ExitSequence} subclass
 * in every generated scope: one class less for javac to compile and for the class path to hold,
 * per scope. An exit still costs one object, the sequence.
 *
 * @param <T> the resource type
 */
public abstract class HookedScope<T> implements AsyncScope<T> {

  /** What a hook that the scope does not override returns: the sequence's default step runs. */
  private static final CompletionStage<Void> NONE = Stages.constant(null);

  /** For the generated subclass. */
  protected HookedScope() {}

  /**
   * Exits the scope: the commit after success, the rollback after a failure (or the commit, when
   * {@link #rollsBackOn} says so), then the exit, each awaited before the next.
   */
  @Override
  public CompletionStage<Boolean> exit(T resource, Throwable failure) {
    return new Hooks<>(this, resource, failure).start();
  }

  /**
   * The {@code @Commit} method; by default none.
   *
   * @param resource the resource
   * @return its stage
   * @throws Throwable the method's failure
   */
  protected CompletionStage<?> commit(T resource) throws Throwable {
    return NONE;
  }

  /**
   * The {@code @Rollback} method; by default none.
   *
   * @param resource the resource
   * @param failure the failure that rolls back
   * @return its stage
   * @throws Throwable the method's failure
   */
  protected CompletionStage<?> rollback(T resource, Throwable failure) throws Throwable {
    return NONE;
  }

  /**
   * The {@code @Exit} method, whose stage completes with whether it suppresses {@code failure}; by
   * default none.
   *
   * @param resource the resource
   * @param failure the failure in flight, or {@code null}
   * @return its stage
   * @throws Throwable the method's failure
   */
  protected CompletionStage<Boolean> close(T resource, Throwable failure) throws Throwable {
    return Stages.of(false);
  }

  /**
   * Whether {@code failure} rolls back; by default every failure does ({@code noRollbackFor}).
   *
   * @param failure the body's failure
   * @return {@code false} to commit instead
   */
  protected boolean rollsBackOn(Throwable failure) {
    return true;
  }

  /** The sequence over a scope's hooks; the sequence's own defaults run where the scope has none. */
  private static final class Hooks<T> extends ExitSequence<T> {

    private final HookedScope<T> scope;

    Hooks(HookedScope<T> scope, T resource, Throwable failure) {
      super(resource, failure);
      this.scope = scope;
    }

    @Override
    protected CompletionStage<?> commit(T resource) throws Throwable {
      CompletionStage<?> stage = scope.commit(resource);
      return stage == NONE ? super.commit(resource) : stage;
    }

    @Override
    protected CompletionStage<?> rollback(T resource, Throwable failure) throws Throwable {
      CompletionStage<?> stage = scope.rollback(resource, failure);
      return stage == NONE ? super.rollback(resource, failure) : stage;
    }

    @Override
    protected CompletionStage<Boolean> close(T resource, Throwable failure) throws Throwable {
      return scope.close(resource, failure);
    }

    @Override
    protected boolean rollsBackOn(Throwable failure) {
      return scope.rollsBackOn(failure);
    }
  }
}
