package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.AsyncCleanup;
import dev.scopegen.runtime.AsyncExitHandler;
import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.Cleanup;
import dev.scopegen.runtime.ExitHandler;
import dev.scopegen.runtime.ExitStack;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The registrations of an {@link ExitStack}, newest last: exit handlers, cleanup callbacks and
 * entered scopes, synchronous and asynchronous, in one LIFO order.
 *
 * <p>One array holds them all, without an object per registration. A cleanup callback, the
 * commonest, takes one slot: itself. Any other registration is followed by a marker of its kind:
 * a handler takes two slots (the handler, the marker), an entered scope three (its resource, the
 * scope, the marker). The newest slot tells what the newest registration is: a marker, or else a
 * callback. The markers are private to this class, so no registration can be mistaken for one. The
 * array is created with the first registration.
 *
 * <p>Not part of the public API.
 */
public final class Registrations {

  /** An {@code ExitHandler}. */
  public static final byte HANDLER = 0;

  /** An {@code AsyncExitHandler}. */
  public static final byte ASYNC_HANDLER = 1;

  /** A {@code Cleanup} callback. */
  public static final byte CLEANUP = 2;

  /** An {@code AsyncCleanup} callback. */
  public static final byte ASYNC_CLEANUP = 3;

  /**
   * An entered {@code AsyncScope}, with its resource. One that is a {@link SynchronousScope} is
   * kept as a {@link #SYNCHRONOUS_SCOPE}.
   */
  public static final byte SCOPE = 4;

  /** An entered {@link SynchronousScope}, with its resource: exited with {@code exitNow}. */
  public static final byte SYNCHRONOUS_SCOPE = 5;

  /** Three entered scopes, or ten callbacks, before the array grows. */
  private static final int INITIAL_CAPACITY = 10;

  private static final Object[] NOTHING = {};

  /** The markers, by kind; {@link #CLEANUP} has none. */
  private static final Kind[] MARKERS = {
    new Kind(HANDLER), new Kind(ASYNC_HANDLER), null, new Kind(ASYNC_CLEANUP), new Kind(SCOPE),
    new Kind(SYNCHRONOUS_SCOPE)
  };

  /**
   * The marker of an entered {@link SynchronousScope}, for an {@code ExitStack} that keeps some of
   * them without one while it keeps its registrations itself.
   */
  public static final Object SYNCHRONOUS_SCOPE_MARKER = MARKERS[SYNCHRONOUS_SCOPE];

  /** The most slots a registration takes: an entered scope's. */
  public static final int MAX_SLOTS = 3;

  private Object[] slots;
  private int size;

  /**
   * Leak detection's record of the stack that owns these registrations, set by {@link
   * LeakDetector}; always {@code null} when detection is off.
   */
  TrackedScope leak;

  /** Creates an empty set of registrations. */
  public Registrations() {
    this(NOTHING, 0);
  }

  /**
   * Takes over the array of registrations that an {@code ExitStack} kept itself, laid out as this
   * class lays them out: the stack hands it over when its unwinding needs {@link Unwinding}.
   *
   * @param slots the array, no longer the caller's; slots from {@code size} on are {@code null}
   * @param size how many slots hold registrations
   * @return the registrations
   */
  public static Registrations of(Object[] slots, int size) {
    return new Registrations(slots, size);
  }

  /**
   * The kind of the registration whose newest slot is {@code newest}.
   *
   * @param newest the newest slot of a registration
   * @return its kind
   */
  public static byte kindOf(Object newest) {
    return newest instanceof Kind ? ((Kind) newest).kind : CLEANUP;
  }

  /**
   * Whether {@code newest}, the newest slot of a registration, is a marker: the registration is
   * not a callback.
   *
   * @param newest the newest slot of a registration
   * @return whether it is a marker
   */
  public static boolean isMarker(Object newest) {
    return newest instanceof Kind;
  }

  /**
   * How many slots a registration of {@code kind} takes.
   *
   * @param kind the kind
   * @return one for a callback, three for an entered scope, two for a handler or an asynchronous
   *     callback
   */
  public static int slotsOf(byte kind) {
    return kind == CLEANUP ? 1 : kind >= SCOPE ? 3 : 2;
  }

  /**
   * Writes a registration into {@code slots}, laid out as this class lays them out.
   *
   * @param slots the array, with room for {@link #MAX_SLOTS} more from {@code size}
   * @param size how many slots hold registrations
   * @param kind one of {@link #HANDLER}, {@link #ASYNC_HANDLER}, {@link #CLEANUP}, {@link
   *     #ASYNC_CLEANUP}, {@link #SCOPE} and {@link #SYNCHRONOUS_SCOPE} (a {@link SynchronousScope}
   *     to be exited with {@code exitNow})
   * @param target the handler, callback or scope
   * @param resource the entered resource of a scope; {@code null} for the others
   * @return how many slots hold registrations now
   */
  public static int put(Object[] slots, int size, byte kind, Object target, Object resource) {
    if (kind == CLEANUP) {
      slots[size] = target;
      return size + 1;
    }
    if (kind >= SCOPE) {
      slots[size] = resource;
      slots[size + 1] = target;
      slots[size + 2] = MARKERS[kind];
      return size + 3;
    }
    slots[size] = target;
    slots[size + 1] = MARKERS[kind];
    return size + 2;
  }

  /**
   * Returns a larger copy of {@code slots}, with room for {@code needed} slots at least; the first
   * array holds three scopes, or ten callbacks.
   *
   * @param slots the array, full
   * @param needed the slots needed
   * @return the new array
   */
  public static Object[] grow(Object[] slots, int needed) {
    return slots.length == 0
        ? new Object[Math.max(INITIAL_CAPACITY, needed)]
        : Arrays.copyOf(slots, Math.max(needed, slots.length * 2));
  }

