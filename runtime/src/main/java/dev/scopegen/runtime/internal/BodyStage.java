package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncCleanup;
import dev.scopegen.runtime.Cleanup;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.YieldStage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The {@link YieldStage} of an asynchronous {@code @ScopedResource} method: the stage its yield
 * returns, and each stage chained on it with {@code andFinally} or {@code onFailure}.
 *
 * <p>A chained stage listens to the stage before it with {@code handle} (never {@code
 * whenComplete}, which would wrap a failure in a new {@code CompletionException}), runs its
 * cleanup, and completes itself with the outcome, the same failure object. {@link #cancel} is a
 * request passed up the chain to the generator, which hands it to the body.
 */
final class BodyStage extends CompletableFuture<Void>
    implements YieldStage, BiFunction<Void, Throwable, Void> {

  /** Where a cancel request goes: the stage before, or the generator's link to the body. */
  private final BodyLink<?> link;

  private final BodyStage previous;

  /** This stage's cleanup: an {@link AsyncCleanup} or a {@link Cleanup}; null for the yield's. */
  private final Object cleanup;

  private final boolean onlyOnFailure;

  /**
   * The stage a yield returns.
   *
   * @param link the generator's link to the body, or {@code null} when there is no body to reach
   */
  BodyStage(BodyLink<?> link) {
    this(link, null, null, false);
  }

  private BodyStage(BodyLink<?> link, BodyStage previous, Object cleanup, boolean onlyOnFailure) {
    this.link = link;
    this.previous = previous;
    this.cleanup = cleanup;
    this.onlyOnFailure = onlyOnFailure;
  }

  /**
   * A stage that has already failed: what a misplaced yield returns.
   */
  static BodyStage failed(Throwable failure) {
    BodyStage stage = new BodyStage(null);
    stage.completeExceptionally(failure);
    return stage;
  }

  @Override
  public YieldStage andFinally(AsyncCleanup cleanup) {
    return chain(Objects.requireNonNull(cleanup, "cleanup"), false);
  }

  @Override
  public YieldStage andFinally(Cleanup cleanup) {
    return chain(Objects.requireNonNull(cleanup, "cleanup"), false);
  }

  @Override
  public YieldStage onFailure(AsyncCleanup rollback) {
    return chain(Objects.requireNonNull(rollback, "rollback"), true);
  }

  @Override
  public YieldStage onFailure(Cleanup rollback) {
    return chain(Objects.requireNonNull(rollback, "rollback"), true);
  }

  // next is completed by the callback itself; the stage handle returns is never needed.
  @SuppressWarnings("FutureReturnValueIgnored")
  private YieldStage chain(Object cleanup, boolean onlyOnFailure) {
    BodyStage next = new BodyStage(null, this, cleanup, onlyOnFailure);
    handle(next);
    return next;
  }

  /**
   * A request, as Python's {@code Task.cancel()}: it reaches the body, and this stage completes
   * later with the body's outcome, after the cleanups chained before it.
   *
   * @param mayInterruptIfRunning ignored: the body's thread is interrupted when it has one
   * @return {@code true} if the request was taken, {@code false} once the body has finished
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    if (previous != null) {
      return previous.cancel(mayInterruptIfRunning);
    }
    return link != null && link.cancelBody();
  }

  /** The stage before completed with {@code failure} (the same object), or normally. */
  @Override
  public Void apply(Void ignored, Throwable failure) {
    if (onlyOnFailure && failure == null) {
      complete(null);
      return null;
    }
    CompletionStage<?> cleaning;
    try {
      if (cleanup instanceof AsyncCleanup) {
        cleaning = ((AsyncCleanup) cleanup).run();
        if (cleaning == null) {
          throw new NullPointerException("a cleanup returned null instead of a CompletionStage");
        }
      } else {
        ((Cleanup) cleanup).run();
        cleaning = null;
      }
    } catch (Throwable cleanupFailure) {
      settle(failure, cleanupFailure);
      return null;
    }
    if (cleaning == null || Stages.isDoneNormally(cleaning)) {
      settle(failure, null);
    } else {
      cleaning.handle(
          (done, cleanupFailure) -> {
            settle(failure, Failures.unwrap(cleanupFailure));
            return null;
          });
    }
    return null;
  }

  /** Completes with {@code failure}, or else with {@code cleanupFailure}; rule 4 of the scopes. */
  private void settle(Throwable failure, Throwable cleanupFailure) {
    if (failure != null) {
      completeExceptionally(Failures.addSuppressed(failure, cleanupFailure));
    } else if (cleanupFailure != null) {
      completeExceptionally(cleanupFailure);
    } else {
      complete(null);
    }
  }
}
