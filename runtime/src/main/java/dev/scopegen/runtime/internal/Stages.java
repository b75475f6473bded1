package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Failures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Small, allocation-free helpers for {@link CompletionStage}s, used by the runtime and by generated
 * scope classes. Not part of the public API: names and signatures may change in any release.
 *
 * <p>The fast paths matter: a scope whose stages are already complete must not pay for dependent
 * stages, so the helpers look at a {@link CompletableFuture}'s state directly.
 */
public final class Stages {

  /** A completed stage holding {@code null}, shared: its value can never change. */
  private static final CompletableFuture<Void> DONE = new ConstantStage<>(null);

  private static final CompletableFuture<Boolean> TRUE = new ConstantStage<>(Boolean.TRUE);
  private static final CompletableFuture<Boolean> FALSE = new ConstantStage<>(Boolean.FALSE);

  /** The class of {@link CompletableFuture#completedStage}, whose state cannot be read. */
  private static final Class<?> MINIMAL_STAGE = CompletableFuture.completedStage(null).getClass();

  /** Takes no interrupt: {@link #await(CompletionStage)} keeps every one. */
  @SuppressWarnings("UnnecessaryLambda") // one shared instance, passed as a value on a hot path
  private static final BooleanSupplier KEEP_INTERRUPT = () -> false;

  private Stages() {}

  /**
   * Returns a shared stage completed with {@code null}.
   *
   * @return a completed stage
   */
  public static CompletionStage<Void> done() {
    return DONE;
  }

  /**
   * Returns a shared stage completed with {@code value}.
   *
   * @param value the value
   * @return a completed stage, the same instance for the same value
   */
  public static CompletionStage<Boolean> of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /**
   * Returns a new stage completed with {@code value} whose outcome can never change, so that one
   * instance can be handed out by every {@code enter} of a scope that always produces the same
   * resource: no allocation per use.
   *
   * @param <T> the value type
   * @param value the value
   * @return a completed stage that refuses {@code obtrudeValue} and {@code obtrudeException}
   */
  public static <T> CompletableFuture<T> constant(T value) {
    return new ConstantStage<>(value);
  }

  /**
   * Returns a new stage completed exceptionally with {@code failure}.
   *
   * @param <T> the stage's value type
   * @param failure the failure
   * @return a failed stage
   */
  public static <T> CompletableFuture<T> failed(Throwable failure) {
    return CompletableFuture.failedFuture(failure);
  }