  private Registrations(Object[] slots, int size) {
    this.slots = slots;
    this.size = size;
  }

  /**
   * Adds a registration, the newest.
   *
   * @param kind one of {@link #HANDLER}, {@link #ASYNC_HANDLER}, {@link #CLEANUP}, {@link
   *     #ASYNC_CLEANUP}, {@link #SCOPE} and {@link #SYNCHRONOUS_SCOPE}; a {@link SynchronousScope}
   *     added as a {@code SCOPE} is kept as a {@code SYNCHRONOUS_SCOPE}
   * @param target the handler, callback or scope
   * @param resource the entered resource of a scope; {@code null} for the others
   */
  public void add(byte kind, Object target, Object resource) {
    Object[] slots = this.slots;
    if (size + MAX_SLOTS > slots.length) {
      slots = grow(slots, size + MAX_SLOTS);
      this.slots = slots;
    }
    byte kept = kind == SCOPE && target instanceof SynchronousScope ? SYNCHRONOUS_SCOPE : kind;
    size = put(slots, size, kept, target, resource);
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Moves every registration to a new instance and leaves this one empty.
   *
   * @return the registrations moved, in the same order
   */
  public Registrations removeAll() {
    Registrations moved = new Registrations(slots, size);
    slots = NOTHING;
    size = 0;
    return moved;
  }

  /** The kind of the newest registration; not empty. */
  byte newestKind() {
    return kindOf(slots[size - 1]);
  }

  /** The resource of the newest registration, an entered scope, before it is removed. */
  Object newestResource() {
    return slots[size - 3];
  }

  /**
   * Removes the newest registration, to run it.
   *
   * @param kind its kind, as {@link #newestKind} told
   * @return its handler, callback or scope (read its resource first with {@link #newestResource})
   */
  Object removeNewest(byte kind) {
    Object[] slots = this.slots;
    int newest = size - 1;
    if (kind == CLEANUP) {
      Object target = slots[newest];
      slots[newest] = null;
      size = newest;
      return target;
    }
    Object target = slots[newest - 1];
    slots[newest] = null;
    slots[newest - 1] = null;
    if (kind >= SCOPE) {
      slots[newest - 2] = null;
      size = newest - 2;
    } else {
      size = newest - 1;
    }
    return target;
  }

  /**
   * Takes the newest registration off without clearing its slots, for the synchronous unwinding,
   * which forgets the whole array when it is done ({@link #forget}) or clears what it left behind
   * before it hands over ({@link #clearAbove}).
   *
   * @param kind its kind, as {@link #newestKind} told
   * @return its handler, callback or scope
   */
  Object popNewest(byte kind) {
    int newest = size - 1;
    if (kind == CLEANUP) {
      size = newest;
      return slots[newest];
    }
    size = kind >= SCOPE ? newest - 2 : newest - 1;
    return slots[newest - 1];
  }

  /** Drops the array of registrations that are all gone: one store instead of one per slot. */
  void forget() {
    slots = NOTHING;
  }

  /** Clears the slots above the registrations that remain, which {@link #popNewest} left. */
  void clearAbove() {
    Arrays.fill(slots, size, slots.length, null);
  }

  /**
   * Removes the newest registration and runs it with the failure in flight: the loop engine's step,
   * once an asynchronous registration made the unwinding wait.
   *
   * @return its stage: whether a handler or scope suppresses {@code failure}, or when a callback is
   *     done; {@code null} when a synchronous callback is done
   * @throws Throwable what a synchronous handler or callback threw, or the failure that the {@code
   *     exitNow} of a synchronous scope threw to propagate instead
   */
  @SuppressWarnings("unchecked") // a scope registration pairs a scope with its own resource
  CompletionStage<?> exitNewest(byte kind, Throwable failure) throws Throwable {
    switch (kind) {
      case CLEANUP:
        ((Cleanup) removeNewest(kind)).run();
        return null; // done: the loop records it without looking at a stage
      case HANDLER:
        return Stages.of(((ExitHandler) removeNewest(kind)).onExit(failure));
      case ASYNC_HANDLER:
        return Stages.nonNull(
            ((AsyncExitHandler) removeNewest(kind)).onExit(failure), "an async exit handler");
      case ASYNC_CLEANUP:
        return Stages.nonNull(((AsyncCleanup) removeNewest(kind)).run(), "an async cleanup callback");
      case SYNCHRONOUS_SCOPE:
        {
          Object resource = newestResource();
          return Stages.of(
              ((SynchronousScope<Object>) removeNewest(kind)).exitNow(resource, failure));
        }
      default:
        {
          Object resource = newestResource();
          return exitScope(removeNewest(kind), resource, failure);
        }
    }
  }

  /**
   * Exits an entered scope. An exit that throws instead of returning a stage made no decision: what
   * it threw is a cleanup failure (rule 4), never a replacement. ({@link Unwinding} exits a {@link
   * SynchronousScope} itself, without a stage.)
   *
   * @param scope the scope of a {@link #SCOPE} registration
   * @param resource its resource
   * @param failure the failure in flight, or {@code null}
   * @return the exit's stage, never {@code null}
   */
  @SuppressWarnings("unchecked") // a SCOPE registration pairs a scope with its own resource
  public static CompletionStage<Boolean> exitScope(
      Object scope, Object resource, Throwable failure) {
    try {
      return Stages.nonNull(((AsyncScope<Object>) scope).exit(resource, failure), "exit()");
    } catch (Throwable crash) {
      return CleanupOutcome.failed(failure, crash);
    }
  }

  /** The marker of a registration's kind. */
  private static final class Kind {
    final byte kind;

    Kind(byte kind) {
      this.kind = kind;
    }
  }
}
