package dev.scopegen.examples.property;

import dev.scopegen.examples.property.Plan.Act;
import dev.scopegen.examples.property.Plan.Step;
import dev.scopegen.examples.property.Plan.Timing;
import dev.scopegen.examples.property.PlannedFailures.ForgivenFailure;
import dev.scopegen.examples.property.PlannedFailures.PlannedError;
import dev.scopegen.examples.property.PlannedFailures.PlannedRuntimeException;
import dev.scopegen.examples.property.PlannedFailures.UnsuppressibleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The real side of one scenario: the fixtures record every step here, in the order the steps run,
 * with the failure each one saw, and create their failures here so that each one has a name.
 *
 * <p>Steps run one after the other (each waits for the previous stage), possibly on different
 * threads; the lists are synchronized so that every thread sees what the others wrote.
 */
final class World {

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final Map<Throwable, String> names = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<String, Throwable> created = Collections.synchronizedMap(new TreeMap<>());
  private final Executor later;

  /**
   * @param later the executor that completes {@link Timing#LATER} stages
   */
  World(Executor later) {
    this.later = later;
  }

  /** Records an event. */
  void event(String event) {
    events.add(event);
  }

  /** Records that step {@code label} ran and saw {@code received}. */
  void event(String label, Throwable received) {
    events.add(label + "<-" + describe(received));
  }

  /** The events so far. */
  List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** The failures the steps created, by name. */
  Map<String, Throwable> created() {
    synchronized (created) {
      return new TreeMap<>(created);
    }
  }

  /** The name of a failure the steps created, or a description of another one; "null". */
  String describe(Throwable failure) {
    if (failure == null) {
      return "null";
    }
    String name = names.get(failure);
    return name != null
        ? name
        : "new:" + failure.getClass().getSimpleName() + "(" + failure.getMessage() + ")";
  }

  /** Creates the failure of a failing step. */
  Throwable failure(Step step, String label, Throwable received) {
    Throwable cause = step.withCause() ? received : null;
    Throwable failure =
        switch (step.kind()) {
          case SAME ->
              received != null ? received : register(new PlannedRuntimeException(label, null));
          case RUNTIME -> register(new PlannedRuntimeException(label, cause));
          case ERROR -> register(new PlannedError(label, cause));
          case CHECKED -> register(new PlannedException(label, cause));
          case UNSUPPRESSIBLE -> register(new UnsuppressibleException(label, cause));
          case FORGIVEN -> register(new ForgivenFailure(label, cause));
          case CANCELLATION -> register(cancellation(label, cause));
          case COMPLETION ->
              register(
                  new CompletionException(
                      label, register(new PlannedRuntimeException(label + ".cause", null))));
        };
    return failure;
  }

  private static CancellationException cancellation(String label, Throwable cause) {
    CancellationException failure = new CancellationException(label);
    if (cause != null) {
      failure.initCause(cause);
    }
    return failure;
  }

  private Throwable register(Throwable failure) {
    String name = failure.getMessage();
    if (created.putIfAbsent(name, failure) != null) {
      events.add("created twice: " + name);
    }
    names.put(failure, name);
    return failure;
  }

  /**
   * A synchronous step: records it (with what it received when {@code receives}), then throws its
   * failure or returns whether it suppresses.
   */
  boolean sync(String label, Step step, boolean receives, Throwable received) {
    if (receives) {
      event(label, received);
    } else {
      event(label);
    }
    if (step.act() == Act.FAIL) {
      throw sneaky(failure(step, label, received));
    }
    return step.act() == Act.SUPPRESS;
  }

  /**
   * An asynchronous step: records it, then throws its failure or returns a stage that completes,
   * now or later, with {@code value} (or {@code true} where the step suppresses) or its failure.
   */
  <T> CompletableFuture<T> async(
      String label, Step step, boolean receives, Throwable received, T value, T suppressing) {
    if (receives) {
      event(label, received);
    } else {
      event(label);
    }
    Throwable failure = step.act() == Act.FAIL ? failure(step, label, received) : null;
    if (failure != null && step.timing() == Timing.THROWN) {
      throw sneaky(failure);
    }
    T result = step.act() == Act.SUPPRESS ? suppressing : value;
    CompletableFuture<T> stage = new CompletableFuture<>();
    if (step.timing() == Timing.LATER) {
      later.execute(() -> complete(stage, result, failure));
    } else {
      complete(stage, result, failure);
    }
    return stage;
  }

  /**
   * Completes {@code stage} with {@code value} or {@code failure}, now or later per {@code timing}.
   */
  <T> void complete(CompletableFuture<T> stage, T value, Throwable failure, Timing timing) {
    if (timing == Timing.LATER) {
      later.execute(() -> complete(stage, value, failure));
    } else {
      complete(stage, value, failure);
    }
  }

  private static <T> void complete(CompletableFuture<T> stage, T value, Throwable failure) {
    if (failure == null) {
      stage.complete(value);
    } else {
      stage.completeExceptionally(failure);
    }
  }

  /**
   * The events, the outcome, and the cause and suppressed list of every failure, in the format of
   * {@link Model#transcript}.
   */
  String transcript(Object value, Throwable failure) {
    StringBuilder text = new StringBuilder();
    events().forEach(event -> text.append(event).append('\n'));
    text.append("=> ")
        .append(failure != null ? "failure " + describe(failure) : "value " + value)
        .append('\n');
    Map<String, Throwable> failures = created();
    Set<Throwable> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(failure, reachable);
    for (Throwable other : reachable) {
      failures.putIfAbsent(describe(other), other);
    }
    failures.values().forEach(each -> text.append(line(each)).append('\n'));
    return text.toString();
  }

  private static void collect(Throwable failure, Set<Throwable> into) {
    if (failure != null && into.add(failure)) {
      collect(failure.getCause(), into);
      for (Throwable suppressed : failure.getSuppressed()) {
        collect(suppressed, into);
      }
    }
  }

  private String line(Throwable failure) {
    List<String> suppressed = new ArrayList<>();
    for (Throwable each : failure.getSuppressed()) {
      suppressed.add(describe(each));
    }
    return describe(failure)
        + " cause="
        + describe(failure.getCause())
        + " suppressed="
        + suppressed;
  }

  /** Throws any failure unchanged, checked or not. */
  @SuppressWarnings("unchecked")
  static <X extends Throwable> RuntimeException sneaky(Throwable failure) throws X {
    throw (X) failure;
  }
}
