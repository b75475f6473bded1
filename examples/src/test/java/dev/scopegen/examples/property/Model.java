package dev.scopegen.examples.property;

import dev.scopegen.examples.property.Plan.Act;
import dev.scopegen.examples.property.Plan.Kind;
import dev.scopegen.examples.property.Plan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The reference model: what ScopeGen's rules say must happen for a fault plan, computed without
 * running any scope. It is written from the rules (the README's semantics, Python's generator
 * context managers, {@code AsyncExitStack} with try-with-resources bookkeeping), not from the
 * runtime, and works on model failures ({@link F}) whose suppressed lists and causes it keeps
 * itself; the tests compare its {@linkplain #transcript transcript} with the real one.
 *
 * <p>One model per scenario; not thread-safe (the model never runs anything concurrently).
 */
final class Model {

  /** A model failure: its name (the step that created it), kind, cause and suppressed list. */
  static final class F {
    final String name;
    final Kind kind;
    final F cause;
    final List<F> suppressed = new ArrayList<>();

    F(String name, Kind kind, F cause) {
      this.name = name;
      this.kind = kind;
      this.cause = cause;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** What a scope's exit stage completes with: whether it suppressed, or a replacement. */
  record Exit(boolean suppress, F replacement) {
    static final Exit KEEP = new Exit(false, null);
    static final Exit SUPPRESSED = new Exit(true, null);
  }

  /** How a block ended: its result, or the failure that propagates. */
  record Outcome(Object value, F failure) {}

  /** An entered-or-not scope of the model: Python's {@code __aenter__}/{@code __aexit__}. */
  interface Scope {
    /** Enters; returns the failure of entering, or {@code null}. */
    F enter();

    /** Exits with the failure in flight, or {@code null}. */
    Exit exit(F failure);
  }

  /** A registration of an exit stack. */
  record Registration(Scope scope, String label, Step step, boolean handler) {}

  private final List<String> events = new ArrayList<>();
  private final Map<String, F> created = new TreeMap<>();

  // ---------------------------------------------------------------- failures

  /** The failure of a failing step, as {@link World#failure} creates it. */
  F failure(Step step, String label, F received) {
    F cause = step.withCause() ? received : null;
    return switch (step.kind()) {
      case SAME -> received != null ? received : create(label, Kind.RUNTIME, null);
      case COMPLETION ->
          create(label, Kind.COMPLETION, create(label + ".cause", Kind.RUNTIME, null));
      default -> create(label, step.kind(), cause);
    };
  }

  private F create(String name, Kind kind, F cause) {
    F failure = new F(name, kind, cause);
    created.put(name, failure);
    return failure;
  }

  /** An error the runtime creates itself, such as "did not yield". */
  static F runtimeError(String type, String message) {
    return new F("new:" + type + "(" + message + ")", Kind.RUNTIME, null);
  }

  /**
   * Rule 4's bookkeeping: adds {@code secondary} to {@code primary}'s suppressed list, except onto
   * itself, when one is already reachable from the other through causes and suppressed failures
   * (which would attach it twice or close a cycle), or when {@code primary} was created with
   * suppression disabled.
   */
  void addSuppressed(F primary, F secondary) {
    if (secondary == null || secondary == primary) {
      return;
    }
    if (reaches(primary, secondary) || reaches(secondary, primary)) {
      return;
    }
    plainAddSuppressed(primary, secondary);
  }

  /** {@link Throwable#addSuppressed} itself, as try-with-resources calls it. */
  void plainAddSuppressed(F primary, F secondary) {
    if (primary.kind != Kind.UNSUPPRESSIBLE) {
      primary.suppressed.add(secondary);
    }
  }

  private static boolean reaches(F from, F target) {
    Set<F> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<F> pending = new ArrayDeque<>();
    pending.push(from);
    while (!pending.isEmpty()) {
      F current = pending.pop();
      if (current == target) {
        return true;
      }
      if (seen.add(current)) {
        if (current.cause != null) {
          pending.push(current.cause);
        }
        current.suppressed.forEach(pending::push);
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- steps

  private void event(String label) {
    events.add(label);
  }

  private void event(String label, F received) {
    events.add(label + "<-" + (received == null ? "null" : received.name));
  }

  /** A step that receives nothing: records it and returns its failure, or {@code null}. */
  private F step(String label, Step step) {
    event(label);
    return step.act() == Act.FAIL ? failure(step, label, null) : null;
  }

  /** The innermost body, or the last act of a stack program. */
  Outcome body(Step step) {
    event("body");
    return step.act() == Act.FAIL
        ? new Outcome(null, failure(step, "body", null))
        : new Outcome("v", null);
  }

  // ---------------------------------------------------------------- resource classes

  /**
   * A scope generated for a resource class, README rules 1 to 4:
   *
   * <ul>
   *   <li>enter fails: nothing else runs;
   *   <li>after success: commit, then exit with {@code null}; a failing commit becomes the failure:
   *       rollback and exit see it, and it propagates (unless exit suppresses it);
   *   <li>after a failure {@code f}: rollback (commit instead when {@code f} is listed in
   *       noRollbackFor, and rollback after all when that commit fails), then exit; their failures
   *       are suppressed onto {@code f}, and {@code f} propagates unless exit returned {@code
   *       true}.
   * </ul>
   */
  Scope resource(ScopePlan plan) {
    String name = plan.name();
    return new Scope() {
      @Override
      public F enter() {
        return step(name + ".enter", plan.enter());
      }

      @Override
      public Exit exit(F failure) {
        if (failure == null) {
          F commitFailure = step(name + ".commit", plan.commit());
          if (commitFailure == null) {
            event(name + ".exit", null);
            return plan.exit().act() == Act.FAIL
                ? new Exit(false, failure(plan.exit(), name + ".exit", null))
                : Exit.KEEP;
          }
          return afterFailure(commitFailure) ? Exit.SUPPRESSED : new Exit(false, commitFailure);
        }
        if (failure.kind == Kind.FORGIVEN) {
          F commitFailure = step(name + ".commit", plan.commit());
          if (commitFailure == null) {
            return close(failure) ? Exit.SUPPRESSED : Exit.KEEP;
          }
          addSuppressed(failure, commitFailure);
        }
        return afterFailure(failure) ? Exit.SUPPRESSED : Exit.KEEP;
      }

      /** Rollback and exit after {@code failure}; whether exit suppressed it. */
      private boolean afterFailure(F failure) {
        event(name + ".rollback", failure);
        if (plan.rollback().act() == Act.FAIL) {
          addSuppressed(failure, failure(plan.rollback(), name + ".rollback", failure));
        }
        return close(failure);
      }

      private boolean close(F failure) {
        event(name + ".exit", failure);
        if (plan.exit().act() == Act.FAIL) {
          addSuppressed(failure, failure(plan.exit(), name + ".exit", failure));
          return false;
        }
        return plan.exit().act() == Act.SUPPRESS;
      }
    };
  }

  // ---------------------------------------------------------------- generators

  /**
   * A {@code @ScopedResource} generator scope, Python's generator context manager rules: setup
   * failures fail enter; a method that returns without yielding fails enter with "did not yield";
   * the method's own Java try/catch/finally decides what it ends with, and then
   *
   * <ul>
   *   <li>it returned normally: the body's failure, if any, is suppressed;
   *   <li>it failed with the body's failure itself: that failure propagates unchanged;
   *   <li>it failed with another failure: that one replaces it, with the body's failure added as
   *       suppressed (unless already reachable, for example as its cause).
   * </ul>
   */
  Scope generator(GeneratorPlan plan, String method) {
    String name = plan.name();
    return new Scope() {
      @Override
      public F enter() {
        F setupFailure = step(name + ".setup", plan.setup());
        if (setupFailure == null && !plan.yields()) {
          return runtimeError(
              "IllegalStateException", "@ScopedResource " + method + " did not yield");
        }
        return setupFailure;
      }

      @Override
      public Exit exit(F failure) {
        F caught = failure != null ? failure : step(name + ".after", plan.after());
        F propagating = null;
        if (caught != null) {
          event(name + ".catch", caught);
          propagating =
              switch (plan.caught().act()) {
                case SUPPRESS -> null;
                case OK -> caught;
                case FAIL -> failure(plan.caught(), name + ".catch", caught);
              };
        }
        F cleanupFailure = step(name + ".finally", plan.cleanup());
        if (cleanupFailure != null) {
          propagating = cleanupFailure;
        }
        if (propagating == null) {
          return failure != null ? Exit.SUPPRESSED : Exit.KEEP;
        }
        if (propagating == failure) {
          return Exit.KEEP;
        }
        addSuppressed(propagating, failure);
        return new Exit(false, propagating);
      }
    };
  }

  // ---------------------------------------------------------------- blocks and stacks

  /**
   * The outcome of a body's stage as {@code use} sees it: a stage that failed with a {@code
   * CompletionException} looks exactly like a dependent stage that wraps the real failure, so the
   * failure is its cause ("never wrapped in CompletionException"). A body that throws instead of
   * returning a stage keeps its failure, whatever it is (rule 10).
   */
  static Outcome fromStage(Outcome outcome) {
    F failure = outcome.failure();
    return failure != null && failure.kind == Kind.COMPLETION
        ? new Outcome(null, failure.cause)
        : outcome;
  }

  /**
   * {@code call}, {@code run} or {@code use} of {@code scope} around {@code body} (rules 1 and 3):
   * a failed enter propagates, a replacement from exit propagates, a suppressed failure gives a
   * {@code null} result, and otherwise the body's outcome stands.
   */
  Outcome with(Scope scope, Supplier<Outcome> body) {
    F enterFailure = scope.enter();
    if (enterFailure != null) {
      return new Outcome(null, enterFailure);
    }
    Outcome outcome = body.get();
    Exit exit = scope.exit(outcome.failure());
    if (exit.replacement() != null) {
      return new Outcome(null, exit.replacement());
    }
    if (outcome.failure() != null && exit.suppress()) {
      return new Outcome(null, null);
    }
    return outcome;
  }

  /**
   * Unwinds {@code registrations} (newest last) with {@code received} in flight, as {@code
   * AsyncExitStack.__aexit__} does, with the one documented difference: a handler or callback
   * failure never replaces the failure in flight but is suppressed onto it; with none in flight it
   * becomes the failure in flight. Handlers see the failure in flight and may suppress it; a
   * scope's exit may suppress it or replace it (keeping it reachable); callbacks never suppress.
   */
  Exit unwind(List<Registration> registrations, F received) {
    F inFlight = received;
    for (int i = registrations.size() - 1; i >= 0; i--) {
      Registration registration = registrations.get(i);
      if (registration.scope() != null) {
        Exit exit = registration.scope().exit(inFlight);
        if (exit.replacement() != null) {
          if (inFlight != null) {
            addSuppressed(exit.replacement(), inFlight);
          }
          inFlight = exit.replacement();
        } else if (exit.suppress()) {
          inFlight = null;
        }
        continue;
      }
      Step step = registration.step();
      F failure;
      if (registration.handler()) {
        event(registration.label(), inFlight);
        if (step.act() == Act.SUPPRESS) {
          inFlight = null;
          continue;
        }
        failure = step.act() == Act.FAIL ? failure(step, registration.label(), inFlight) : null;
      } else {
        failure = step(registration.label(), step);
      }
      if (failure == null || failure == inFlight) {
        continue;
      }
      if (inFlight == null) {
        inFlight = failure;
      } else {
        addSuppressed(inFlight, failure);
      }
    }
    registrations.clear();
    if (inFlight == received) {
      return Exit.KEEP;
    }
    return inFlight == null ? Exit.SUPPRESSED : new Exit(false, inFlight);
  }

  // ---------------------------------------------------------------- transcript

  /** The events, the outcome, and the cause and suppressed list of every failure. */
  String transcript(Outcome outcome) {
    StringBuilder text = new StringBuilder();
    events.forEach(event -> text.append(event).append('\n'));
    text.append("=> ")
        .append(
            outcome.failure() != null
                ? "failure " + outcome.failure().name
                : "value " + outcome.value())
        .append('\n');
    Map<String, F> failures = new TreeMap<>(created);
    Set<F> reachable = new LinkedHashSet<>();
    collect(outcome.failure(), reachable);
    reachable.forEach(failure -> failures.putIfAbsent(failure.name, failure));
    failures.values().forEach(failure -> text.append(line(failure)).append('\n'));
    return text.toString();
  }

  private static void collect(F failure, Set<F> into) {
    if (failure != null && into.add(failure)) {
      collect(failure.cause, into);
      failure.suppressed.forEach(suppressed -> collect(suppressed, into));
    }
  }

  private static String line(F failure) {
    List<String> suppressed = new ArrayList<>();
    failure.suppressed.forEach(s -> suppressed.add(s.name));
    return failure.name
        + " cause="
        + (failure.cause == null ? "null" : failure.cause.name)
        + " suppressed="
        + suppressed;
  }
}