  /**
   * Whether the state of {@code stage} can be read without waiting and it completed normally.
   *
   * @param stage a stage, not {@code null}
   * @return {@code true} when {@link #valueOf} may be called
   */
  public static boolean isDoneNormally(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture && stage.getClass() != MINIMAL_STAGE) {
      CompletableFuture<?> future = (CompletableFuture<?>) stage;
      return future.isDone() && !future.isCompletedExceptionally();
    }
    return false;
  }

  /**
   * Whether {@code stage} is a stage of {@link CompletableFuture#completedStage} and the like, a
   * {@code CompletableFuture} whose state cannot be read.
   */
  static boolean isMinimal(CompletionStage<?> stage) {
    return stage.getClass() == MINIMAL_STAGE;
  }

  /**
   * Whether the state of {@code stage} can be read without waiting and it completed exceptionally.
   *
   * @param stage a stage, not {@code null}
   * @return {@code true} when {@link #failureNow} returns its failure
   */
  public static boolean isDoneExceptionally(CompletionStage<?> stage) {
    return stage instanceof CompletableFuture
        && stage.getClass() != MINIMAL_STAGE
        && ((CompletableFuture<?>) stage).isCompletedExceptionally();
  }

  /**
   * Returns the failure of a stage for which {@link #isDoneExceptionally} returned {@code true}, as
   * it is stored (a dependent stage's failure may be wrapped in a {@code CompletionException}).
   * Reads it with {@code handle}, which allocates no exception.
   *
   * @param stage a stage that completed exceptionally
   * @return its failure
   */
  public static Throwable failureNow(CompletionStage<?> stage) {
    return failureOf((CompletableFuture<?>) stage);
  }

  /**
   * Reads the failure of a stage for which {@link #isDoneExceptionally} returned {@code true}, into
   * a future that its caller may keep: when {@code stage} is a plain {@link CompletableFuture},
   * returns a new one completed normally with the failure as its value (as it is stored, see {@link
   * #failureNow}), otherwise {@code null}.
   *
   * <p>Reading a failure without waiting or a new exception costs a new future on JDK 17 ({@code
   * handle}'s, see {@link #failureOf}); nobody else holds this one, so the caller may give it its
   * own outcome with {@code obtrudeValue} or {@code obtrudeException} and hand it out, instead of
   * creating a second future.
   *
   * @param stage a stage that completed exceptionally
   * @return a new future holding its failure as a value, or {@code null}
   */
  static CompletableFuture<Object> failureHolder(CompletionStage<?> stage) {
    if (stage.getClass() != CompletableFuture.class) {
      return null; // a subclass may create another kind of future, or hold on to it
    }
    return ((CompletableFuture<?>) stage).<Object>handle((value, failure) -> failure);
  }

  /**
   * Returns the value of a stage for which {@link #isDoneNormally} returned {@code true}.
   *
   * @param <T> the value type
   * @param stage a stage that completed normally
   * @return its value
   */
  public static <T> T valueOf(CompletionStage<T> stage) {
    return ((CompletableFuture<T>) stage).getNow(null);
  }

  /**
   * Returns {@code stage}, or throws when a scope, callback or body returned {@code null} where a
   * stage was due.
   *
   * @param <S> the stage type
   * @param stage the stage returned
   * @param what what returned it, for the message, such as {@code "exit()"}
   * @return {@code stage}
   * @throws NullPointerException if {@code stage} is {@code null}
   */
  public static <S extends CompletionStage<?>> S nonNull(S stage, String what) {
    if (stage == null) {
      throw new NullPointerException(what + " returned null instead of a CompletionStage");
    }
    return stage;
  }

  /**
   * Completes {@code target} like {@code source}: with its value, or exceptionally with its failure
   * unwrapped (see {@link Failures#unwrap}). A stage that already completed normally is relayed on
   * the spot; any other is listened to with {@code handle}, which adds no {@code
   * CompletionException} to a failure.
   *
   * @param <T> the value type
   * @param source the stage to follow
   * @param target the future to complete
   */
  public static <T> void relay(CompletionStage<? extends T> source, CompletableFuture<T> target) {
    if (isDoneNormally(source)) {
      target.complete(valueOf(source));
    } else {
      source.handle((value, failure) -> complete(target, value, failure));
    }
  }

  /**
   * Returns a stage that completes with {@code false} once {@code stage} completed normally: the
   * outcome of an asynchronous {@code @Exit} method that cannot suppress, {@code
   * stage.thenApply(ignored -> false)}. A stage that already completed normally gives a shared
   * completed stage, with no dependent stage to create.
   *
   * @param stage the stage of the exit method, not {@code null}
   * @return a stage that completes with {@code false}, or exceptionally like {@code stage}
   * @throws NullPointerException if {@code stage} is {@code null}
   */
  public static CompletionStage<Boolean> thenFalse(CompletionStage<?> stage) {
    return isDoneNormally(stage) ? FALSE : stage.thenApply(ignored -> false);
  }

  /**
   * Returns a stage that completes with {@code value} once {@code source} completed normally, or
   * exceptionally with the failure of {@code source}, unwrapped.
   *
   * @param <T> the value type
   * @param source the stage to wait for
   * @param value the value to complete with
   * @return a new stage
   */
  public static <T> CompletableFuture<T> after(CompletionStage<?> source, T value) {
    CompletableFuture<T> target = new CompletableFuture<>();
    source.handle((ignored, failure) -> complete(target, value, failure));
    return target;
  }

  private static <T> boolean complete(CompletableFuture<T> target, T value, Throwable failure) {
    return failure == null
        ? target.complete(value)
        : target.completeExceptionally(Failures.unwrap(failure));
  }

  /**
   * Finds the {@link VarHandle} of a field, for a class's static initializer.
   *
   * @param lookup the lookup of the class that declares the field
   * @param owner that class
   * @param name the field's name
   * @param type the field's type
   * @return the handle
   * @throws ExceptionInInitializerError if there is no such field
   */
  public static VarHandle field(
      MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> type) {
    try {
      return lookup.findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Cancels {@code stage} if it is a {@link CompletableFuture} whose state can be changed; other
   * stages cannot be cancelled from outside and are left to complete.
   *
   * @param stage the stage to cancel
   */
  public static void cancel(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture && stage.getClass() != MINIMAL_STAGE) {
      ((CompletableFuture<?>) stage).cancel(true);
    }
  }

  /**
   * Waits for {@code stage} without being interrupted and returns its value, or throws its failure
   * as it is (never wrapped in {@link java.util.concurrent.CompletionException}). An interrupt that
   * arrives while waiting is kept: the thread's interrupt status is set again before returning.
   *
   * @param <T> the value type
   * @param stage the stage to wait for
   * @return its value
   */
  public static <T> T await(CompletionStage<T> stage) {
    return await(stage, KEEP_INTERRUPT);
  }

  /**
   * Waits like {@link #await(CompletionStage)}, but offers each interrupt that arrives while
   * waiting to {@code taken} first: one it takes (delivers elsewhere, say) is not kept.
   *
   * @param <T> the value type
   * @param stage the stage to wait for
   * @param taken returns {@code true} when it took the interrupt, {@code false} to keep it
   * @return its value
   */
  static <T> T await(CompletionStage<T> stage, BooleanSupplier taken) {
    if (isDoneNormally(stage)) {
      return valueOf(stage);
    }
    CompletableFuture<T> future = stage.toCompletableFuture();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted |= !taken.getAsBoolean();
        } catch (ExecutionException e) {
          throw sneakyThrow(Failures.unwrap(e.getCause()));
        } catch (CancellationException e) {
          throw sneakyThrow(failureOf(future));
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The failure a completed {@code future} holds, the very object it was completed with. Needed
   * after {@code get()} threw a {@link CancellationException}: from JDK 23 on, {@code get()} and
   * {@code join()} throw a new one around the stored one, which would lose its identity.
   *
   * @param future a future that completed exceptionally
   * @return the failure it was completed with
   */
  public static Throwable failureOf(CompletableFuture<?> future) {
    return future.handle((value, failure) -> failure).getNow(null);
  }

  /**
   * Throws {@code failure} as it is, checked or not, without wrapping it. The compiler sees an
   * unchecked exception; callers declare what they really throw.
   *
   * @param failure the failure to throw
   * @return never returns; declared so callers can write {@code throw sneakyThrow(e)}
   */
  public static RuntimeException sneakyThrow(Throwable failure) {
    return Stages.<RuntimeException>throwAs(failure);
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> RuntimeException throwAs(Throwable failure) throws X {
    throw (X) failure;
  }

  /** A completed future whose outcome cannot be changed, so that it can be shared. */
  private static final class ConstantStage<T> extends CompletableFuture<T> {
    ConstantStage(T value) {
      super.complete(value);
    }

    @Override
    public void obtrudeValue(T value) {
      throw new UnsupportedOperationException("shared completed stage");
    }

    @Override
    public void obtrudeException(Throwable ex) {
      throw new UnsupportedOperationException("shared completed stage");
    }
  }
}
