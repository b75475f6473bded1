package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncCleanup;
import dev.scopegen.runtime.Cleanup;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.YieldStage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The {@link YieldStage} of an asynchronous {@code @ScopedResource} method: the stage its yield
 * returns, and each stage chained on it with {@code andFinally} or {@code onFailure}.
 *
 * <p>A chained stage listens to the stage before it, runs its cleanup, and completes itself with
 * the outcome, the same failure object. {@link #cancel} is a request passed up the chain to the
 * generator, which hands it to the body.
 *
 * <p>A stage calls its first {@link StageListener} itself, from a field, right after it completes:
 * a chain of cleanups, and the generator waiting at its end, cost no {@code Completion} objects and
 * no intermediate futures. Every way to complete the stage from outside ({@code complete}, {@code
 * completeExceptionally}, {@code completeAsync}, {@code obtrude...}, {@code orTimeout}, {@code
 * completeOnTimeout}) calls it too. Further listeners, and the stages users derive with the methods
 * of {@link CompletionStage}, are ordinary dependents of the future.
 */
class BodyStage extends CompletableFuture<Void> implements YieldStage {

  /** The value of {@link #listener} once it was called. */
  private static final Object CALLED = new Object();

  /**
   * The value of {@link #listener}, before any listener, of a stage from {@link #ownable} that was
   * disowned: there {@code null} means owned.
   */
  private static final Object FREE = new Object();

  private static final VarHandle LISTENER =
      Stages.field(MethodHandles.lookup(), BodyStage.class, "listener", Object.class);

  /**
   * The first {@link StageListener}: {@code null} until one comes, {@link #CALLED} once called.
   * Claimed with a compare-and-set by whoever calls it, so that it is called exactly once.
   */
  @SuppressWarnings("unused") // accessed through LISTENER
  private volatile Object listener;

  /**
   * The failure this stage completed with, written by the thread that completed it, right after:
   * another thread may still see {@code null}.
   */
  private Throwable failure;

  /**
   * The stage a yield returns (the {@link AsyncGenerator} itself), or one with no body to reach.
   */
  BodyStage() {}

  /**
   * Where a cancel request goes: the stage before ({@link Following}); {@code null} for the yield's
   * stage, the {@link AsyncGenerator} itself, which hands it to the body, and for a stage with no
   * body to reach. A method, not a field, so that the generator, a stage of its own, has no field
   * for it.
   */
  BodyStage up() {
    return null;
  }

  /**
   * Whether this is the stage of the yields of a generator, the {@link AsyncGenerator} itself, whose
   * listener field belongs to the thread that runs the fast path of the generator's {@code use},
   * while it does ({@link AsyncGenerator#runsUseHere}), until that thread calls {@link
   * #completeAsOwner} or {@link #disown}, as it does on every way out of that path; {@code enter}
   * disowns it at once. Here a {@code null} field means owned, and {@link #FREE} what {@code null}
   * means elsewhere.
   *
   * <p>While the field is {@code null} and the stage pending, the owner's first {@link #listen}
   * (the method's {@code andFinally}, say) takes it with a plain write and no compare-and-set. Why
   * that is enough:
   *
   * <ul>
   *   <li>Only the owner writes the field meanwhile: another thread's {@code listen} is not the
   *       owner (see {@code AsyncGenerator.use(Method, Function)} on why only that thread reads
   *       itself in the generator's field) and falls back to {@code handle}; a completer that reads
   *       {@code null} calls nothing.
   *   <li>A completer that read {@code null} may have missed the owner's listener (the owner's
   *       write has no fence before its check of {@link #isDone}): the owner then calls it itself,
   *       once its own completion fails in {@code completeAsOwner}, or in {@code disown} after a
   *       full fence, which the completer's compare-and-set on the result matches. A completer that
   *       read the listener calls it only through the compare-and-set on {@link #CALLED} that the
   *       owner also takes there, so it is called once.
   *   <li>When the owner's {@code completeAsOwner} completes the stage itself, nobody else called
   *       the listener: no completer came before, and {@code listen} calls only a stage already
   *       complete. The owner calls it with a plain write, as an armed {@link Chained} is.
   *   <li>When no listener came, the field stays {@code null} after that completion: the owner's
   *       later {@code listen} sees the stage complete (its own compare-and-set on the result) and
   *       falls back to {@code handle}, like any other thread's.
   * </ul>
   *
   * <p>Owned is the field's initial value, so that neither the construction nor the use's fast
   * path writes a reference for it. A listener installed so runs on the completer's thread, or,
   * when the completion raced with the method's {@code listen}, on the owner's once the body's
   * synchronous part returned.
   *
   * <p>The generator is a stage of its own only in this role: the stage {@code enter} returns, the
   * link a cancel goes to, is another object ({@link AsyncGenerator#entered}), which nothing here
   * touches.
   */
  boolean ownable() {
    return this instanceof AsyncGenerator;
  }

  /**
   * A stage that has already failed: what a misplaced yield returns.
   */
  static BodyStage failed(Throwable failure) {
    BodyStage stage = new BodyStage();
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

  private YieldStage chain(Object cleanup, boolean onlyOnFailure) {
    Chained next = new Chained(this, cleanup, onlyOnFailure);
    listen(next);
    return next;
  }

  /**
   * Calls {@code next} once this stage has completed, with its failure (the same object) or
   * {@code null}: at once if it already has, otherwise on the thread that completes it.
   *
   * @param next the listener
   */
  // A second listener is completed by the callback itself; the stage handle returns is not needed.
  @SuppressWarnings("FutureReturnValueIgnored")
  void listen(StageListener next) {
    Object current = listener;
    if (current == null && ownable()) {
      // Owned: by this thread, or else handle will do.
      if (((AsyncGenerator<?>) this).runsUseHere() && !isDone()) {
        // Nobody else writes the field, a plain write will do. Once this thread completed the
        // stage, it sees that here, and handle calls next.
        LISTENER.set(this, next);
        if (isDone() && LISTENER.compareAndSet(this, next, CALLED)) {
          // Completed before, visibly: called at once, as below. Any later completion is seen by
          // completeAsOwner or by disown, both on this thread.
          next.stageDone(isCompletedExceptionally() ? Stages.failureNow(this) : null);
        }
      } else {
        handle(next);
      }
    } else if ((current == null || current == FREE)
        && LISTENER.compareAndSet(this, current, next)) {
      if (isDone()) {
        // The completer may have looked before the listener was there: then it is called here.
        if (LISTENER.compareAndSet(this, next, CALLED)) {
          next.stageDone(isCompletedExceptionally() ? Stages.failureNow(this) : null);
        }
      } else if (next instanceof Chained) {
        // Pending once the listener was there: the completer will see the listener, and this
        // method will not call it. Saying so spares the completer its compare-and-set.
        ((Chained) next).armed = true;
      }
    } else {
      handle(next);
    }
  }

  /**
   * Completes this stage normally on the thread that owns it ({@link #ownable}), and calls the
   * listener: with a plain write when this call completed it, as no other caller is possible then.
   */
  void completeAsOwner() {
    if (!super.complete(null)) {
      disown();
      return;
    }
    // The field stays null (owned) when no listener came: see ownable.
    Object next = listener;
    if (next instanceof Chained) {
      LISTENER.setRelease(this, CALLED);
      ((Chained) next).stageDone(null);
    } else if (next != null) {
      completed(null);
    }
  }

  /**
   * Gives up the ownership that {@link #ownable} gives this thread (or that nobody took): from here
   * on the listener is claimed with a compare-and-set, and a completion that came meanwhile, which
   * may not have seen the listener, is delivered here.
   */
  void disown() {
    Object next = listener;
    if (next == null) {
      // No listener came, and no other thread writes the field while it is owned.
      LISTENER.setRelease(this, FREE);
    } else if (next instanceof StageListener) {
      VarHandle.fullFence();
      if (isDone() && LISTENER.compareAndSet(this, next, CALLED)) {
        ((StageListener) next).stageDone(failure());
      }
    }
  }

  /**
   * Whether this stage is {@code root} or chained after it: it cannot complete before {@code root}
   * does, unless completed from outside.
   */
  boolean follows(BodyStage root) {
    Object stage = this;
    while (stage instanceof BodyStage) {
      if (stage == root) {
        return true;
      }
      stage = ((BodyStage) stage).up();
    }
    return false;
  }

  /**
   * The failure of this stage, which has completed: the same object that {@code handle} would
   * receive; {@code null} if it completed normally.
   */
  Throwable failure() {
    if (!isCompletedExceptionally()) {
      return null;
    }
    Throwable known = failure;
    return known != null ? known : Stages.failureNow(this);
  }

  /**
   * This stage has just completed with {@code failure}: calls the listener, if one is there.
   *
   * <p>A listener that {@link #listen} armed is called with a plain write: {@code armed} is only
   * ever written after {@code listen} saw this stage pending with the listener in place, and then
   * {@code listen} never calls it, so whoever reads {@code armed} set is its only caller (reading
   * it unset, it settles the race with {@code listen} by a compare-and-set, as before). A later
   * {@code obtrude...} on a thread that follows this one finds {@link #CALLED}.
   */
  private void completed(Throwable failure) {
    Object next = listener;
    if (next instanceof Chained && ((Chained) next).armed) {
      LISTENER.setRelease(this, CALLED);
      ((Chained) next).stageDone(failure);
    } else if (next instanceof StageListener && LISTENER.compareAndSet(this, next, CALLED)) {
      ((StageListener) next).stageDone(failure);
    }
  }

  @Override
  public boolean complete(Void value) {
    if (super.complete(null)) {
      completed(null);
      return true;
    }
    return false;
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    if (super.completeExceptionally(failure)) {
      this.failure = failure;
      completed(failure);
      return true;
    }
    return false;
  }

  /** As {@link CompletableFuture#completeAsync}, completing through {@link #complete}. */
  @Override
  public CompletableFuture<Void> completeAsync(
      Supplier<? extends Void> supplier, Executor executor) {
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(executor, "executor");
    executor.execute(
        () -> {
          if (!isDone()) {
            Void value;
            try {
              value = supplier.get();
            } catch (Throwable failure) {
              completeExceptionally(
                  failure instanceof CompletionException
                      ? failure
                      : new CompletionException(failure));
              return;
            }
            complete(value);
          }
        });
    return this;
  }

  @Override
  public void obtrudeValue(Void value) {
    failure = null;
    super.obtrudeValue(null);
    completed(null);
  }

  @Override
  public void obtrudeException(Throwable failure) {
    this.failure = Objects.requireNonNull(failure);
    super.obtrudeException(failure);
    completed(failure);
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
    // The yield's stage, the generator, overrides this to reach the body.
    BodyStage before = up();
    return before != null && before.cancel(mayInterruptIfRunning);
  }

  /**
   * A stage that follows another, {@link #up}: {@link Chained}, or another stage that completes
   * once the one before has; a cancel of it goes to the one before.
   */
  abstract static class Following extends BodyStage {
    private final BodyStage before;

    Following(BodyStage before) {
      this.before = before;
    }

    @Override
    final BodyStage up() {
      return before;
    }
  }

  /**
   * A stage chained with {@code andFinally} or {@code onFailure}: it listens to the stage before,
   * runs its cleanup, and completes with the outcome. The yield's own stage has no cleanup, and
   * none of these fields.
   */
  private static final class Chained extends Following implements StageListener {

    /** This stage's cleanup: an {@link AsyncCleanup} or a {@link Cleanup}. */
    private final Object cleanup;

    private final boolean onlyOnFailure;

    /**
     * Set by {@link #listen} once the stage before was pending with this listener in place: its
     * completer alone calls this stage (see {@link #completed}).
     */
    boolean armed;

    Chained(BodyStage before, Object cleanup, boolean onlyOnFailure) {
      super(before);
      this.cleanup = cleanup;
      this.onlyOnFailure = onlyOnFailure;
    }

    /** The stage before completed with {@code failure} (the same object), or normally. */
    @Override
    public void stageDone(Throwable failure) {
      if (onlyOnFailure && failure == null) {
        complete(null);
        return;
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
        return;
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
    }

    /** Completes with {@code failure}, or else with {@code cleanupFailure}: rule 4 of scopes. */
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
}
