package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One recorded use of a scope: the scope it wraps, seen through the scope protocol, and the {@code
 * dev.scopegen.Scope} event it commits when the use is over. Not part of the API.
 *
 * <p>The statements ({@code use}, {@code call}, {@code run}, {@code ExitStack.enter}) run on this
 * wrapper instead of the scope while a recording enables the event, and exactly as before
 * otherwise: {@link #of} and {@link #recorded} cost one field read when no recording runs. The
 * wrapper hands the scope's own stages on unchanged (a generator's enter stage keeps reaching its
 * body), notes when enter completes, when exit starts with which failure, and commits the event
 * when exit's stage completes: the outcome follows from the protocol alone (see {@link
 * ScopeEvent}), and from {@link ExitKind} for the commit or rollback of a resource class.
 *
 * @param <T> the resource type
 */
public final class ScopeUse<T> implements AsyncScope<T> {

  private final Object scope;
  private final AsyncScope<T> delegate;
  private final ScopeEvent event;
  private final long started;

  // A use runs one phase after the other; each phase's stage publishes what the one before wrote.
  private long entered;
  private long exiting;
  private boolean hasEntered;
  private boolean bodyOver;
  private boolean finished;
  private Class<?> resourceType;
  private Throwable bodyFailure;
  private int suppressedBefore;
  private CompletionStage<Boolean> exitStage;

  private ScopeUse(Object scope, AsyncScope<T> delegate, ScopeEvent event) {
    this.scope = scope;
    this.delegate = delegate;
    this.event = event;
    event.begin();
    this.started = System.nanoTime();
  }

  /**
   * Returns a recording wrapper of {@code scope} when a recording enables the event.
   *
   * @param <T> the resource type
   * @param scope the scope about to be used
   * @return the wrapper, or {@code null} when nothing is recorded (or {@code scope} is one already)
   */
  public static <T> ScopeUse<T> of(AsyncScope<T> scope) {
    if (!ScopeEvents.enabled() || scope instanceof ScopeUse) {
      return null;
    }
    ScopeEvent event = new ScopeEvent();
    return event.isEnabled() ? new ScopeUse<>(scope, scope, event) : null;
  }

  /**
   * Returns {@code scope}, or a recording wrapper of it when a recording enables the event: for a
   * scope entered on an {@code ExitStack}, whose use ends when the stack exits it.
   *
   * @param <T> the resource type
   * @param scope the scope about to be entered
   * @return the scope to enter and to register
   */
  public static <T> AsyncScope<T> recorded(AsyncScope<T> scope) {
    ScopeUse<T> recorded = of(scope);
    return recorded != null ? recorded : scope;
  }

  /**
   * {@code async with}, recorded: {@link UseFuture#start} on this wrapper.
   *
   * @param <R> the result type
   * @param body the body
   * @return the future of the statement
   */
  public <R> CompletableFuture<R> use(Function<? super T, ? extends CompletionStage<R>> body) {
    return UseFuture.start(
        this,
        resource -> {
          entered(resource);
          return body.apply(resource);
        });
  }

  /**
   * {@code with}, recorded: {@link Blocking#call} on this wrapper.
   *
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param body the body
   * @param declared which checked failures the caller declares
   * @return the body's result
   * @throws X the body's failure
   */
  public <R, X extends Throwable> R call(
      ScopeFunction<? super T, ? extends R, X> body, Predicate<? super Throwable> declared)
      throws X {
    return Blocking.call(this, new Body<T, R, X>(this, body, null), declared);
  }

  /**
   * {@code with} for a body without result, recorded: {@link Blocking#run} on this wrapper.
   *
   * @param <X> the body's checked exception
   * @param body the body
   * @param declared which checked failures the caller declares
   * @throws X the body's failure
   */
  public <X extends Throwable> void run(
      ScopeConsumer<? super T, X> body, Predicate<? super Throwable> declared) throws X {
    Blocking.run(this, new Body<T, Void, X>(this, null, body), declared);
  }

