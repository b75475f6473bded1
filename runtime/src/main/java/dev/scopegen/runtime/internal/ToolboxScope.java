package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.TypedScope;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The synchronous toolbox scopes around one resource, {@link Scopes#lock}, {@link Scopes#permit},
 * {@link Scopes#closing} and {@link Scopes#just}: an optional blocking step on enter (take the
 * lock, a permit), an optional cleanup step on exit (unlock, release, close), and the resource
 * itself handed to the body. Entering and exiting allocate nothing.
 *
 * <p>Not part of the public API.
 *
 * @param <T> the resource type
 * @param <E> the checked exception that entering or exiting may throw
 */
public final class ToolboxScope<T, E extends Exception>
    implements TypedScope<T, E>, SynchronousScope<T>, NamedScope {

  /** Declares {@link InterruptedException}: what an interruptible blocking enter throws. */
  public static final Predicate<Throwable> INTERRUPTED =
      failure -> failure instanceof InterruptedException;

  /** Declares no checked exception. */
  public static final Predicate<Throwable> NOTHING = failure -> false;

  private final String name;
  private final T resource;
  private final CompletionStage<T> entered;
  private final ScopeConsumer<? super T, ? extends E> acquire;
  private final ScopeConsumer<? super T, ? extends E> release;
  private final Predicate<Throwable> declared;

  /**
   * Creates the scope.
   *
   * @param name the factory's name, such as {@code "Scopes.lock"}, for {@link #toString}
   * @param resource the resource handed to the body
   * @param acquire the blocking step of enter, or {@code null} for none; what it throws fails the
   *     enter stage and takes nothing
   * @param release the cleanup step of exit, or {@code null} for none
   * @param declared whether a checked failure of {@code acquire} or {@code release} is an {@code E}
   */
  public ToolboxScope(
      String name,
      T resource,
      ScopeConsumer<? super T, ? extends E> acquire,
      ScopeConsumer<? super T, ? extends E> release,
      Predicate<Throwable> declared) {
    this.name = name;
    this.resource = resource;
    this.entered = Stages.constant(resource);
    this.acquire = acquire;
    this.release = release;
    this.declared = declared;
  }

  @Override
  public CompletionStage<T> enter() {
    if (acquire != null) {
      try {
        acquire.accept(resource);
      } catch (Throwable acquireFailure) {
        return Stages.failed(acquireFailure);
      }
    }
    return entered;
  }

  @Override
  public CompletionStage<Boolean> exit(T ignored, Throwable failure) {
    if (release != null) {
      try {
        release.accept(resource);
      } catch (Throwable releaseFailure) {
        return CleanupOutcome.failed(failure, releaseFailure);
      }
    }
    return Stages.of(false);
  }

  @Override
  public T enterNow() throws Throwable {
    if (acquire != null) {
      acquire.accept(resource);
    }
    return resource;
  }

  @Override
  public boolean exitNow(T ignored, Throwable failure) throws Throwable {
    if (release != null) {
      try {
        release.accept(resource);
      } catch (Throwable releaseFailure) {
        if (failure == null) {
          throw releaseFailure;
        }
        Failures.addSuppressed(failure, releaseFailure);
      }
    }
    return false;
  }

  @Override
  public boolean declares(Throwable failure) {
    return declared.test(failure);
  }

  @Override
  public String scopeName() {
    return name;
  }

  @Override
  public String toString() {
    return name + "(" + resource + ")";
  }
}
