package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The scope of a blocking {@code @ScopedResource} method, one that takes a {@link Yield} and
 * returns {@code void}: Python's {@code @contextmanager}. Generated scopes delegate to it. Not part
 * of the public API.
 *
 * <p>Two ways to run the method:
 *
 * <ul>
 *   <li>{@link #call} and {@link #run} invoke it on the calling thread, and the body runs inside
 *       {@link Yield#yield}: plain nested calls, no other thread.
 *   <li>{@link #enter} and {@link #exit}, the split protocol of {@link AsyncScope} that {@link
 *       #use} and exit stacks need, run the method on a thread of its own (a pooled virtual
 *       thread when the JDK has them, else a pooled daemon platform thread: see {@link
 *       GeneratorThreads}). The thread stops at the yield, {@code enter} completes with the
 *       resource, and the thread waits there until {@code exit} resumes it with the body's
 *       outcome. Such a scope must be exited, or its thread waits forever (with
 *       leak detection on, {@link LeakDetector} resumes it with a failure once the scope has
 *       become unreachable); and the method does not see the caller's thread-locals.
 * </ul>
 *
 * <p>The outcome follows {@link GeneratorOutcome}. An instance is single-use: a second {@code
 * enter}, {@code call}, {@code run} or {@code use} fails with {@link IllegalStateException}.
 *
 * @param <T> the resource type
 */
public final class BlockingGenerator<T> implements AsyncScope<T>, NamedScope {

  /**
   * A call of the {@code @ScopedResource} method with a given yield: its arguments are bound, only
   * the yield is left.
   *
   * @param <T> the resource type
   */
  @FunctionalInterface
  public interface Method<T> {

    /**
     * Invokes the method.
     *
     * @param yield the yield to pass as the method's last argument
     * @throws Throwable whatever the method throws
     */
    void invoke(Yield<T> yield) throws Throwable;
  }

  private final String name;
  private final Class<?> scope;
  private final Method<T> method;

  /**
   * Whether the scope was used. A plain field, no atomic operation: the check catches every second
   * use that follows the first (a scope is not shared by threads that use it at once), and lets
   * escape analysis remove the scope and its method object from {@link #call} altogether.
   */
  private boolean started;

  /** The method suspended at its yield on its own thread; set by {@link #enter}. */
  private volatile SuspendedGenerator<T> suspended;

  /**
   * Creates the scope of one invocation of a method.
   *
   * @param name the method's name, for error messages
   * @param method the method, with its arguments bound
   */
  public BlockingGenerator(String name, Method<T> method) {
    this(name, null, method);
  }

  /**
   * Creates the scope of one invocation of a method, for the generated scope class {@code scope}.
   *
   * @param name the method's name, for error messages
   * @param scope the generated scope class, whose name the JFR events carry; {@code null} for
   *     {@code name}
   * @param method the method, with its arguments bound
   */
  public BlockingGenerator(String name, Class<?> scope, Method<T> method) {
    this.name = name;
    this.scope = scope;
    this.method = method;
  }

  /**
   * Creates the scope of one invocation of a method that the generated scope class {@code scope}
   * hands over for each use, to {@link #enter(Method)}, {@link #call(Method, ScopeFunction,
   * Predicate)} and {@link #run(Method, ScopeConsumer, Predicate)}; the methods without a method
   * parameter must not be called.
   *
   * <p>A generated scope creates the method object when it is used, never before: on JDK 17, escape
   * analysis removes from {@code call} a method object created there and passed along, but not one
   * created with the scope and kept in a field (so {@code call} allocated it).
   *
   * @param name the method's name, for error messages
   * @param scope the generated scope class, whose name the JFR events carry
   */
  public BlockingGenerator(String name, Class<?> scope) {
    this(name, scope, null);
  }

  @Override
  public String scopeName() {
    return scope == null ? name : scope.getName();
  }

  /**
   * Starts the method on a thread of its own and completes when it yields.
   *
   * @return a stage that completes with the yielded resource; exceptionally with the method's
   *     failure if it failed before yielding, or with {@link IllegalStateException} if it returned
   *     without yielding
   * @throws IllegalStateException if this scope was already used
   */
  @Override
  public CompletionStage<T> enter() {
    return enter(method);
  }

  /**
   * Starts {@code method}, this scope's method with its arguments bound, on a thread of its own
   * and completes when it yields: {@link #enter()} for a scope created without its method.
   *
   * @param method the method
   * @return a stage that completes with the yielded resource; exceptionally with the method's
   *     failure if it failed before yielding, or with {@link IllegalStateException} if it returned
   *     without yielding
   * @throws IllegalStateException if this scope was already used
   */
  public CompletionStage<T> enter(Method<T> method) {
    start();
    SuspendedGenerator<T> generator = new SuspendedGenerator<>(name, method);
    suspended = generator;
    if (LeakDetector.ON) {
      String reported = scope != null ? scope.getName() : "@ScopedResource " + name;
      LeakDetector.entered(this, generator, reported);
    }
    return generator.start();
  }

  /**
   * Resumes the method at its yield with the body's outcome and completes when it has returned.
   *
   * @param resource the resource (the method already knows it)
   * @param failure the body's failure, or {@code null}
   * @return a stage that completes with whether the method suppressed {@code failure}, or
   *     exceptionally with the method's failure or replacement
   * @throws IllegalStateException if {@link #enter} did not complete with a resource, or exit was
   *     already called
   */
  @Override
  public CompletionStage<Boolean> exit(T resource, Throwable failure) {
    SuspendedGenerator<T> generator = suspended;
    if (generator == null) {
      throw GeneratorOutcome.notEntered(name);
    }
    CompletionStage<Boolean> exited = generator.resume(failure);
    LeakDetector.reachable(this); // not reported as leaked while its exit is in progress
    return exited;
  }

  /**
   * Invokes the method on the calling thread, with {@code body} running inside its yield.
   *
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param body the body
   * @return the body's result, or {@code null} when the method suppressed the body's failure
   * @throws X the body's failure
   * @throws Exception the method's own failure
   * @throws IllegalStateException if this scope was already used, or the method did not yield or
   *     yielded more than once
   */
  @Override
  public <R, X extends Throwable> R call(ScopeFunction<? super T, ? extends R, X> body)
      throws X, Exception {
    return call(body, failure -> failure instanceof Exception);
  }

  /**
   * Invokes the method on the calling thread, with {@code body} running inside its yield.
   *
   * @param <X> the body's checked exception
   * @param body the body
   * @throws X the body's failure
   * @throws Exception the method's own failure
   * @throws IllegalStateException if this scope was already used, or the method did not yield or
   *     yielded more than once
   */
  @Override
  public <X extends Throwable> void run(ScopeConsumer<? super T, X> body) throws X, Exception {
    run(body, failure -> failure instanceof Exception);
  }

  /**
   * Invokes the method on the calling thread, with {@code body} running inside its yield. The
   * method's own failures propagate as {@link Blocking} says: a checked one that {@code declared}
   * rejects is wrapped in a {@link java.util.concurrent.CompletionException}.
   *
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param body the body
   * @param declared whether the caller declares a checked failure of the method
   * @return the body's result, or {@code null} when the method suppressed the body's failure
   * @throws X the body's failure, unchanged
   * @throws IllegalStateException if this scope was already used, or the method did not yield or
   *     yielded more than once
   */
  public <R, X extends Throwable> R call(
      ScopeFunction<? super T, ? extends R, X> body, Predicate<? super Throwable> declared)
      throws X {
    return call(method, body, declared);
  }

  /**
   * Invokes {@code method}, this scope's method with its arguments bound, on the calling thread,
   * with {@code body} running inside its yield: {@link #call(ScopeFunction, Predicate)} for a scope
   * created without its method (see {@link #BlockingGenerator(String, Class)}).
   *
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param method the method
   * @param body the body
   * @param declared whether the caller declares a checked failure of the method
   * @return the body's result, or {@code null} when the method suppressed the body's failure
   * @throws X the body's failure, unchanged
   * @throws IllegalStateException if this scope was already used, or the method did not yield or
   *     yielded more than once
   */
  public <R, X extends Throwable> R call(
      Method<T> method,
      ScopeFunction<? super T, ? extends R, X> body,
      Predicate<? super Throwable> declared)
      throws X {
    if (ScopeUse.records(body)) {
      return ScopeUse.call(this, method, body, declared);
    }
    start();
    InlineYield<T, R> yield = new InlineYield<>(name, body, null);
    return yield.finish(invoke(method, yield), declared);
  }

  /**
   * Invokes the method on the calling thread, with {@code body} running inside its yield; like
   * {@link #call(ScopeFunction, Predicate)} for a body without a result.
   *
   * @param <X> the body's checked exception
   * @param body the body
   * @param declared whether the caller declares a checked failure of the method
   * @throws X the body's failure, unchanged
   * @throws IllegalStateException if this scope was already used, or the method did not yield or
   *     yielded more than once
   */
  public <X extends Throwable> void run(
      ScopeConsumer<? super T, X> body, Predicate<? super Throwable> declared) throws X {
    run(method, body, declared);
  }

  /**
   * Invokes {@code method} on the calling thread, with {@code body} running inside its yield:
   * {@link #run(ScopeConsumer, Predicate)} with the method handed over afresh, as in {@link
   * #call(Method, ScopeFunction, Predicate)}.
   *
   * @param <X> the body's checked exception
   * @param method the method
   * @param body the body
   * @param declared whether the caller declares a checked failure of the method
   * @throws X the body's failure, unchanged
   * @throws IllegalStateException if this scope was already used, or the method did not yield or
   *     yielded more than once
   */
  public <X extends Throwable> void run(
      Method<T> method, ScopeConsumer<? super T, X> body, Predicate<? super Throwable> declared)
      throws X {
    if (ScopeUse.records(body)) {
      ScopeUse.run(this, method, body, declared);
      return;
    }
    start();
    InlineYield<T, Void> yield = new InlineYield<>(name, null, body);
    yield.finish(invoke(method, yield), declared);
  }

  /** Invokes {@code method} and returns what it threw, or {@code null}. */
  private static <T> Throwable invoke(Method<T> method, Yield<T> yield) {
    try {
      method.invoke(yield);
      return null;
    } catch (Throwable failure) {
      return failure;
    }
  }

  private void start() {
    if (started) {
      throw GeneratorOutcome.alreadyUsed(name);
    }
    started = true;
  }

  /**
   * The yield of {@link #call} and {@link #run}: runs the body on the spot and remembers its
   * outcome.
   */
  private static final class InlineYield<T, R> extends SingleYield<T> {
    private final ScopeFunction<? super T, ? extends R, ?> function;
    private final ScopeConsumer<? super T, ?> consumer;

    private R result;
    private Throwable failure;

    InlineYield(
        String name,
        ScopeFunction<? super T, ? extends R, ?> function,
        ScopeConsumer<? super T, ?> consumer) {
      super(name);
      this.function = function;
      this.consumer = consumer;
    }

    @Override
    void atYield(T resource) {
      try {
        if (function != null) {
          result = function.apply(resource);
        } else {
          consumer.accept(resource);
        }
      } catch (Throwable bodyFailure) {
        failure = bodyFailure;
        throw Stages.sneakyThrow(bodyFailure);
      }
    }

    /**
     * Returns the scope's result once the method has ended, or throws its failure: the body's
     * unchanged, the method's own as {@link Blocking#undeclared} says.
     */
    R finish(Throwable methodFailure, Predicate<? super Throwable> declared) {
      if (!methodReturned()) {
        throw Blocking.undeclared(
            methodFailure != null ? methodFailure : GeneratorOutcome.didNotYield(name), declared);
      }
      Throwable replacement = replacement(failure, methodFailure);
      if (replacement != null) {
        throw Blocking.undeclared(replacement, declared);
      }
      if (failure == null) {
        return result;
      }
      if (GeneratorOutcome.suppresses(failure, methodFailure)) {
        return null;
      }
      throw Stages.sneakyThrow(failure);
    }
  }
}