  @Override
  public CompletionStage<T> enter() {
    CompletionStage<T> entering;
    try {
      entering = delegate.enter();
    } catch (Throwable failure) {
      enterFailed(failure);
      throw failure;
    }
    if (entering == null) {
      enterFailed(new NullPointerException("enter() returned null"));
    } else if (Stages.isDoneNormally(entering)) {
      entered(Stages.valueOf(entering));
    } else {
      // The body (or whoever waits for the resource) may run before this: it marks the entry.
      entering.handle(this::enterDone);
    }
    return entering;
  }

  private Void enterDone(T resource, Throwable failure) {
    if (failure != null) {
      enterFailed(Failures.unwrap(failure));
    } else {
      entered(resource);
    }
    return null;
  }

  @Override
  public CompletionStage<Boolean> exit(T resource, Throwable failure) {
    entered(resource); // no-op unless the body never ran (a use cancelled while entering)
    bodyEnded(failure);
    CompletionStage<Boolean> stage;
    try {
      stage = delegate.exit(resource, failure);
    } catch (Throwable crash) {
      // An exit that throws made no decision: what it threw is a cleanup failure (rule 4).
      finish(failure == null ? crash : failure, failure == null || crash != failure);
      throw crash;
    }
    if (stage == null) {
      finish(failure, true);
      return null;
    }
    exitStage = stage;
    if (Stages.isDoneNormally(stage)) {
      exitDone(Stages.valueOf(stage), null);
    } else {
      stage.handle(this::exitDone);
    }
    return stage;
  }

  private Void exitDone(Boolean suppress, Throwable exitFailure) {
    if (exitFailure != null) {
      finish(Failures.unwrap(exitFailure), false);
    } else {
      finish(Boolean.TRUE.equals(suppress) ? null : bodyFailure, false);
    }
    return null;
  }

  /** Enter completed with {@code resource}: the body starts. */
  void entered(Object resource) {
    if (hasEntered) {
      return;
    }
    entered = System.nanoTime();
    hasEntered = true;
    resourceType = resource == null ? null : resource.getClass();
  }

  /** The body ended, with {@code failure} or {@code null}: the exit starts. */
  void bodyEnded(Throwable failure) {
    if (!bodyOver) {
      exiting = System.nanoTime();
      bodyOver = true;
    }
    if (!hasEntered) {
      entered = exiting;
      hasEntered = true;
    }
    bodyFailure = failure;
    suppressedBefore = failure == null ? 0 : failure.getSuppressed().length;
  }

  private void enterFailed(Throwable failure) {
    finish(failure, true);
  }

  /**
   * Commits the event.
   *
   * @param propagating the failure the use ends with, or {@code null}
   * @param failedToExit whether enter or exit failed in a way {@code propagating} does not show
   */
  void finish(Throwable propagating, boolean failedToExit) {
    if (finished) {
      return;
    }
    finished = true;
    long ended = System.nanoTime();
    if (!hasEntered) {
      entered = ended;
      exiting = ended;
    } else if (!bodyOver) {
      exiting = ended;
    }
    Throwable cause = propagating != null ? propagating : bodyFailure;
    event.scope = nameOf(scope);
    event.resourceType = resourceType;
    event.failure = cause == null ? null : cause.getClass();
    event.outcome = outcome(propagating, failedToExit || !hasEntered, cause);
    event.enterDuration = entered - started;
    event.bodyDuration = exiting - entered;
    event.exitDuration = ended - exiting;
    event.commit();
  }

  private String outcome(Throwable propagating, boolean failed, Throwable cause) {
    if (cause instanceof CancellationException) {
      return "cancelled";
    }
    if (cause instanceof TimeoutException) {
      return "timedOut";
    }
    if (failed
        || (propagating != null && propagating != bodyFailure)
        || (bodyFailure != null && bodyFailure.getSuppressed().length > suppressedBefore)) {
      return "failed";
    }
    if (bodyFailure != null && propagating == null) {
      return "suppressed";
    }
    switch (exitStage == null ? ExitKind.EXITED : ExitKind.of(exitStage)) {
      case ExitKind.COMMITTED:
        return "committed";
      case ExitKind.ROLLED_BACK:
        return "rolledBack";
      default:
        return "exited";
    }
  }

