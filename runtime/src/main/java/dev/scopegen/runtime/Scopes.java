package dev.scopegen.runtime;

import dev.scopegen.runtime.internal.AllScope;
import dev.scopegen.runtime.internal.AsyncClosingScope;
import dev.scopegen.runtime.internal.SuppressScope;
import dev.scopegen.runtime.internal.ToolboxScope;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * Ready-made scopes: the {@code contextlib} and {@code asyncio} toolbox of Python, as {@link
 * AsyncScope}s that work with {@code use}, {@code call}, {@code run} and {@link ExitStack}.
 *
 * <p>Every scope returned here can be entered any number of times, one enter per use. Most are
 * {@link TypedScope}s, whose {@code call} and {@code run} declare only what the scope can throw
 * besides the body's own exception: nothing checked for {@link #just} and {@link #suppress}, {@code
 * InterruptedException} for {@link #lock} and {@link #permit}, {@code TimeoutException} for {@link
 * #timeout}, what {@code close} declares for {@link #closing}.
 *
 * <p><b>Which scopes block.</b> {@link #lock(Lock)} and {@link #permit(Semaphore)} wait for the
 * lock or permit on the thread that enters them, also inside {@code use}: they suit blocking
 * {@code call}/{@code run} (ideal on virtual threads), not an event loop. {@link
 * #permit(AsyncSemaphore)} suspends instead: its {@code use} never blocks a thread, as Python's
 * {@code async with lock} never blocks the loop. The other scopes here never wait in {@code
 * enter} ({@link #all} waits as the scopes it enters do).
 */
public final class Scopes {

  private Scopes() {}

  /**
   * A deadline for the body: Python's {@code asyncio.timeout}.
   *
   * <pre>{@code
   * String page = Scopes.timeout(Duration.ofSeconds(2)).call(deadline -> fetch(url));
   * }</pre>
   *
   * <ul>
   *   <li>With {@code call}/{@code run} the deadline interrupts the thread that entered the scope.
   *       At exit the scope clears the interrupt it caused, on that thread, so none is left behind,
   *       also when the deadline passed just as the body finished. The same holds whenever the
   *       scope is entered through {@link AsyncScope#enter} ({@link ExitStack#enter}, {@link
   *       #all}): the deadline belongs to the entering thread, so asynchronous code should use the
   *       timeout's own {@code use}.
   *   <li>With {@code use} it cancels the stage the body returned (a {@link
   *       java.util.concurrent.CompletableFuture}; other stages cannot be cancelled from outside and
   *       run on).
   *   <li>If the deadline passed and the body failed, the scope fails with a {@link
   *       java.util.concurrent.TimeoutException} whose cause is the body's failure (typically the
   *       {@link InterruptedException} or {@link java.util.concurrent.CancellationException} the
   *       deadline caused). A body that still completed normally keeps its result, as in Python,
   *       and a {@code TimeoutException} of the body's own propagates as it is, so with nested
   *       timeouts only the one that expired converts.
   * </ul>
   *
   * <p>One shared daemon timer thread serves every timeout. The body gets the {@link Deadline}, to
   * move it or to ask whether it passed.
   *
   * <p>As with {@code asyncio.timeout}, the deadline may pass while scopes nested in the body clean
   * up: their asynchronous exits are awaited without interruption, but synchronous cleanup code
   * running on the interrupted thread sees the interrupt.
   *
   * @param timeout the time the body has, measured from each enter; {@code null} for no deadline,
   *     zero or negative to expire at once
   * @return the scope
   */
  public static TypedScope<Deadline, TimeoutException> timeout(Duration timeout) {
    return new TimeoutScope(timeout);
  }

  /**
   * Holds {@code lock} for the body: {@code with lock:}. Enter waits for the lock interruptibly
   * ({@link Lock#lockInterruptibly}); exit unlocks it.
   *
   * <p><b>Blocks</b> the entering thread while the lock is taken, in {@code use} too. For an
   * asynchronous body that must not block, use {@link #permit(AsyncSemaphore)} with {@code new
   * AsyncSemaphore(1)}.
   *
   * <p>A {@link java.util.concurrent.locks.ReentrantLock} belongs to the thread that locked it, so
   * use such locks with the blocking {@code call}/{@code run} (ideal on virtual threads), where enter
   * and exit run on one thread.
   *
   * @param <L> the lock's type
   * @param lock the lock
   * @return the scope, handing the lock itself to the body; its {@code call}/{@code run} declare
   *     {@code InterruptedException}
   */
  public static <L extends Lock> TypedScope<L, InterruptedException> lock(L lock) {
    return new ToolboxScope<L, InterruptedException>(
        "Scopes.lock",
        Objects.requireNonNull(lock, "lock"),
        Lock::lockInterruptibly,
        Lock::unlock,
        ToolboxScope.INTERRUPTED);
  }

  /**
   * Holds one permit of {@code semaphore} for the body: {@code async with semaphore:}. Enter takes
   * a permit, waiting interruptibly if none is free: an interrupt while waiting takes nothing, so
   * nothing is released. Exit releases the permit, exactly once per enter that succeeded.
   *
   * <p><b>Blocks</b> the entering thread while no permit is free, in {@code use} too: permits belong
   * to no thread, so the exit of an asynchronous body may release it anywhere, but waiting for one
   * takes a thread. To wait without blocking, use {@link #permit(AsyncSemaphore)}.
   *
   * @param semaphore the semaphore
   * @return the scope, handing the semaphore itself to the body; its {@code call}/{@code run}
   *     declare {@code InterruptedException}
   */
  public static TypedScope<Semaphore, InterruptedException> permit(Semaphore semaphore) {
    return new ToolboxScope<Semaphore, InterruptedException>(
        "Scopes.permit",
        Objects.requireNonNull(semaphore, "semaphore"),
        Semaphore::acquire,
        Semaphore::release,
        ToolboxScope.INTERRUPTED);
  }

  /**
   * Holds one permit of {@code semaphore} for the body, waiting without blocking: Python's {@code
   * async with semaphore:} (and, with {@code new AsyncSemaphore(1)}, {@code async with lock:}).
   *
   * <pre>{@code
   * AsyncSemaphore lock = new AsyncSemaphore(1);
   * Scopes.permit(lock).use(held -> saveAsync(counter.incrementAndGet()));
   * }</pre>
   *
   * <ul>
   *   <li>{@code use} <b>suspends</b>: it never blocks a thread. The body starts when the permit is
   *       granted, in {@link AsyncSemaphore}'s FIFO order, on the thread that released it.
   *   <li>Exit releases the permit, exactly once per grant, whatever the body did.
   *   <li>A cancel of {@code use} while it waits withdraws it from the queue: it takes nothing and
   *       releases nothing, and the future completes cancelled at once. A cancel after the grant
   *       cancels the body as usual, and the permit is released after it.
   *   <li>{@code call}/{@code run} wait on the calling thread (ideal on virtual threads); an
   *       interrupt while waiting withdraws them and throws {@code InterruptedException}.
   *   <li>{@link AsyncScope#enter} returns the waiter's stage: cancelling it withdraws the waiter.
   * </ul>
   *
   * @param semaphore the semaphore
   * @return the scope, handing the semaphore itself to the body; its {@code call}/{@code run}
   *     declare {@code InterruptedException}
   */
  public static TypedScope<AsyncSemaphore, InterruptedException> permit(AsyncSemaphore semaphore) {
    return new AsyncPermitScope(Objects.requireNonNull(semaphore, "semaphore"));
  }

  /**
   * Hands {@code resource} to the body and closes it at exit: Python's {@code contextlib.closing},
   * for any {@link AutoCloseable} that is already open. A failing {@code close} is added to the
   * body's failure as suppressed, or propagates if the body succeeded.
   *
   * <p>Its {@code call}/{@code run} declare {@code Exception}, as {@link AutoCloseable#close} does.
   * A {@link Closeable} gets the overload that declares {@code IOException}; for a resource whose
   * {@code close} declares something narrower, pass the close as well: {@code
   * Scopes.closing(connection, Connection::close)} declares {@code SQLException}.
   *
   * @param <C> the resource's type
   * @param resource the resource
   * @return the scope
   */
  public static <C extends AutoCloseable> TypedScope<C, Exception> closing(C resource) {
    return new ToolboxScope<C, Exception>(
        "Scopes.closing",
        Objects.requireNonNull(resource, "resource"),
        null,
        AutoCloseable::close,
        failure -> failure instanceof Exception);
  }

  /**
   * Hands {@code resource} to the body and closes it at exit, like {@link #closing(AutoCloseable)},
   * for a {@link Closeable}: {@code call}/{@code run} declare {@code IOException}.
   *
   * <pre>{@code
   * String first = Scopes.closing(Files.newBufferedReader(path)).call(r -> r.readLine());
   * }</pre>
   *
   * @param <C> the resource's type
   * @param resource the resource
   * @return the scope
   */
  public static <C extends Closeable> TypedScope<C, IOException> closing(C resource) {
    return new ToolboxScope<C, IOException>(
        "Scopes.closing",
        Objects.requireNonNull(resource, "resource"),
        null,
        Closeable::close,
        failure -> failure instanceof IOException);
  }

  /**
   * Hands {@code resource} to the body and runs {@code close} on it at exit: Python's {@code
   * contextlib.closing} for a resource that is not {@link AutoCloseable}, or whose close declares
   * less than {@code Exception}. {@code call}/{@code run} declare what {@code close} declares.
   *
   * <pre>{@code
   * Scopes.closing(connection, Connection::close).run(c -> insertRows(c)); // throws SQLException
   * }</pre>
   *
   * @param <T> the resource's type
   * @param <E> the checked exception {@code close} may throw ({@link RuntimeException} when none)
   * @param resource the resource
   * @param close closes the resource
   * @return the scope
   */
  public static <T, E extends Exception> TypedScope<T, E> closing(
      T resource, ScopeConsumer<? super T, ? extends E> close) {
    // Java checks that close throws only an E or unchecked exceptions: whatever it throws is declared.
    return new ToolboxScope<T, E>(
        "Scopes.closing",
        Objects.requireNonNull(resource, "resource"),
        null,
        Objects.requireNonNull(close, "close"),
        failure -> true);
  }

  /**
   * Hands {@code resource} to the body and closes it asynchronously at exit: Python's {@code
   * contextlib.aclosing}. The scope's exit completes when the stage {@code close} returns
   * completes; its failure is handled like that of {@link #closing}.
   *
   * <pre>{@code
   * Scopes.closingAsync(channel, c -> c.shutdownGracefully()).use(c -> ...);
   * }</pre>
   *
   * @param <T> the resource's type
   * @param resource the resource
   * @param close closes the resource, returning a stage that completes when it is closed
   * @return the scope
   */
  public static <T> AsyncScope<T> closingAsync(
      T resource, Function<? super T, ? extends CompletionStage<?>> close) {
    return new AsyncClosingScope<>(resource, Objects.requireNonNull(close, "close"));
  }

  /**
   * Suppresses failures of the given types: Python's {@code contextlib.suppress}. A failure that
   * is an instance of one of the types (subclasses included) ends the body as if it had completed
   * normally, with a {@code null} result; any other failure propagates.
   *
   * @param types the failure types to suppress
   * @return the scope, handing {@code null} to the body
   */
  @SafeVarargs
  public static TypedScope<Void, RuntimeException> suppress(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> copy = new ArrayList<>(types.length);
    for (Class<? extends Throwable> type : types) {
      copy.add(Objects.requireNonNull(type, "types contains null"));
    }
    return new SuppressScope(copy);
  }

  /**
   * Hands {@code value} to the body and does nothing else: Python's {@code contextlib.nullcontext},
   * for code that takes a scope when there is nothing to manage.
   *
   * @param <T> the value's type
   * @param value the value, may be {@code null}
   * @return the scope
   */
  public static <T> TypedScope<T, RuntimeException> just(T value) {
    return new ToolboxScope<T, RuntimeException>(
        "Scopes.just", value, null, null, ToolboxScope.NOTHING);
  }

  /**
   * Several scopes as one: enters them in list order and hands the body their resources, in the
   * same order; exits them in reverse order, as an {@link ExitStack} would (each exit sees the
   * failure in flight, and {@code null} once one of them suppressed it).
   *
   * <p>If one fails to enter, the scopes already entered exit at once, in reverse order, with that
   * failure; it then propagates unchanged, their cleanup failures suppressed onto it.
   *
   * @param <T> the resources' common type
   * @param scopes the scopes, none {@code null}
   * @return the scope, handing the body an unmodifiable list of the resources
   */
  public static <T> AsyncScope<List<T>> all(List<? extends AsyncScope<? extends T>> scopes) {
    return AllScope.of(List.copyOf(scopes));
  }

  /**
   * Two scopes in one statement: Python's {@code async with a as x, b as y:}.
   *
   * <pre>{@code
   * Scopes.with(TransactionScope.of(tx), Scopes.permit(lock)).run((connection, held) -> ...);
   * }</pre>
   *
   * <p>Exactly the nesting {@code a.run(x -> b.run(y -> body(x, y)))}: entered in order, exited in
   * reverse, each exit seeing what the statement inside it propagated. {@code call}/{@code run}
   * declare the body's exception and {@code Exception}; see {@link #with(TypedScope, TypedScope)}
   * for typed scopes.
   *
   * @param <A> the resource type of {@code a}
   * @param <B> the resource type of {@code b}
   * @param a the outer scope
   * @param b the inner scope
   * @return the statement, to {@code call}, {@code run} or {@code use}
   */
  public static <A, B> With2<A, B, Exception, Exception> with(AsyncScope<A> a, AsyncScope<B> b) {
    return new With2<>(a, b);
  }

  /**
   * Two typed scopes in one statement, like {@link #with(AsyncScope, AsyncScope)}: {@code
   * call}/{@code run} declare the body's exception and each scope's own.
   *
   * <pre>{@code
   * void transfer() throws InterruptedException, TimeoutException {
   *   Scopes.with(Scopes.lock(lock), Scopes.timeout(Duration.ofSeconds(1)))
   *       .run((held, deadline) -> ledger.move(10));
   * }
   * }</pre>
   *
   * @param <A> the resource type of {@code a}
   * @param <B> the resource type of {@code b}
   * @param <E1> what entering or exiting {@code a} may throw
   * @param <E2> what entering or exiting {@code b} may throw
   * @param a the outer scope
   * @param b the inner scope
   * @return the statement, to {@code call}, {@code run} or {@code use}
   */
  public static <A, B, E1 extends Exception, E2 extends Exception> With2<A, B, E1, E2> with(
      TypedScope<A, E1> a, TypedScope<B, E2> b) {
    return new With2<>(a, b);
  }

  /**
   * Three scopes in one statement, the nesting {@code a.run(x -> b.run(y -> c.run(z -> ...)))};
   * see {@link #with(AsyncScope, AsyncScope)}.
   *
   * @param <A> the resource type of {@code a}
   * @param <B> the resource type of {@code b}
   * @param <C> the resource type of {@code c}
   * @param a the outermost scope
   * @param b the middle scope
   * @param c the innermost scope
   * @return the statement, to {@code call}, {@code run} or {@code use}
   */
  public static <A, B, C> With3<A, B, C, Exception, Exception, Exception> with(
      AsyncScope<A> a, AsyncScope<B> b, AsyncScope<C> c) {
    return new With3<>(a, b, c);
  }

  /**
   * Three typed scopes in one statement; see {@link #with(TypedScope, TypedScope)}.
   *
   * @param <A> the resource type of {@code a}
   * @param <B> the resource type of {@code b}
   * @param <C> the resource type of {@code c}
   * @param <E1> what entering or exiting {@code a} may throw
   * @param <E2> what entering or exiting {@code b} may throw
   * @param <E3> what entering or exiting {@code c} may throw
   * @param a the outermost scope
   * @param b the middle scope
   * @param c the innermost scope
   * @return the statement, to {@code call}, {@code run} or {@code use}
   */
  public static <A, B, C, E1 extends Exception, E2 extends Exception, E3 extends Exception>
      With3<A, B, C, E1, E2, E3> with(
          TypedScope<A, E1> a, TypedScope<B, E2> b, TypedScope<C, E3> c) {
    return new With3<>(a, b, c);
  }

  /**
   * Four scopes in one statement; see {@link #with(AsyncScope, AsyncScope)}.
   *
   * @param <A> the resource type of {@code a}
   * @param <B> the resource type of {@code b}
   * @param <C> the resource type of {@code c}
   * @param <D> the resource type of {@code d}
   * @param a the outermost scope
   * @param b the second scope
   * @param c the third scope
   * @param d the innermost scope
   * @return the statement, to {@code call}, {@code run} or {@code use}
   */
  public static <A, B, C, D> With4<A, B, C, D, Exception, Exception, Exception, Exception> with(
      AsyncScope<A> a, AsyncScope<B> b, AsyncScope<C> c, AsyncScope<D> d) {
    return new With4<>(a, b, c, d);
  }

  /**
   * Four typed scopes in one statement; see {@link #with(TypedScope, TypedScope)}.
   *
   * @param <A> the resource type of {@code a}
   * @param <B> the resource type of {@code b}
   * @param <C> the resource type of {@code c}
   * @param <D> the resource type of {@code d}
   * @param <E1> what entering or exiting {@code a} may throw
   * @param <E2> what entering or exiting {@code b} may throw
   * @param <E3> what entering or exiting {@code c} may throw
   * @param <E4> what entering or exiting {@code d} may throw
   * @param a the outermost scope
   * @param b the second scope
   * @param c the third scope
   * @param d the innermost scope
   * @return the statement, to {@code call}, {@code run} or {@code use}
   */
  public static <
          A, B, C, D,
          E1 extends Exception, E2 extends Exception, E3 extends Exception, E4 extends Exception>
      With4<A, B, C, D, E1, E2, E3, E4> with(
          TypedScope<A, E1> a, TypedScope<B, E2> b, TypedScope<C, E3> c, TypedScope<D, E4> d) {
    return new With4<>(a, b, c, d);
  }
}
