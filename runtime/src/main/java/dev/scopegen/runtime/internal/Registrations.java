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
 * <p>Parallel arrays hold what each registration is, its target and, for an entered scope, its
 * resource; registering allocates nothing beyond the arrays' occasional growth. The resources'
 * array is created only when a scope's resource is registered: handlers and callbacks do not pay
 * for it.
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

  /** An entered {@code AsyncScope}, with its resource. */
  public static final byte SCOPE = 4;

  private static final int INITIAL_CAPACITY = 8;
  private static final byte[] NO_KINDS = {};
  private static final Object[] NOTHING = {};

  private byte[] kinds;
  private Object[] targets;
  private Object[] resources;
  private int size;

  /**
   * Leak detection's record of the stack that owns these registrations, set by {@link
   * LeakDetector}; always {@code null} when detection is off. It fits in the object's alignment
   * padding, so it costs no memory.
   */
  TrackedScope leak;

  /** Creates an empty set of registrations. */
  public Registrations() {
    this(NO_KINDS, NOTHING, NOTHING, 0);
  }

  private Registrations(byte[] kinds, Object[] targets, Object[] resources, int size) {
    this.kinds = kinds;
    this.targets = targets;
    this.resources = resources;
    this.size = size;
  }

  /**
   * Adds a registration, the newest.
   *
   * @param kind one of {@link #HANDLER}, {@link #ASYNC_HANDLER}, {@link #CLEANUP}, {@link
   *     #ASYNC_CLEANUP} and {@link #SCOPE}
   * @param target the handler, callback or scope
   * @param resource the entered resource of a {@link #SCOPE}; {@code null} for the others
   */
  public void add(byte kind, Object target, Object resource) {
    if (size == kinds.length) {
      int capacity = Math.max(INITIAL_CAPACITY, size * 2);
      kinds = Arrays.copyOf(kinds, capacity);
      targets = Arrays.copyOf(targets, capacity);
      if (resources.length != 0) {
        resources = Arrays.copyOf(resources, capacity);
      }
    }
    kinds[size] = kind;
    targets[size] = target;
    if (resource != null) {
      if (resources.length == 0) {
        resources = new Object[kinds.length];
      }
      resources[size] = resource;
    }
    size++;
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
    Registrations moved = new Registrations(kinds, targets, resources, size);
    kinds = NO_KINDS;
    targets = NOTHING;
    resources = NOTHING;
    size = 0;
    return moved;
  }

  /** The kind of the newest registration; the one {@link #exitNewest} runs next. */
  byte newestKind() {
    return kinds[size - 1];
  }

  /** The handler, callback or scope of the newest registration. */
  Object newestTarget() {
    return targets[size - 1];
  }

  /** The resource of the newest registration: {@code null} unless it is an entered scope's. */
  Object newestResource() {
    return resources.length != 0 ? resources[size - 1] : null;
  }

  /** Removes the newest registration, to run it: see {@link #newestTarget}. */
  void removeNewest() {
    int newest = --size;
    targets[newest] = null;
    if (resources.length != 0) {
      resources[newest] = null;
    }
  }

  /**
   * Removes the newest registration and runs it with the failure in flight.
   *
   * @return its stage: whether a handler or scope suppresses {@code failure}, or when a callback is
   *     done; {@code null} when a synchronous callback is done
   * @throws Throwable what a synchronous handler or callback threw
   */
  CompletionStage<?> exitNewest(Throwable failure) throws Throwable {
    int newest = --size;
    byte kind = kinds[newest];
    Object target = targets[newest];
    targets[newest] = null;
    Object resource = null;
    if (resources.length != 0) {
      resource = resources[newest];
      resources[newest] = null;
    }
    switch (kind) {
      case HANDLER:
        return Stages.of(((ExitHandler) target).onExit(failure));
      case ASYNC_HANDLER:
        return Stages.nonNull(((AsyncExitHandler) target).onExit(failure), "an async exit handler");
      case CLEANUP:
        ((Cleanup) target).run();
        return null; // done: the loop records it without looking at a stage
      case ASYNC_CLEANUP:
        return Stages.nonNull(((AsyncCleanup) target).run(), "an async cleanup callback");
      default:
        return exitScope(target, resource, failure);
    }
  }

  /**
   * Exits an entered scope. An exit that throws instead of returning a stage made no decision: what
   * it threw is a cleanup failure (rule 4), never a replacement. ({@link Unwinding} exits a {@link
   * SynchronousScope} itself, without a stage.)
   */
  @SuppressWarnings("unchecked") // a SCOPE registration pairs a scope with its own resource
  private static CompletionStage<Boolean> exitScope(
      Object scope, Object resource, Throwable failure) {
    try {
      return Stages.nonNull(((AsyncScope<Object>) scope).exit(resource, failure), "exit()");
    } catch (Throwable crash) {
      return CleanupOutcome.failed(failure, crash);
    }
  }
}