  /** What a generator's {@code call} threw, without the wrapper of an undeclared failure. */
  private Throwable unwrapped(Throwable failure) {
    return failure instanceof CompletionException && failure != bodyFailure && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static String nameOf(Object scope) {
    return scope instanceof NamedScope
        ? ((NamedScope) scope).scopeName()
        : scope.getClass().getName();
  }

  /**
   * The inline {@code call} of a blocking generator, recorded: the body is wrapped to see when it
   * starts and ends, the generator runs it on the calling thread as usual.
   *
   * @param <T> the resource type
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param generator the generator
   * @param method its method, with the arguments bound
   * @param body the body
   * @param declared which checked failures the caller declares
   * @return the body's result
   * @throws X the body's failure
   */
  public static <T, R, X extends Throwable> R call(
      BlockingGenerator<T> generator,
      BlockingGenerator.Method<T> method,
      ScopeFunction<? super T, ? extends R, X> body,
      Predicate<? super Throwable> declared)
      throws X {
    ScopeEvent event = new ScopeEvent();
    if (!event.isEnabled()) {
      return generator.call(method, new Body<T, R, X>(null, body, null), declared);
    }
    ScopeUse<T> use = new ScopeUse<>(generator, null, event);
    try {
      R result = generator.call(method, new Body<T, R, X>(use, body, null), declared);
      use.finish(null, false);
      return result;
    } catch (Throwable failure) {
      use.finish(use.unwrapped(failure), false);
      throw failure;
    }
  }

  /**
   * The inline {@code run} of a blocking generator, recorded; see {@link #call(BlockingGenerator,
   * BlockingGenerator.Method, ScopeFunction, Predicate)}.
   *
   * @param <T> the resource type
   * @param <X> the body's checked exception
   * @param generator the generator
   * @param method its method, with the arguments bound
   * @param body the body
   * @param declared which checked failures the caller declares
   * @throws X the body's failure
   */
  public static <T, X extends Throwable> void run(
      BlockingGenerator<T> generator,
      BlockingGenerator.Method<T> method,
      ScopeConsumer<? super T, X> body,
      Predicate<? super Throwable> declared)
      throws X {
    ScopeEvent event = new ScopeEvent();
    if (!event.isEnabled()) {
      generator.run(method, new Body<T, Void, X>(null, null, body), declared);
      return;
    }
    ScopeUse<T> use = new ScopeUse<>(generator, null, event);
    try {
      generator.run(method, new Body<T, Void, X>(use, null, body), declared);
      use.finish(null, false);
    } catch (Throwable failure) {
      use.finish(use.unwrapped(failure), false);
      throw failure;
    }
  }

  /**
   * Whether {@code body} is to be recorded: a recording runs and the body is not wrapped already.
   *
   * @param body the body handed to a blocking generator
   * @return whether to record it with {@code ScopeUse.call} or {@code run}
   */
  public static boolean records(Object body) {
    return ScopeEvents.enabled() && !(body instanceof Body);
  }

  /** A body that tells its use when it starts and when it ends. */
  private static final class Body<T, R, X extends Throwable>
      implements ScopeFunction<T, R, X>, ScopeConsumer<T, X> {
    private final ScopeUse<T> use;
    private final ScopeFunction<? super T, ? extends R, X> function;
    private final ScopeConsumer<? super T, X> consumer;

    Body(
        ScopeUse<T> use,
        ScopeFunction<? super T, ? extends R, X> function,
        ScopeConsumer<? super T, X> consumer) {
      this.use = use;
      this.function = function;
      this.consumer = consumer;
    }

    @Override
    public R apply(T resource) throws X {
      if (use == null) {
        return function.apply(resource);
      }
      use.entered(resource);
      try {
        R result = function.apply(resource);
        use.bodyEnded(null);
        return result;
      } catch (Throwable failure) {
        use.bodyEnded(failure);
        throw failure;
      }
    }

    @Override
    public void accept(T resource) throws X {
      if (use == null) {
        consumer.accept(resource);
        return;
      }
      use.entered(resource);
      try {
        consumer.accept(resource);
        use.bodyEnded(null);
      } catch (Throwable failure) {
        use.bodyEnded(failure);
        throw failure;
      }
    }
  }
}
