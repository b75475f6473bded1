package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
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
public class AllScope<T> implements AsyncScope<List<T>>, NamedScope {

  final List<AsyncScope<? extends T>> scopes;

  private AllScope(List<AsyncScope<? extends T>> scopes) {
    this.scopes = scopes;
  }

  /**
   * Returns the scope of {@code scopes}: one that is itself a {@link SynchronousScope}, entered and
   * exited without a stage, when every one of them is.
   *
   * @param <T> the resource type of each scope
   * @param scopes the scopes, in the order they are entered
   * @return the scope
   */
  public static <T> AllScope<T> of(List<AsyncScope<? extends T>> scopes) {
    for (AsyncScope<? extends T> scope : scopes) {
      if (!(scope instanceof SynchronousScope)) {
        return new AllScope<>(scopes);
      }
    }
    return new Synchronous<>(scopes);
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
    checkSize(resources);
    Registrations registrations = new Registrations();
    for (int i = 0; i < scopes.size(); i++) {
      registrations.add(Registrations.SCOPE, scopes.get(i), resources.get(i));
    }
    return Unwinding.unwind(registrations, failure);
  }

  @Override
  public String scopeName() {
    return "Scopes.all";
  }

  @Override
  public String toString() {
    return "Scopes.all(" + scopes + ")";
  }

  final void checkSize(List<T> resources) {
    if (resources.size() != scopes.size()) {
      throw new IllegalArgumentException(
          "expected the " + scopes.size() + " resources enter() produced, got " + resources.size());
    }
  }

  /**
   * All the scopes are {@link SynchronousScope}s: entered and exited in a plain loop on the calling
   * thread, with the outcome rules of {@link Unwinding}, and no stage unless {@link #enter} or
   * {@link #exit} is asked for one.
   */
  private static final class Synchronous<T> extends AllScope<T>
      implements SynchronousScope<List<T>> {

    Synchronous(List<AsyncScope<? extends T>> scopes) {
      super(scopes);
    }

    @Override
    public CompletionStage<List<T>> enter() {
      try {
        return CompletableFuture.completedFuture(enterNow());
      } catch (Throwable failure) {
        return Stages.failed(failure);
      }
    }

    @Override
    public CompletionStage<Boolean> exit(List<T> resources, Throwable failure) {
      checkSize(resources);
      boolean suppress;
      try {
        suppress = exitNow(resources, failure);
      } catch (Throwable replacement) {
        return Stages.failed(replacement);
      }
      return Stages.of(suppress);
    }

    /**
     * Enters the scopes in order. If one fails, the ones already entered exit in reverse order with
     * that failure, which nothing can suppress or replace, their failures suppressed onto it.
     */
    @Override
    @SuppressWarnings("unchecked") // each scope's resource is a T
    public List<T> enterNow() throws Throwable {
      Object[] resources = new Object[scopes.size()];
      for (int i = 0; i < resources.length; i++) {
        try {
          resources[i] = ((SynchronousScope<? extends T>) scopes.get(i)).enterNow();
        } catch (Throwable enterFailure) {
          for (int j = i - 1; j >= 0; j--) {
            try {
              ((SynchronousScope<Object>) scopes.get(j)).exitNow(resources[j], enterFailure);
            } catch (Throwable cleanupFailure) {
              Failures.addSuppressed(enterFailure, cleanupFailure);
            }
          }
          throw enterFailure;
        }
      }
      return new Resources<>(resources);
    }

    /** Exits the scopes in reverse order, as {@link Unwinding} does for entered scopes. */
    @Override
    @SuppressWarnings("unchecked") // each scope's resource is the one it produced
    public boolean exitNow(List<T> resources, Throwable failure) throws Throwable {
      checkSize(resources);
      Throwable current = failure;
      boolean propagate = false;
      boolean suppressed = false;
      for (int i = scopes.size() - 1; i >= 0; i--) {
        try {
          if (((SynchronousScope<Object>) scopes.get(i)).exitNow(resources.get(i), current)) {
            suppressed = true;
            propagate = false;
            current = null;
          }
        } catch (Throwable stepFailure) {
          if (stepFailure != current) {
            // With nothing in flight, a new failure; otherwise the scope's deliberate replacement.
            current = stepFailure;
            propagate = true;
          }
        }
      }
      if (propagate) {
        throw current;
      }
      return failure != null && suppressed;
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super List<T>, ? extends R, X> body)
        throws X, Exception {
      List<T> resources;
      try {
        resources = enterNow();
      } catch (Throwable enterFailure) {
        throw Blocking.undeclared(enterFailure, Synchronous::isException);
      }
      return Blocking.callEntered(this, resources, body, Synchronous::isException);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super List<T>, X> body)
        throws X, Exception {
      List<T> resources;
      try {
        resources = enterNow();
      } catch (Throwable enterFailure) {
        throw Blocking.undeclared(enterFailure, Synchronous::isException);
      }
      Blocking.runEntered(this, resources, body, Synchronous::isException);
    }

    private static boolean isException(Throwable failure) {
      return failure instanceof Exception;
    }
  }

  /** The resources handed to the body: an unmodifiable list over the array they were put in. */
  private static final class Resources<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] elements;

    Resources(Object[] elements) {
      this.elements = elements;
    }

    @Override
    @SuppressWarnings("unchecked") // filled with the scopes' resources, each a T
    public T get(int index) {
      return (T) elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }
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
