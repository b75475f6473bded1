package dev.scopegen.examples.behaviour;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * What the test resources do, shared by their synchronous and asynchronous variants so that every
 * variant can be held to the same expectations.
 *
 * <p>Each lifecycle step records an event ({@code "rollback <- body"}: the rollback saw the failure
 * whose message is {@code body}, see {@link #describe}), then fails if the test said so. Asynchronous steps return a
 * future that completes at once, on another thread ({@link #completeLater}), or when the test
 * completes it ({@link #hold}).
 */
final class Script {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CompletableFuture<Object>>> held =
      new ConcurrentHashMap<>();
  private final List<Handle> released = new CopyOnWriteArrayList<>();
  private final Handle handle = new Handle();
  private volatile Executor completer;
  private volatile boolean suppress;

  /** Makes {@code step} fail with {@code failure}. */
  Script fail(String step, Throwable failure) {
    failures.put(step, failure);
    return this;
  }

  /** Makes the exit step ask to suppress the failure. */
  Script suppress() {
    suppress = true;
    return this;
  }

  /** Makes asynchronous steps complete on a thread of {@code executor}, after they returned. */
  Script completeLater(Executor executor) {
    completer = executor;
    return this;
  }

  /** Makes the asynchronous {@code step} wait until the test completes it; see {@link #held}. */
  Script hold(String step) {
    held.put(step, new CompletableFuture<>());
    return this;
  }

  /**
   * Returns a future that completes, once the held {@code step} has been called, with the stage it
   * returned, for the test to complete.
   */
  CompletableFuture<CompletableFuture<Object>> held(String step) {
    return held.get(step);
  }

  /** The resource every enter hands out. */
  Handle handle() {
    return handle;
  }

  /** Records that {@code resource} was passed to an exit step. */
  void released(Handle resource) {
    released.add(resource);
  }

  /** The resources passed to exit steps, in order. */
  List<Handle> released() {
    return released;
  }

  /** The events so far. */
  List<String> events() {
    return events;
  }

  /** Whether the exit step suppresses the failure. */
  boolean suppresses() {
    return suppress;
  }

  /** A synchronous step: records it, then throws its failure, if any. */
  void run(String step) {
    run(step, null);
  }

  /** A synchronous step that sees {@code failure}. */
  void run(String step, Throwable seen) {
    record(step, seen);
    Throwable failure = failures.get(step);
    if (failure != null) {
      throw Script.<RuntimeException>sneaky(failure);
    }
  }

  /** An asynchronous step: records it, and returns a stage with {@code value} or its failure. */
  <T> CompletableFuture<T> async(String step, Throwable seen, T value) {
    record(step, seen);
    Throwable failure = failures.get(step);
    CompletableFuture<T> stage = new CompletableFuture<>();
    CompletableFuture<CompletableFuture<Object>> hold = held.get(step);
    if (hold != null) {
      @SuppressWarnings("unchecked") // the test completes it with a value of the right type
      CompletableFuture<Object> untyped = (CompletableFuture<Object>) stage;
      hold.complete(untyped);
    } else if (completer != null) {
      completer.execute(() -> complete(stage, value, failure));
    } else {
      complete(stage, value, failure);
    }
    return stage;
  }

  private void record(String step, Throwable seen) {
    events.add(seen == null ? step : step + " <- " + describe(seen));
  }

  /** A failure in events: its message, or its class when it has none. */
  static String describe(Throwable failure) {
    return failure.getMessage() != null
        ? failure.getMessage()
        : failure.getClass().getSimpleName();
  }

  private static <T> void complete(CompletableFuture<T> stage, T value, Throwable failure) {
    if (failure == null) {
      stage.complete(value);
    } else {
      stage.completeExceptionally(failure);
    }
  }

  // Throws any Throwable unchanged, checked or not: X exists only to be inferred at the call.
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <X extends Throwable> X sneaky(Throwable failure) throws X {
    throw (X) failure;
  }

  /** The resource: an object whose identity the tests check. */
  static final class Handle {}
}
