package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.LeakDetector;
import dev.scopegen.runtime.internal.Registrations;
import dev.scopegen.runtime.internal.ScopeEvents;
import dev.scopegen.runtime.internal.ScopeUse;
import dev.scopegen.runtime.internal.Stages;
import dev.scopegen.runtime.internal.SynchronousScope;
import dev.scopegen.runtime.internal.Unwinding;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Python's {@code AsyncExitStack}: a LIFO stack of cleanup that grows at run time, for a number of
 * resources known only while the program runs.
 *
 * <pre>{@code
 * new ExitStack().run(stack -> {
 *   for (Path path : paths) {
 *     writers.add(stack.enter(Scopes.closing(Files.newBufferedWriter(path))));
 *   }
 *   ... // every writer is closed at the end, newest first, whatever happens
 * });
 * }</pre>
 *
 * <p>Synchronous and asynchronous registrations form one stack and run in reverse order of
 * registration when the stack unwinds:
 *
 * <ul>
 *   <li>{@link #enter} / {@link #enterAsync} enter a scope and register its {@link AsyncScope#exit};
 *       a scope whose enter fails registers nothing.
 *   <li>{@link #push} / {@link #pushAsync} register an exit handler, which sees the failure in
 *       flight and may suppress it.
 *   <li>{@link #callback} / {@link #callbackAsync} register a cleanup callback, which neither sees
 *       nor suppresses failures.
 * </ul>
 *
 * <p>Each registration method returns its argument, as Python's do.
 *
 * <h2>Unwinding</h2>
 *
 * <p>Used as a scope ({@link #use}, {@link #call}, {@link #run}, or {@link #exit} directly), the
 * stack unwinds with the body's failure: each exit handler and scope sees the failure in flight,
 * and {@code null} once an earlier one suppressed it. Cleanup failures follow try-with-resources (JLS 14.20.3) rather
 * than Python: a failure raised while another one is in flight is added to it as suppressed
 * instead of replacing it; with none in flight, the first cleanup failure becomes the failure and
 * later ones are suppressed onto it. Only a scope's own {@code exit} may replace the failure in
 * flight, as its protocol allows (a generator that translates the failure); the replacement
 * carries the failure it replaces, and propagates as it is.
 *
 * <p>A failure that a handler or scope suppressed is gone, as in Python: nothing attaches it to
 * anything. If an older callback fails after that, its failure propagates as after a successful
 * body, without the suppressed one.
 *
 * <p>{@link #close} and {@link #closeAsync} unwind with no failure in flight, for example at the
 * end of a {@code try}-with-resources statement, which does not tell {@code close} what failed: to
 * let handlers see and suppress the body's failure, run the body with {@link #call} or {@link #run}
 * instead.
 *
 * <p>Unwinding is iterative: a stack of a hundred thousand registrations, synchronous or
 * asynchronous stages that already completed, unwinds in constant stack depth. After unwinding
 * the stack is empty and can be used again; closing an empty stack does nothing. Registrations
 * added while the stack unwinds are unwound too.
 *
 * <h2>Threads</h2>
 *
 * <p>Like {@link java.util.ArrayDeque}, a stack is not safe for concurrent use: register from one
 * thread at a time, wait for {@link #enterAsync} before registering more, and wait for an
 * unwinding to finish before touching the stack again. Asynchronous registrations may complete on
 * any thread; the completion of their stages orders the steps.
 *
 * <h2>Leaks</h2>
 *
 * <p>A stack that holds registrations must be closed (or used as a scope), or they never run. With
 * {@code -Ddev.scopegen.leakDetection=on}, a stack that becomes unreachable while it holds
 * registrations, before its unwinding has finished, is reported: a WARNING on the {@code
 * System.Logger} {@code dev.scopegen.leak}, with the stack trace of its first registration since
 * it was created or last unwound, and a JFR event {@code dev.scopegen.Leak}.
 */
// close() declares Exception because cleanup callbacks may throw any exception, InterruptedException
// included; javac's "try" lint would flag that on every AutoCloseable declaring Exception.
@SuppressWarnings("try")
public final class ExitStack implements AsyncScope<ExitStack>, AutoCloseable {

  /** The array of a stack that keeps no registration itself. */
  private static final Object[] NO_SLOTS = {};

  /** Four synchronous scopes, or eight callbacks, before the array of a new stack grows. */
  private static final int CAPACITY = 8;

  /**
   * The registrations, newest last, while the stack keeps them itself: no object between the
   * stack and its array, and an unwinding that runs synchronous registrations on the spot. Slots
   * from {@link #size} on are free.
   *
   * <p>They are laid out as {@link Registrations} lays them out, but for one thing: an entered
   * {@link SynchronousScope} whose slots lie among the first 64 takes two slots, its resource and
   * the scope, without a marker; its bit in {@link #synchronousTops} says what it is. That saves a
   * reference store, with its garbage collector barriers, on every synchronous enter: a body that
   * enters three scopes compiles to a quarter less code, small enough on JDK 25 for the JIT to
   * inline it into {@link #call} and do away with the stack object. The type of a registration
   * cannot tell it instead: a callback that is not a {@code SynchronousScope} would pay a failing
   * interface test, a scan of its class's interfaces on JDK 17. {@link #handOver} puts the markers
   * back before the loop engine takes the array.
   *
   * <p>A new stack creates its array at once rather than with its first registration: the first
   * few registrations then find room with no allocation in their code, which keeps a body that
   * enters a few scopes small and fast once compiled (measured: a quarter less time for three). An
   * unwound stack drops its array and creates the next one when it is used again.
   *
   * <p>The hot paths (entering a synchronous scope, adding a callback, unwinding them) test only
   * for room here: a stack whose registrations moved to {@link #registrations} keeps an empty
   * array, so every registration takes the way out of line, {@link #add}, which adds it there.
   */
  private Object[] slots;

  private int size;

  /**
   * Bit {@code i} is set while slot {@code i} holds the scope of an entered {@link
   * SynchronousScope} kept without a marker, its resource in slot {@code i - 1}; only slots below
   * 64 have a bit. Every other bit is clear.
   */
  private long synchronousTops;

  /**
   * The registrations once an unwinding had to hand them to the loop engine (an asynchronous
   * registration, or one that failed), and from the start with leak detection on; {@code null}
   * while the stack keeps them in {@link #slots}, which is empty while this is set. Once set, it
   * holds every registration for good.
   */
  private Registrations registrations = LeakDetector.ON ? new Registrations() : null;

  /** Creates an empty stack. */
  public ExitStack() {
    this(LeakDetector.ON ? NO_SLOTS : new Object[CAPACITY], 0, 0);
  }

  /** Creates a stack that keeps the registrations {@code slots} holds. */
  private ExitStack(Object[] slots, int size, long synchronousTops) {
    this.slots = slots;
    this.size = size;
    this.synchronousTops = synchronousTops;
  }

  /**
   * Enters {@code scope} on the calling thread and registers its exit: Python's {@code
   * enter_context}. Waiting for the scope's enter can be interrupted; a resource that arrives after
   * the interrupt is released at once.
   *
   * @param <T> the resource type
   * @param scope the scope to enter
   * @return the entered resource
   * @throws Exception the failure of entering the scope, which registers nothing
   */
  public <T> T enter(AsyncScope<T> scope) throws Exception {
    if (!(scope instanceof SynchronousScope) || ScopeEvents.enabled()) {
      return enterOther(scope);
    }
    T resource = enterNow((SynchronousScope<T>) scope);
    int size = this.size;
    int top = size + 1;
    Object[] slots = this.slots;
    if (top < slots.length && top < Long.SIZE) {
      slots[size] = resource;
      slots[top] = scope;
      synchronousTops |= 1L << top;
      this.size = top + 1;
    } else {
      add(Registrations.SYNCHRONOUS_SCOPE, scope, resource);
    }
    return resource;
  }

  /** Enters a synchronous scope, failing as {@link Blocking#enter} fails with its stage. */
  private static <T> T enterNow(SynchronousScope<T> scope) {
    try {
      return scope.enterNow();
    } catch (Throwable failure) {
      throw Stages.sneakyThrow(Failures.unwrap(failure));
    }
  }

  /**
   * Enters what {@link #enter} does not enter on the spot: a scope that is not synchronous, whose
   * stage it waits for, {@code null}, and any scope while a recording may record its use.
   */
  private <T> T enterOther(AsyncScope<T> scope) {
    AsyncScope<T> entering = ScopeUse.recorded(Objects.requireNonNull(scope, "scope"));
    if (entering instanceof SynchronousScope) {
      T resource = enterNow((SynchronousScope<T>) entering);
      add(Registrations.SYNCHRONOUS_SCOPE, entering, resource);
      return resource;
    }
    T resource = Blocking.enter(entering);
    add(Registrations.SCOPE, entering, resource);
    return resource;
  }

  /**
   * Enters {@code scope} without blocking and registers its exit once it is entered: Python's
   * {@code enter_async_context}. Wait for the returned stage before using the stack again.
   *
   * @param <T> the resource type
   * @param scope the scope to enter
   * @return a stage that completes with the entered resource after the exit was registered, or
   *     exceptionally with the failure of entering, which registers nothing
   */
  public <T> CompletionStage<T> enterAsync(AsyncScope<T> scope) {
    AsyncScope<T> stacked = ScopeUse.recorded(Objects.requireNonNull(scope, "scope"));
    CompletionStage<T> entering;
    try {
      entering = Stages.nonNull(stacked.enter(), "enter()");
    } catch (Throwable failure) {
      return Stages.failed(failure);
    }
    byte kind =
        stacked instanceof SynchronousScope ? Registrations.SYNCHRONOUS_SCOPE : Registrations.SCOPE;
    if (Stages.isDoneNormally(entering)) {
      add(kind, stacked, Stages.valueOf(entering));
      return entering;
    }
    CompletableFuture<T> entered = new CompletableFuture<>();
    entering.handle(
        (resource, failure) -> {
          if (failure != null) {
            return entered.completeExceptionally(Failures.unwrap(failure));
          }
          add(kind, stacked, resource);
          return entered.complete(resource);
        });
    return entered;
  }

  /**
   * Registers an exit handler: Python's {@code push}. It sees the failure in flight and returns
   * {@code true} to suppress it.
   *
   * @param <H> the handler's type
   * @param handler the handler
   * @return {@code handler}
   */
  public <H extends ExitHandler> H push(H handler) {
    add(Registrations.HANDLER, Objects.requireNonNull(handler, "handler"), null);
    return handler;
  }

  /**
   * Registers an asynchronous exit handler: Python's {@code push_async_exit}. It sees the failure in
   * flight and completes with {@code true} to suppress it.
   *
   * @param <H> the handler's type
   * @param handler the handler
   * @return {@code handler}
   */
  public <H extends AsyncExitHandler> H pushAsync(H handler) {
    add(Registrations.ASYNC_HANDLER, Objects.requireNonNull(handler, "handler"), null);
    return handler;
  }

  /**
   * Registers a cleanup callback: Python's {@code callback}.
   *
   * @param <C> the callback's type
   * @param cleanup the callback
   * @return {@code cleanup}
   */
  public <C extends Cleanup> C callback(C cleanup) {
    Objects.requireNonNull(cleanup, "cleanup");
    int size = this.size;
    Object[] slots = this.slots;
    if (size < slots.length) {
      slots[size] = cleanup;
      this.size = size + 1;
    } else {
      add(Registrations.CLEANUP, cleanup, null);
    }
    return cleanup;
  }

  /**
   * Registers an asynchronous cleanup callback: Python's {@code push_async_callback}. The stack
   * waits for its stage before running the next registration.
   *
   * @param <C> the callback's type
   * @param cleanup the callback
   * @return {@code cleanup}
   */
  public <C extends AsyncCleanup> C callbackAsync(C cleanup) {
    add(Registrations.ASYNC_CLEANUP, Objects.requireNonNull(cleanup, "cleanup"), null);
    return cleanup;
  }

  /**
   * Registers what the hot paths do not: any registration once they are with the loop engine, a
   * registration that needs a larger array, and the kinds that take a marker.
   */
  private void add(byte kind, Object target, Object resource) {
    Registrations all = registrations;
    if (all != null) {
      all.add(kind, target, resource);
      if (LeakDetector.ON) {
        LeakDetector.registered(this, all);
      }
      return;
    }
    Object[] slots = this.slots;
    int size = this.size;
    if (size + Registrations.MAX_SLOTS > slots.length) {
      slots = Registrations.grow(slots, size + Registrations.MAX_SLOTS);
      this.slots = slots;
    }
    this.size = Registrations.put(slots, size, kind, target, resource);
  }

  /**
   * Unwinds the stack with {@code failure} in flight, as {@link Unwinding#unwind} does: while the
   * stack keeps its registrations itself, it runs the newest callbacks and {@link
   * SynchronousScope}s kept without a marker, the commonest, on the spot, with no object and no
   * stage; from the first registration with a marker on, {@link #unwindMarked} goes on.
   * Registrations added meanwhile are the newest, and run first.
   */
  private CompletionStage<Boolean> unwind(Throwable failure) {
    Throwable inFlight = failure;
    int newest;
    while ((newest = size - 1) >= 0) {
      Object[] slots = this.slots;
      Object top = slots[newest];
      byte kind = Registrations.CLEANUP;
      try {
        if (isSynchronousTop(newest)) {
          kind = Registrations.SYNCHRONOUS_SCOPE;
          inFlight = exitSynchronousTop(slots, newest, inFlight);
        } else if (!Registrations.isMarker(top)) {
          size = newest;
          ((Cleanup) top).run();
        } else {
          return unwindMarked(failure, inFlight);
        }
      } catch (Throwable stepFailure) {
        return failedStep(failure, inFlight, kind, stepFailure);
      }
    }
    Registrations all = registrations;
    if (all != null) { // the stack kept none itself
      return unwound(Unwinding.unwind(all, failure));
    }
    this.slots = NO_SLOTS; // one store instead of one per slot run
    return Stages.of(inFlight != failure);
  }

  /**
   * Goes on with {@link #unwind} from a registration with a marker: runs synchronous handlers on
   * the spot too, and the exits of asynchronous scopes while their stages are complete at once; it
   * hands the rest to the loop engine at the first asynchronous callback or handler, the first
   * stage that is pending or failed, or the first failure.
   */
  @SuppressWarnings("unchecked") // a scope registration pairs a scope with its own resource
  private CompletionStage<Boolean> unwindMarked(Throwable failure, Throwable inFlight) {
    int newest;
    while ((newest = size - 1) >= 0) {
      Object[] slots = this.slots;
      Object top = slots[newest];
      byte kind = Registrations.kindOf(top);
      try {
        if (isSynchronousTop(newest)) {
          kind = Registrations.SYNCHRONOUS_SCOPE;
          inFlight = exitSynchronousTop(slots, newest, inFlight);
        } else if (kind == Registrations.CLEANUP) {
          size = newest;
          ((Cleanup) top).run();
        } else if (kind == Registrations.SYNCHRONOUS_SCOPE) {
          size = newest - 2;
          if (((SynchronousScope<Object>) slots[newest - 1]).exitNow(slots[newest - 2], inFlight)) {
            inFlight = null;
          }
        } else if (kind == Registrations.HANDLER) {
          size = newest - 1;
          if (((ExitHandler) slots[newest - 1]).onExit(inFlight)) {
            inFlight = null;
          }
        } else if (kind == Registrations.SCOPE) {
          // An asynchronous exit whose stage is complete at once (a generator's that ran while the
          // exit waited for it, say) needs no loop either.
          size = newest - 2;
          CompletionStage<Boolean> exiting =
              Registrations.exitScope(slots[newest - 1], slots[newest - 2], inFlight);
          if (!Stages.isDoneNormally(exiting)) {
            return Unwinding.takeOver(handOver(), failure, inFlight, kind, exiting);
          }
          if (Boolean.TRUE.equals(Stages.valueOf(exiting))) {
            inFlight = null;
          }
        } else {
          return Unwinding.takeOver(handOver(), failure, inFlight);
        }
      } catch (Throwable stepFailure) {
        return failedStep(failure, inFlight, kind, stepFailure);
      }
    }
    this.slots = NO_SLOTS;
    return Stages.of(inFlight != failure);
  }

  /** Hands the unwinding over to the loop engine after a synchronous step of {@code kind} failed. */
  private CompletionStage<Boolean> failedStep(
      Throwable failure, Throwable inFlight, byte kind, Throwable stepFailure) {
    return Unwinding.takeOver(handOver(), failure, inFlight, kind, stepFailure);
  }

  /**
   * Pops the synchronous scope kept without a marker whose scope is in slot {@code newest} and
   * exits it on the spot.
   *
   * @return the failure still in flight: {@code null} if the exit suppressed {@code inFlight}
   */
  @SuppressWarnings("unchecked") // a synchronous scope's registration pairs it with its resource
  private Throwable exitSynchronousTop(Object[] slots, int newest, Throwable inFlight)
      throws Throwable {
    synchronousTops ^= 1L << newest;
    size = newest - 1;
    SynchronousScope<Object> scope = (SynchronousScope<Object>) slots[newest];
    return scope.exitNow(slots[newest - 1], inFlight) ? null : inFlight;
  }

  /** Whether {@code slot} holds the scope of a synchronous scope kept without a marker. */
  private boolean isSynchronousTop(int slot) {
    return (synchronousTops >>> slot & 1L) != 0 && slot < Long.SIZE;
  }

  /**
   * Hands the registrations left to the loop engine, and keeps them there from now on, laid out
   * as {@link Registrations} lays them out: a synchronous scope kept without a marker gets one.
   */
  private Registrations handOver() {
    Registrations all = Registrations.of(withMarkers(), size + Long.bitCount(synchronousTops));
    registrations = all;
    slots = NO_SLOTS;
    size = 0;
    synchronousTops = 0;
    return all;
  }

  /**
   * The registrations, laid out as {@link Registrations} lays them out, in an array with nothing
   * above them: this stack's array when no synchronous scope in it lacks a marker.
   */
  private Object[] withMarkers() {
    Object[] slots = this.slots;
    int size = this.size;
    if (synchronousTops == 0) {
      Arrays.fill(slots, size, slots.length, null); // the slots run on the spot
      return slots;
    }
    // Copied from the newest down, as only the newest slot of a registration tells its length.
    int kept = size + Long.bitCount(synchronousTops);
    Object[] marked = new Object[kept];
    int from = size;
    int to = kept;
    while (from > 0) {
      int newest = from - 1;
      int length;
      if (isSynchronousTop(newest)) {
        marked[--to] = Registrations.SYNCHRONOUS_SCOPE_MARKER;
        length = 2;
      } else {
        length = Registrations.slotsOf(Registrations.kindOf(slots[newest]));
      }
      from -= length;
      to -= length;
      System.arraycopy(slots, from, marked, to, length);
    }
    return marked;
  }

  private CompletionStage<Boolean> unwound(CompletionStage<Boolean> unwinding) {
    if (LeakDetector.ON) {
      LeakDetector.unwinding(this, registrations, unwinding);
    }
    return unwinding;
  }

  /**
   * Moves every registration to a new stack and leaves this one empty: Python's {@code pop_all}.
   * Typical use: enter several resources, and hand them over to the caller only if all of them
   * could be entered.
   *
   * @return a new stack holding this stack's registrations, in the same order
   */
  public ExitStack popAll() {
    Registrations all = registrations;
    if (all == null) {
      Arrays.fill(slots, size, slots.length, null);
      ExitStack moved = new ExitStack(slots, size, synchronousTops);
      slots = NO_SLOTS;
      size = 0;
      synchronousTops = 0;
      return moved;
    }
    ExitStack moved = new ExitStack(NO_SLOTS, 0, 0);
    moved.registrations = all.removeAll();
    if (LeakDetector.ON) {
      LeakDetector.moved(all, moved, moved.registrations);
    }
    return moved;
  }

  /**
   * Unwinds the stack with no failure in flight and waits for it without being interrupted: every
   * registration runs, newest first. An interrupt that arrives while waiting is kept.
   *
   * @throws Exception the first cleanup failure, with later ones suppressed onto it (thrown as it
   *     is, so an {@link Error} or other {@link Throwable} propagates too)
   */
  @Override
  public void close() throws Exception {
    Stages.await(unwind(null));
  }

  /**
   * Unwinds the stack with no failure in flight, without blocking: Python's {@code aclose}.
   *
   * @return a stage that completes when every registration ran, or exceptionally with the first
   *     cleanup failure, with later ones suppressed onto it
   */
  public CompletionStage<Void> closeAsync() {
    CompletionStage<Boolean> unwinding = unwind(null);
    if (Stages.isDoneNormally(unwinding)) {
      return Stages.done();
    }
    return Stages.after(unwinding, null);
  }

  /**
   * Runs {@code body} with this stack and unwinds it with the body's failure in flight: the
   * blocking {@code with ExitStack() as stack:}. The stack hands out itself, so nothing waits to
   * enter it.
   *
   * @param <R> the result type
   * @param <X> the body's checked exception
   * @param body the body
   * @return the body's result, or {@code null} when a handler or scope suppressed its failure
   * @throws X the body's failure
   * @throws Exception a cleanup failure, as {@link #exit} says
   */
  @Override
  public <R, X extends Throwable> R call(ScopeFunction<? super ExitStack, ? extends R, X> body)
      throws X, Exception {
    R result;
    try {
      result = body.apply(this);
    } catch (Throwable failure) {
      if (exitAfter(failure)) {
        return null;
      }
      throw failure;
    }
    exitAfterSuccess();
    return result;
  }

  /**
   * Runs {@code body} with this stack and unwinds it with the body's failure in flight; see {@link
   * #call}.
   *
   * @param <X> the body's checked exception
   * @param body the body
   * @throws X the body's failure
   * @throws Exception a cleanup failure, as {@link #exit} says
   */
  @Override
  public <X extends Throwable> void run(ScopeConsumer<? super ExitStack, X> body)
      throws X, Exception {
    try {
      body.accept(this);
    } catch (Throwable failure) {
      if (exitAfter(failure)) {
        return;
      }
      throw failure;
    }
    exitAfterSuccess();
  }

  /**
   * Unwinds after the body succeeded, on the spot while every registration is synchronous; throws
   * the first cleanup failure, as {@link Blocking#undeclared} says.
   */
  private void exitAfterSuccess() {
    CompletionStage<Boolean> unwinding = unwind(null);
    if (!Stages.isDoneNormally(unwinding)) {
      try {
        Stages.await(unwinding);
      } catch (Throwable failure) {
        throw Blocking.undeclared(failure, ExitStack::isException);
      }
    }
  }

  /**
   * Unwinds after the body failed with {@code failure}; says whether a handler or scope suppressed
   * it, or throws the failure that propagates instead, as {@link Blocking#undeclared} says.
   */
  private boolean exitAfter(Throwable failure) {
    Boolean suppress;
    try {
      suppress = Stages.await(unwind(failure));
    } catch (Throwable replacement) {
      if (replacement == failure) {
        return false;
      }
      throw Blocking.undeclared(replacement, ExitStack::isException);
    }
    return Boolean.TRUE.equals(suppress);
  }

  private static boolean isException(Throwable failure) {
    return failure instanceof Exception;
  }

  /**
   * Enters the stack as a scope: hands the stack itself to the body, like Python's {@code
   * __aenter__}.
   *
   * @return a completed stage holding this stack
   */
  @Override
  public CompletionStage<ExitStack> enter() {
    return CompletableFuture.completedFuture(this);
  }

  /**
   * Unwinds the stack with the body's failure in flight: Python's {@code __aexit__}.
   *
   * @param stack this stack, as {@link #enter} handed it to the body
   * @param failure the body's failure, or {@code null}
   * @return a stage that completes with {@code true} when a handler suppressed {@code failure},
   *     with {@code false} when it must propagate (cleanup failures suppressed onto it), or
   *     exceptionally with a failure that must propagate instead
   */
  @Override
  public CompletionStage<Boolean> exit(ExitStack stack, Throwable failure) {
    return unwind(failure);
  }
}
