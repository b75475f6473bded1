package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link Scopes#all}: several scopes as one, entered in order and exited in reverse, like entering
 * each into an {@link ExitStack} and popping them all once every enter succeeded.
 *
 * <p>Not part of the public API.
 *
 * @param <T> the resource type of each scope
 */
public final class AllScope<T> implements AsyncScope<List<T>> {

  private final List<AsyncScope<? extends T>> scopes;

  /**
   * Creates the scope.
   *
   * @param scopes the scopes, in the order they are entered
   */
  public AllScope(List<AsyncScope<? extends T>> scopes) {
    this.scopes = scopes;
  }

  /**
   * Enters the scopes one after the other. If one fails to enter, the ones already entered exit in
   * reverse order with that failure, and it propagates unchanged, their cleanup failures suppressed
   * onto it.
   */
  @Override
  public CompletionStage<List<T>> enter() {
    return new Entering<T>(scopes).run();
  }

  /** Exits every scope in reverse order, as an {@link ExitStack} would. */
  @Override
  public CompletionStage<Boolean> exit(List<T> resources, Throwable failure) {
    if (resources.size() != scopes.size()) {
      throw new IllegalArgumentException(
          "expected the " + scopes.size() + " resources enter() produced, got " + resources.size());
    }
    Registrations registrations = new Registrations();
    for (int i = 0; i < scopes.size(); i++) {
      registrations.add(Registrations.SCOPE, scopes.get(i), resources.get(i));
    }
    return Unwinding.unwind(registrations, failure);
  }

  @Override
  public String toString() {
    return "Scopes.all(" + scopes + ")";
  }

  /** One enter of all the scopes, in order. */
  private static final class Entering<T> extends StageLoop<List<T>> {
    private final List<AsyncScope<? extends T>> scopes;
    private final List<T> resources;
    private final Registrations entered = new Registrations();
    private int index;
    private Throwable failure;

    Entering(List<AsyncScope<? extends T>> scopes) {
      this.scopes = scopes;
      this.resources = new ArrayList<>(scopes.size());
    }

    @Override
    boolean hasNext() {
      return failure == null && index < scopes.size();
    }

    @Override
    CompletionStage<?> next() {
      return Stages.nonNull(scopes.get(index++).enter(), "enter()");
    }

    @Override
    @SuppressWarnings("unchecked") // the value is what scopes.get(index - 1).enter() produced
    void record(Object value, Throwable enterFailure) {
      if (enterFailure != null) {
        failure = enterFailure;
        return;
      }
      resources.add((T) value);
      entered.add(Registrations.SCOPE, scopes.get(index - 1), value);
    }

    @Override
    CompletionStage<List<T>> outcome() {
      if (failure == null) {
        return CompletableFuture.completedFuture(Collections.unmodifiableList(resources));
      }
      Throwable enterFailure = failure;
      CompletionStage<Boolean> cleanup = Unwinding.release(entered, enterFailure);
      if (Stages.isDoneNormally(cleanup)) {
        return Stages.failed(enterFailure);
      }
      CompletableFuture<List<T>> failed = new CompletableFuture<>();
      cleanup.handle((ignored, never) -> failed.completeExceptionally(enterFailure));
      return failed;
    }
  }
}
