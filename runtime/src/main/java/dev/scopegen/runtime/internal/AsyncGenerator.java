package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Failures;
import dev.scopegen.runtime.YieldStage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scope of an asynchronous {@code @ScopedResource} method, one that takes an {@link AsyncYield}
 * and returns a {@link CompletionStage}: Python's {@code @asynccontextmanager}. Generated scopes
 * delegate to it. Not part of the public API.
 *
 * <p>No thread of its own: {@link #enter} invokes the method, and completes when the method yields;
 * {@link #exit} completes the stage the yield returned, which runs the method's cleanup, and
 * completes when the method's own stage does. Stages that are already complete are consumed on the
 * spot, so a method whose stages all complete at once finishes inside {@code exit}.
 *
 * <p>The yield's stage is a {@link BodyStage}: cancelling it (a {@code Scopes.timeout} around the
 * yield, say) does not complete it, but reaches the body through a {@link BodyLink}, and the stage
 * completes with the body's outcome when {@code exit} comes.
 *
 * <p>One object per use does all the work: this scope is also the yield's stage, the {@link
 * AsyncYield} handed to the method, and the listener of the method's stage. When that stage is the
 * yield's stage or a cleanup chained on it, as it is in the usual {@code return
 * y.yield(r).andFinally(...)}, the chain calls this scope directly when it completes, with no
 * {@code handle}. The stage {@code enter} returns, which is also the {@link BodyLink} to the body,
 * is created only when needed ({@link #entered()}): a {@link #use} whose method yields on its
 * thread, and whose body ends there, never needs it.
 *
 * <p>The outcome follows {@link GeneratorOutcome}, and one rule more: a method whose stage
 * completed before {@code exit} was called did not wait for the body, so it cannot suppress the
 * body's failure. An instance is single-use: a second {@code enter}, {@code call}, {@code run} or
 * {@code use} fails with {@link IllegalStateException}.
 *
 * <p>Generated scopes keep their method's arguments, create this engine without the method, and
 * hand a method object created for the use to {@link #enter(Method)} and {@link #use(Method,
 * Function)}, which do not keep it; their {@code call} and {@code run} are {@link Blocking#call}
 * and {@link Blocking#run} on themselves, saying which checked failures their method declares.
 *
 * @param <T> the resource type
 */
public final class AsyncGenerator<T> extends BodyStage
    implements AsyncScope<T>, NamedScope, AsyncYield<T>, StageListener {

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
     * @return the method's stage, which completes when its cleanup is done
     * @throws Throwable whatever the method throws
     */
    CompletionStage<?> invoke(AsyncYield<T> yield) throws Throwable;
  }

  /**
   * A call of the {@code @ScopedResource} method that takes its argument beside the yield: for a
   * method of one argument (or an instance method of none: its receiver), an invoker that captures
   * nothing, created once, and no object per use to bind the argument.
   *
   * @param <A> the type of the argument
   * @param <T> the resource type
   */
  @FunctionalInterface
  public interface Invoker<A, T> {

    /**
     * Invokes the method.
     *
     * @param argument the method's argument (or its receiver)
     * @param yield the yield to pass as the method's last argument
     * @return the method's stage, which completes when its cleanup is done
     * @throws Throwable whatever the method throws
     */
    CompletionStage<?> invoke(A argument, AsyncYield<T> yield) throws Throwable;
  }

  /** The invoker of a {@link Method}, whose arguments are bound already. */
  private static final Invoker<Method<Object>, Object> BOUND = Method::invoke;

  // State bits, set once each, in this order except that FINISHED may come at any time.
  private static final int STARTED = 1;
  private static final int YIELDED = 2;
  private static final int EXITING = 4;

  /** {@link #exit} is waiting for the method: it published its future in {@link #waiting}. */
  private static final int WAITING = 8;

  /** The method has completed: {@link #methodFailure} is set. */
  private static final int FINISHED = 16;

  /**
   * {@link #use} runs the method on the caller's thread and takes its yield from there: see {@link
   * #use(Method, Function)}. Cleared, with a compare-and-set, only when the method returns without
   * having yielded on that thread.
   */
  private static final int INLINE = 32;

  /**
   * While {@link #INLINE}, before the use's own yield is recorded here: a yield on another thread
   * came, completed the enter stage, and got a {@link ForeignYield}. Set once, with a
   * compare-and-set.
   */
  private static final int FOREIGN = 64;

  private static final VarHandle PHASE =
      Stages.field(MethodHandles.lookup(), AsyncGenerator.class, "phase", int.class);

  private static final VarHandle ENTERED =
      Stages.field(MethodHandles.lookup(), AsyncGenerator.class, "entered", BodyLink.class);

  private final String name;
  private final Class<?> scope;

  /** The value of {@link #yielded} for a {@code null} resource. */
  private static final Object NULL_RESOURCE = new Object();

  /** The value of {@link #yielded} before any yield on the thread of a {@link #use}. */
  private static final Object NOT_YET = new Object();

  /**
   * The stage {@code enter} returns, and the link to the body that a cancel of the yield's stage
   * (this scope) reaches: {@code null} until {@link #entered()} creates it.
   */
  @SuppressWarnings("unused") // accessed through ENTERED
  private volatile BodyLink<T> entered;

  /** The state bits; written with {@link #PHASE}. */
  @SuppressWarnings("unused") // accessed through PHASE
  private volatile int phase;

  // Each written before the state bit that publishes it.
  private Throwable bodyFailure;
  private Throwable methodFailure;
  private volatile IllegalStateException secondYield;

  /**
   * The resource of the yield made on the thread of a {@link #use}, inside the method's call
   * ({@link #NULL_RESOURCE} for {@code null}); {@link #NOT_YET} until then. Plain: written and read
   * back by that thread (see {@link #use(Method, Function)}); other threads read it only to refuse
   * a second yield sooner.
   *
   * <p>{@code NOT_YET} rather than {@code null}, written by the constructor: the use's yield reads
   * the field back at once, and the store that wrote it hands it on, where the zeroing of a new
   * object, one vector store for several fields, made that read wait (on JDK 17). A thread that
   * sees {@code null} (a scope it was handed without a happens-before) reads "not yet" too, and a
   * yield there takes the slower path of a yield from elsewhere.
   */
  private Object yielded;

  /**
   * One field for three things, one after the other (a smaller object to allocate per use):
   *
   * <ul>
   *   <li>Until it is invoked, the {@link Method} given to the constructor, if any.
   *   <li>While {@link #use} invokes it, the thread of the use; once the method yielded on that
   *       thread ({@link #yielded}), it stays so while that use keeps to its fast path, and after
   *       that path completed the use.
   *   <li>From {@link #enter} to {@link #exit}, a {@link BodyStage}: the method's stage when it is
   *       the yield's stage or chained on it. It completes only once exit has completed the yield's
   *       stage, so exit reads it there, with no listener. Written by enter, which exit follows.
   *   <li>Once exit waits for the method ({@link #WAITING}), the {@link CompletableFuture} it
   *       returned, which the method's completion completes.
   * </ul>
   */
  private Object waiting;

  /**
   * Creates the scope of one invocation of a method.
   *
   * @param name the method's name, for error messages
   * @param method the method, with its arguments bound
   */
  public AsyncGenerator(String name, Method<T> method) {
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
  public AsyncGenerator(String name, Class<?> scope, Method<T> method) {
    this.name = name;
    this.scope = scope;
    this.waiting = method;
    this.yielded = NOT_YET;
  }

  /**
   * Creates the state of one invocation of a method, for the generated scope class {@code scope},
   * which passes the method to {@link #enter(Method)} or {@link #use(Method, Function)}: a method
   * object created for the use, and not kept, costs nothing once escape analysis removes it.
   *
   * @param name the method's name, for error messages
   * @param scope the generated scope class, whose name the JFR events carry
   */
  public AsyncGenerator(String name, Class<?> scope) {
    this(name, scope, null);
  }

  @Override
  public String scopeName() {
    return scope == null ? name : scope.getName();
  }

  /**
   * Invokes the method and completes when it yields.
   *
   * @return a stage that completes with the yielded resource; exceptionally with the method's
   *     failure if it failed before yielding, or with {@link IllegalStateException} if its stage
   *     completed without yielding
   * @throws IllegalStateException if this scope was already used
   */
  @Override
  public CompletionStage<T> enter() {
    return enter(method());
  }

  /** The method given to the constructor; {@code null} if none, or once it was invoked. */
  @SuppressWarnings("unchecked") // the constructor's
  private Method<T> method() {
    Object method = waiting;
    return method instanceof Method ? (Method<T>) method : null;
  }

  /**
   * Invokes {@code method} and completes when it yields: {@link #enter()} for a scope created
   * without its method.
   *
   * @param method the method, with its arguments bound
   * @return a stage that completes with the yielded resource; see {@link #enter()}
   * @throws IllegalStateException if this scope was already used
   */
  public CompletionStage<T> enter(Method<T> method) {
    return enter(method, bound());
  }

  /**
   * Invokes {@code invoker} with {@code argument} and completes when the method yields: {@link
   * #enter()} for a scope created without its method.
   *
   * @param <A> the type of the argument
   * @param argument the method's argument
   * @param invoker the method
   * @return a stage that completes with the yielded resource; see {@link #enter()}
   * @throws IllegalStateException if this scope was already used
   */
  public <A> CompletionStage<T> enter(A argument, Invoker<A, T> invoker) {
    if (!PHASE.compareAndSet(this, 0, STARTED)) {
      throw GeneratorOutcome.alreadyUsed(name);
    }
    // No use runs the method here: the yield's stage is nobody's (and nobody else has it yet).
    disown();
    invoke(argument, invoker);
    return entered();
  }

  /**
   * Invokes the method, and listens to its stage: with no listener at all when the stage completes
   * only once exit has completed the yield's stage, which exit then reads itself.
   */
  private <A> void invoke(A argument, Invoker<A, T> invoker) {
    waiting = null;
    settle(callMethod(argument, invoker));
  }

  /** {@link #BOUND}, typed. */
  @SuppressWarnings("unchecked") // Method::invoke, for every T
  private static <T> Invoker<Method<T>, T> bound() {
    return (Invoker<Method<T>, T>) (Invoker<?, ?>) BOUND;
  }

  /**
   * Invokes the method: returns its stage, or {@code null} when it threw, with what it threw in
   * {@link #methodFailure}.
   */
  private <A> CompletionStage<?> callMethod(A argument, Invoker<A, T> invoker) {
    try {
      CompletionStage<?> stage = invoker.invoke(argument, this);
      if (stage == null) {
        throw new NullPointerException(
            "@ScopedResource " + name + " returned null instead of a CompletionStage");
      }
      return stage;
    } catch (Throwable failure) {
      methodFailure = failure;
      return null;
    }
  }

  /** Listens to the method's stage, {@code null} when it threw: see {@link #invoke}. */
  private void settle(CompletionStage<?> stage) {
    if (stage == null) {
      finished(methodFailure);
    } else if (stage instanceof BodyStage) {
      BodyStage cleanups = (BodyStage) stage;
      if (cleanups.follows(this) && !cleanups.isDone()) {
        waiting = cleanups;
      } else {
        cleanups.listen(this);
      }
    } else if (Stages.isDoneNormally(stage)) {
      finished(null);
    } else {
      stage.handle(this);
    }
  }

  /**
   * {@code async with}: the statement of {@link AsyncScope#use}, with the same outcome and the same
   * cancellation, on a shorter path when the method yields before it returns, as most do.
   *
   * <p>Then the resource never travels through the enter stage: the body runs on the spot, and when
   * its stage is already complete the scope exits on the spot too, and the returned future is
   * created complete. Nobody holds that future before it is returned, so nobody can cancel the use
   * meanwhile; a cancel of the yield's stage (a deadline inside the method) is kept by the {@link
   * BodyLink} as usual. Whatever is still pending (the yield, the body, the method's cleanup) hands
   * the rest of the statement to {@link UseFuture}, as the default {@code use} does.
   *
   * <p>Like {@code call} of a blocking generator, this path claims the single use with a plain
   * write: it catches every use that follows another, not two threads using one scope at once.
   *
   * @param <R> the result type
   * @param body the asynchronous body
   * @return a future that completes after the scope has exited
   */
  @Override
  public <R> CompletableFuture<R> use(Function<? super T, ? extends CompletionStage<R>> body) {
    return use(method(), body);
  }

  /**
   * {@link #use(Function)} for a scope created without its method.
   *
   * <p>A yield that the method makes on this thread, inside its call, costs no atomic operation.
   * Why plain accesses are enough:
   *
   * <ul>
   *   <li>While the method runs, {@link #waiting} holds this thread. Every value ever written to
   *       that field is a {@link Method}, {@code null}, a thread or a stage, and a read, even a
   *       racy one, returns a value some write wrote: so only this thread can read itself there,
   *       and it does so from before the call until it leaves the fast path (it writes the field
   *       again then, in program order), or for good once that path completed the use.
   *   <li>Such a yield writes only {@link #yielded}, and this thread reads it back after the call:
   *       program order is happens-before within a thread.
   *   <li>Other threads learn nothing from those writes and need not: the state bits keep {@link
   *       #INLINE} and no {@link #YIELDED}, so a yield on another thread meanwhile does not decide
   *       (it could not see this one without a fence on this thread). It sets {@link #FOREIGN}
   *       with a compare-and-set (one such yield gets through), completes the enter stage with its
   *       resource, and returns a {@link ForeignYield} that listens to the yield's stage. A yield
   *       here that reads {@code FOREIGN} (it does whenever that yield happened before it) is the
   *       second one, and is refused.
   * </ul>
   *
   * <p>This thread then decides, with no further atomic operation on the fast path:
   *
   * <ul>
   *   <li>The method yielded here: that yield is the method's. A pending {@code ForeignYield} reads
   *       {@code INLINE} still set when the yield's stage completes (exit does that with the
   *       compare-and-set every use takes anyway, which orders it after this thread's writes) and
   *       fails as a second yield: inside that completion, where exit sees the error, or, if it
   *       only listens later, on its own, as a yield after the scope exited would.
   *   <li>The method did not yield here: the compare-and-set that clears {@code INLINE} also reads
   *       {@code FOREIGN}, and adopts that yield as the method's ({@code YIELDED}): its resource
   *       is in the enter stage, and its {@code ForeignYield}, reading {@code INLINE} cleared,
   *       completes with the body's outcome.
   * </ul>
   *
   * <p>The yield's stage, too, belongs to this thread while the fast path lasts ({@link
   * BodyStage#ownable}): the method's first {@code andFinally} or {@code onFailure} on it takes its
   * listener field with a plain write, and this thread gives the field up on every way out, by
   * completing the stage itself ({@code exitInline}) or by {@link BodyStage#disown}. A yield on
   * another thread meanwhile listens to the stage with {@code handle}, never through that field.
   *
   * <p>The fast path writes no state bits at all. Any other path first sets {@code YIELDED} with
   * an atomic operation ({@link #publishYield}), after which yields write no bits, and goes on with
   * the general protocol.
   *
   * @param <R> the result type
   * @param method the method, with its arguments bound
   * @param body the asynchronous body
   * @return a future that completes after the scope has exited
   */
  public <R> CompletableFuture<R> use(
      Method<T> method, Function<? super T, ? extends CompletionStage<R>> body) {
    return use(method, bound(), body);
  }

  /**
   * {@link #use(Method, Function)} for a method that takes its argument beside the invoker.
   *
   * @param <A> the type of the argument
   * @param <R> the result type
   * @param argument the method's argument
   * @param invoker the method
   * @param body the asynchronous body
   * @return a future that completes after the scope has exited
   */
  public <A, R> CompletableFuture<R> use(
      A argument,
      Invoker<A, T> invoker,
      Function<? super T, ? extends CompletionStage<R>> body) {
    // A plain read, like the write below (see the single use above), which lets the compiler keep
    // the fields of a scope created for this use in registers: a volatile read here made it load
    // them back from memory, where zeroing them with one vector store stalls the load (JDK 17).
    if ((int) PHASE.get(this) != 0 || ScopeEvents.enabled()) {
      // A second use fails as a second enter does; a recording wraps the scope.
      return UseFuture.start(new Started<>(this, argument, invoker), body);
    }
    PHASE.set(this, STARTED | INLINE);
    waiting = Thread.currentThread();
    CompletionStage<?> stage = callMethod(argument, invoker);
    if (!yieldedHere()) {
      return notYieldedHere(stage, body);
    }
    // The method's stage completes only once exit has completed the yield's stage: exit reads it
    // there, and nothing else writes the state meanwhile. Any other stage leaves the fast path.
    BodyStage cleanups = null;
    if (stage instanceof BodyStage
        && ((BodyStage) stage).follows(this)
        && !((BodyStage) stage).isDone()) {
      cleanups = (BodyStage) stage;
    } else {
      disown();
      publishYield();
      waiting = null;
      settle(stage);
    }
    T resource = yieldedResource();
    CompletionStage<R> running;
    try {
      running = Stages.nonNull(body.apply(resource), "the body");
    } catch (Throwable bodyFailure) {
      leaveFastPath(cleanups);
      return exitNow(resource, null, bodyFailure);
    }
    if (cleanups != null && Stages.isDoneNormally(running)) {
      return exitInline(cleanups, Stages.valueOf(running));
    }
    leaveFastPath(cleanups);
    return bodyRunsOn(resource, running);
  }

  /**
   * The method returned from a {@link #use}, or threw, without having yielded on its thread: leaves
   * {@link #INLINE}, so that a later yield completes the enter stage as after {@code enter}, and
   * adopts a yield that came on another thread meanwhile, which has completed the enter stage.
   */
  private <R> CompletableFuture<R> notYieldedHere(
      CompletionStage<?> stage, Function<? super T, ? extends CompletionStage<R>> body) {
    // Before the compare-and-set, after which a yield may hand the yield's stage out.
    disown();
    waiting = null;
    int current;
    do {
      current = phase;
    } while (!PHASE.compareAndSet(
        this, current, (current & ~INLINE) | ((current & FOREIGN) != 0 ? YIELDED : 0)));
    settle(stage);
    return UseFuture.start(new Started<>(this, null, null), body);
  }

  /**
   * Records in the state bits the yield that the method made on the thread of a {@link #use}, for
   * the general protocol: from here on, a yield on another thread is refused at once.
   */
  private void publishYield() {
    PHASE.getAndBitwiseOr(this, YIELDED);
  }

  /** Leaves the fast path of {@link #use}, if it was on it: {@code cleanups} is not {@code null}. */
  private void leaveFastPath(BodyStage cleanups) {
    if (cleanups != null) {
      disown();
      publishYield();
      waiting = cleanups;
    }
  }

  /** The body of a {@link #use} did not succeed at once: exits now, or hands the rest on. */
  private <R> CompletableFuture<R> bodyRunsOn(T resource, CompletionStage<R> stage) {
    if (Stages.isDoneNormally(stage)) {
      return exitNow(resource, Stages.valueOf(stage), null);
    }
    if (Stages.isDoneExceptionally(stage)) {
      return exitNow(resource, null, Failures.unwrap(Stages.failureNow(stage)));
    }
    // The body runs on: the use needs its future now, and the enter stage its resource, which
    // links the body to a cancel of the yield's stage. A yield on another thread that was refused
    // may have completed the enter stage first: its value is not read (the body's stage is known
    // and exit ignores the resource), only that it is complete.
    entered().complete(resource);
    return UseFuture.start(new Started<>(this, null, null), entered -> stage);
  }

  /**
   * Exits after a body that succeeded before its future was handed out, on the fast path of {@link
   * #use}: the method yielded on this thread, and its stage is the yield's stage or chained on it.
   * This is {@link #exit} with no stage of its own when the method's cleanup completes at once, and
   * with no write to the state bits: no listener of the method's stage is registered, and nobody
   * else has the resource to exit with. A second {@code exit} fails, as {@code YIELDED} is not set.
   */
  private <R> CompletableFuture<R> exitInline(BodyStage cleanups, R value) {
    if (cleanups.isDone()) {
      // Completed from outside before the body ended: exit sorts that out.
      leaveFastPath(cleanups);
      return exitNow(yieldedResource(), value, null);
    }
    endBody();
    completeAsOwner();
    if (!cleanups.isDone()) {
      PHASE.getAndBitwiseOr(this, YIELDED | EXITING);
      Exiting<R> future = new Exiting<>(value, null);
      awaitMethod(cleanups).handle(future);
      return future;
    }
    if (cleanups.isCompletedExceptionally() || secondYield != null) {
      methodFailure = GeneratorOutcome.unwrap(cleanups.failure(), null);
      Throwable replacement = replacement();
      if (replacement != null) {
        return CompletableFuture.failedFuture(replacement);
      }
    }
    return CompletableFuture.completedFuture(value);
  }

  /**
   * Exits after a body that ended before its future was handed out: nothing can cancel it. The
   * same step as {@code UseFuture.exitNow}, kept here on purpose: calling that one instead costs a
   * yield-only use 16 B more on JDK 25 (120 B became 136 B in {@code GeneratorBenchmark}), as the
   * JIT then keeps an object it removes here.
   */
  private <R> CompletableFuture<R> exitNow(T resource, R value, Throwable failure) {
    CompletionStage<Boolean> exiting;
    try {
      exiting = exit(resource, failure);
    } catch (Throwable crash) {
      // Only an exit that another thread called first: a cleanup failure (rule 4), as in use.
      return CompletableFuture.failedFuture(
          failure == null ? crash : Failures.addSuppressed(failure, crash));
    }
    if (Stages.isDoneNormally(exiting)) {
      if (Boolean.TRUE.equals(Stages.valueOf(exiting))) {
        return CompletableFuture.completedFuture(null);
      }
      return failure != null
          ? CompletableFuture.failedFuture(failure)
          : CompletableFuture.completedFuture(value);
    }
    if (Stages.isDoneExceptionally(exiting)) {
      return CompletableFuture.failedFuture(Failures.unwrap(Stages.failureNow(exiting)));
    }
    Exiting<R> future = new Exiting<>(value, failure);
    exiting.handle(future);
    return future;
  }

  /**
   * Completes the yield's stage with the body's outcome, which resumes the method's cleanup, and
   * completes when the method's stage does.
   *
   * @param resource the resource (the method already knows it)
   * @param failure the body's failure, or {@code null}
   * @return a stage that completes with whether the method suppressed {@code failure}, or
   *     exceptionally with the method's failure or replacement
   * @throws IllegalStateException if the method did not yield, or exit was already called
   */
  @Override
  public CompletionStage<Boolean> exit(T resource, Throwable failure) {
    int before = phase;
    if ((before & INLINE) != 0 && ((before & FINISHED) != 0 || waiting instanceof BodyStage)) {
      // A use that took the resource from an inline yield, and no listener of the method's stage
      // that could finish it meanwhile: nothing else writes the state now, a plain write will do.
      if ((before & YIELDED) == 0 || (before & EXITING) != 0) {
        throw GeneratorOutcome.notEntered(name);
      }
      PHASE.set(this, before | EXITING);
    } else {
      do {
        before = phase;
        if ((before & YIELDED) == 0 || (before & EXITING) != 0) {
          throw GeneratorOutcome.notEntered(name);
        }
      } while (!PHASE.compareAndSet(this, before, before | EXITING));
    }
    boolean finishedFirst = (before & FINISHED) != 0;
    BodyStage cleanups = waiting instanceof BodyStage ? (BodyStage) waiting : null;
    if (cleanups != null && cleanups.isDone()) {
      // Completed from outside before the body ended: it cannot decide on the body's failure.
      finishedFirst = true;
      methodFailure = GeneratorOutcome.unwrap(cleanups.failure(), null);
      PHASE.setRelease(this, phase | FINISHED);
    }
    bodyFailure = failure;
    endBody();
    if (failure == null) {
      complete(null);
    } else {
      completeExceptionally(failure);
    }
    if (finishedFirst || (phase & FINISHED) != 0) {
      return outcome(finishedFirst);
    }
    if (cleanups != null && cleanups.isDone()) {
      // Nothing else writes the state now: no listener is registered, and exit came once.
      methodFailure = GeneratorOutcome.unwrap(cleanups.failure(), failure);
      PHASE.setRelease(this, phase | FINISHED);
      return outcome(false);
    }
    return awaitMethod(cleanups);
  }

  /**
   * The rest of {@link #exit} once the yield's stage is complete and the method's is not: listens
   * to the method's stage if nobody does yet ({@code cleanups}, else {@code null}), and returns a
   * stage that its completion completes.
   */
  private CompletionStage<Boolean> awaitMethod(BodyStage cleanups) {
    if (cleanups != null) {
      cleanups.listen(this);
    }
    CompletableFuture<Boolean> pending = new CompletableFuture<>();
    waiting = pending;
    int current;
    do {
      current = phase;
      if ((current & FINISHED) != 0) {
        return outcome(false);
      }
    } while (!PHASE.compareAndSet(this, current, current | WAITING));
    return pending;
  }

  /**
   * The method yields: hands the resource to whoever waits for {@link #enter}. Not for callers: this
   * scope is the {@link AsyncYield} handed to the method.
   *
   * @param resource the resource handed to the body
   * @return the stage that completes when the body is done
   */
  @Override
  public YieldStage yield(T resource) {
    if (waiting == Thread.currentThread()
        && yielded == NOT_YET
        && ((int) PHASE.get(this) & FOREIGN) == 0) {
      // On the thread of a use, inside the method's call, and no yield elsewhere came first: see
      // use(Method, Function). Plain writes, which that thread reads back; a plain read of the
      // state is enough, as a yield elsewhere that this one misses is refused after the call.
      yielded = resource == null ? NULL_RESOURCE : resource;
      return this;
    }
    return yieldElsewhere(resource);
  }

  /** A yield that is not the first on the thread of a {@link #use}, inside the method's call. */
  // The ForeignYield completes itself from handle's callback: the stage handle returns is unused.
  @SuppressWarnings("FutureReturnValueIgnored")
  private YieldStage yieldElsewhere(T resource) {
    int before;
    do {
      before = phase;
      if ((before & (YIELDED | FINISHED)) != 0) {
        return BodyStage.failed(misplacedYield(before));
      }
      if ((before & FOREIGN) != 0 || yieldedHere()) {
        // Another yield came first (the one here, if this thread sees it: then it is not pending).
        return BodyStage.failed(misplacedYield(before | YIELDED));
      }
    } while (!PHASE.compareAndSet(
        this, before, before | ((before & INLINE) != 0 ? FOREIGN : YIELDED)));
    entered().complete(resource);
    if ((before & INLINE) == 0) {
      return this;
    }
    ForeignYield beside = new ForeignYield(this);
    // A dependent, not the listener field, which the use's thread may own (BodyStage.ownable).
    handle(beside);
    return beside;
  }

  /** Whether the method yielded on the thread of a {@link #use}: see {@link #yielded}. */
  private boolean yieldedHere() {
    Object resource = yielded;
    return resource != NOT_YET && resource != null;
  }

  /** The resource of the yield made on the thread of a {@link #use}: see {@link #yielded}. */
  @SuppressWarnings("unchecked") // written by yield(T)
  private T yieldedResource() {
    Object resource = yielded;
    return resource == NULL_RESOURCE ? null : (T) resource;
  }

  /**
   * Whether this thread runs the fast path of a {@link #use} (see {@link #use(Method, Function)}):
   * then the yield's stage is its own ({@link BodyStage#ownable}).
   */
  boolean runsUseHere() {
    return waiting == Thread.currentThread();
  }

  /**
   * The stage {@code enter} returns, the {@link BodyLink} to the body: created by the first caller,
   * with a compare-and-set, as a cancel of the yield's stage may create it at the same time.
   */
  BodyLink<T> entered() {
    BodyLink<T> link = entered;
    if (link == null) {
      BodyLink<T> created = new BodyLink<>();
      @SuppressWarnings("unchecked") // the field's type
      BodyLink<T> witness = (BodyLink<T>) ENTERED.compareAndExchange(this, null, created);
      link = witness == null ? created : witness;
    }
    return link;
  }

  /**
   * The body has ended: a later cancel of the yield's stage is refused ({@link BodyLink#bodyEnded}).
   * With no link yet, none was linked to the body, and none will be: a cancel that creates one
   * later finds this stage complete, or, racing with its completion, is lost, as it would have been
   * refused a moment later.
   */
  private void endBody() {
    BodyLink<T> link = entered;
    if (link != null) {
      link.bodyEnded();
    }
  }

  /**
   * A request, as for every yield's stage ({@link BodyStage#cancel}): it reaches the body through
   * the {@link BodyLink}, which keeps it until the body is known.
   *
   * @param mayInterruptIfRunning ignored: the body's thread is interrupted when it has one
   * @return {@code true} if the request was taken, {@code false} once the body has finished
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return !isDone() && entered().cancelBody();
  }

  /** The error of a yield that is not the method's first, or comes after its stage completed. */
  private IllegalStateException misplacedYield(int state) {
    if ((state & YIELDED) == 0) {
      return GeneratorOutcome.yieldedLate(name);
    }
    IllegalStateException error = GeneratorOutcome.yieldedTwice(name);
    if ((state & FINISHED) == 0 && secondYield == null) {
      secondYield = error;
    }
    return error;
  }

  /**
   * The method has completed: records how, and settles whatever waits for it.
   *
   * @param failure what the method threw, or its stage's failure without what the stage machinery
   *     wrapped around it; {@code null} if it completed normally
   */
  private void finished(Throwable failure) {
    methodFailure = failure;
    int before = (int) PHASE.getAndBitwiseOr(this, FINISHED);
    if ((before & YIELDED) == 0) {
      entered()
          .completeExceptionally(
              methodFailure != null ? methodFailure : GeneratorOutcome.didNotYield(name));
    } else if ((before & WAITING) != 0) {
      @SuppressWarnings("unchecked") // exit published it before WAITING
      CompletableFuture<Boolean> exiting = (CompletableFuture<Boolean>) waiting;
      Throwable replacement = replacement();
      if (replacement != null) {
        exiting.completeExceptionally(replacement);
      } else {
        exiting.complete(GeneratorOutcome.suppresses(bodyFailure, methodFailure));
      }
    }
  }

  /** The outcome of exit, when the method has completed by the time exit needs it. */
  private CompletionStage<Boolean> outcome(boolean finishedFirst) {
    Throwable replacement = replacement();
    if (replacement != null) {
      return Stages.failed(replacement);
    }
    return Stages.of(!finishedFirst && GeneratorOutcome.suppresses(bodyFailure, methodFailure));
  }

  private Throwable replacement() {
    return GeneratorOutcome.replacement(secondYield, bodyFailure, methodFailure);
  }

  /**
   * The method's stage completed. Not for callers: this scope listens to the method's stage.
   *
   * @param failure the stage's failure, or {@code null}
   */
  @Override
  public void stageDone(Throwable failure) {
    finished(GeneratorOutcome.unwrap(failure, bodyFailure));
  }

  /**
   * The scope of a {@link #use}, for {@link UseFuture} to run or to finish: its enter invokes the
   * method, or, once the use has invoked it, hands on the enter stage, which the yield completes.
   */
  private static final class Started<T, A> implements AsyncScope<T>, NamedScope {
    private final AsyncGenerator<T> generator;

    /** The method's argument. */
    private final A argument;

    /** The method to invoke; {@code null} once the use has invoked it. */
    private final Invoker<A, T> invoker;

    Started(AsyncGenerator<T> generator, A argument, Invoker<A, T> invoker) {
      this.generator = generator;
      this.argument = argument;
      this.invoker = invoker;
    }

    @Override
    public CompletionStage<T> enter() {
      return invoker == null ? generator.entered() : generator.enter(argument, invoker);
    }

    @Override
    public CompletionStage<Boolean> exit(T resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public String scopeName() {
      return generator.scopeName();
    }
  }

  /**
   * The stage of a yield made on another thread while a {@link #use} ran the method and had not
   * yet recorded a yield of its own ({@link #FOREIGN}): either the method's yield, or its second.
   * The use decides (see {@link #use(Method, Function)}), and this stage reads the decision when
   * the yield's stage completes: {@link #INLINE} cleared means adopted, and it then completes with
   * the body's outcome, the same object; otherwise it fails as a second yield does. A cancel goes
   * to the body once adopted, and is refused before.
   */
  private static final class ForeignYield extends BodyStage.Following implements StageListener {
    private final AsyncGenerator<?> generator;

    ForeignYield(AsyncGenerator<?> generator) {
      super(generator);
      this.generator = generator;
    }

    @Override
    public void stageDone(Throwable failure) {
      if (!adopted()) {
        completeExceptionally(generator.misplacedYield(YIELDED | (generator.phase & FINISHED)));
      } else if (failure == null) {
        complete(null);
      } else {
        completeExceptionally(failure);
      }
    }

    private boolean adopted() {
      return (generator.phase & INLINE) == 0;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return adopted() && super.cancel(mayInterruptIfRunning);
    }
  }

  /**
   * The future of a {@link #use} whose body has ended while the method's cleanup still runs: it
   * completes as {@link UseFuture} does then, and refuses {@code cancel}, as there is no body left
   * to cancel and cleanup is never cancelled.
   */
  private static final class Exiting<R> extends CompletableFuture<R>
      implements BiFunction<Boolean, Throwable, Void> {
    private final R value;
    private final Throwable failure;

    Exiting(R value, Throwable failure) {
      this.value = value;
      this.failure = failure;
    }

    /** Exit's stage completed. */
    @Override
    public Void apply(Boolean suppress, Throwable exitFailure) {
      if (exitFailure != null) {
        completeExceptionally(Failures.unwrap(exitFailure));
      } else if (Boolean.TRUE.equals(suppress)) {
        complete(null);
      } else if (failure != null) {
        completeExceptionally(failure);
      } else {
        complete(value);
      }
      return null;
    }

    /**
     * Refused: the body has ended, and the cleanup that runs is never cancelled.
     *
     * @return {@code false}
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }
  }
}
