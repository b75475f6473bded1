package dev.scopegen.examples.property;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The vocabulary of fault plans: what one step does ({@link Step}), with which failure, and when
 * its stage completes. The real fixtures and the reference model read the same plans.
 */
final class Plan {

  private Plan() {}

  /** What a step does. */
  enum Act {
    /** Returns normally (an exit or handler returns {@code false}). */
    OK,
    /** Returns {@code true} where that suppresses (exit, handler); a generator swallows. */
    SUPPRESS,
    /** Fails. */
    FAIL
  }

  /** The failure a failing step throws. */
  enum Kind {
    RUNTIME,
    ERROR,
    CHECKED,
    /** A {@code RuntimeException} created with {@code enableSuppression = false}. */
    UNSUPPRESSIBLE,
    /** A {@code RuntimeException} that the resource classes list in {@code noRollbackFor}. */
    FORGIVEN,
    /** A {@code CompletionException} with a cause, as {@code join()} throws; bodies only. */
    COMPLETION,
    /** A {@code CancellationException}, which every cleanup must survive too (rule 5). */
    CANCELLATION,
    /** The very failure the step received; a fresh {@link #RUNTIME} when it received none. */
    SAME
  }

  /** When an asynchronous step's stage completes; synchronous steps ignore it. */
  enum Timing {
    /** The stage is complete when the method returns. */
    NOW,
    /** The method throws instead of returning a stage. */
    THROWN,
    /** The stage completes later, on another thread. */
    LATER
  }

  /**
   * One step of a plan.
   *
   * @param act what it does
   * @param kind the failure, for {@link Act#FAIL}
   * @param timing when its stage completes, for asynchronous steps
   * @param withCause whether a new failure gets the received failure as its cause
   */
  record Step(Act act, Kind kind, Timing timing, boolean withCause) {
    @Override
    public String toString() {
      String text =
          switch (act) {
            case OK -> "ok";
            case SUPPRESS -> "true";
            case FAIL -> kind.name().toLowerCase(Locale.ROOT) + (withCause ? "+cause" : "");
          };
      return timing == Timing.NOW ? text : text + "/" + timing.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Failures a body may end with. */
  static final Kind[] BODY_KINDS = {
    Kind.RUNTIME,
    Kind.ERROR,
    Kind.CHECKED,
    Kind.UNSUPPRESSIBLE,
    Kind.FORGIVEN,
    Kind.COMPLETION,
    Kind.CANCELLATION
  };

  /** Failures a lifecycle step that receives no failure may throw. */
  static final Kind[] STEP_KINDS = {
    Kind.RUNTIME, Kind.ERROR, Kind.CHECKED, Kind.UNSUPPRESSIBLE, Kind.FORGIVEN, Kind.CANCELLATION
  };

  /** Failures a step that receives the failure in flight may throw. */
  static final Kind[] RECEIVING_KINDS = {
    Kind.RUNTIME,
    Kind.ERROR,
    Kind.CHECKED,
    Kind.UNSUPPRESSIBLE,
    Kind.FORGIVEN,
    Kind.CANCELLATION,
    Kind.SAME,
    Kind.SAME
  };

  /** A random cleanup step: it fails three times in ten. */
  static Step step(SplittableRandom random, Kind[] kinds, boolean suppresses, boolean async) {
    return step(random, kinds, suppresses, async, 30);
  }

  /** A random enter or setup step: it fails less often, so that nested scopes reach their body. */
  static Step entering(SplittableRandom random, boolean async) {
    return step(random, STEP_KINDS, false, async, 8);
  }

  /**
   * A random step.
   *
   * @param random the scenario's generator
   * @param kinds the failures it may throw
   * @param suppresses whether it may return {@code true}
   * @param async whether it returns a stage (otherwise its timing is {@link Timing#NOW})
   * @param failPercent how often it fails, in percent
   */
  static Step step(
      SplittableRandom random, Kind[] kinds, boolean suppresses, boolean async, int failPercent) {
    int roll = random.nextInt(100);
    Act act =
        roll < failPercent
            ? Act.FAIL
            : roll < failPercent + 12 && suppresses ? Act.SUPPRESS : Act.OK;
    Kind kind = act == Act.FAIL ? kinds[random.nextInt(kinds.length)] : Kind.RUNTIME;
    boolean withCause = act == Act.FAIL && kind != Kind.SAME && random.nextInt(4) == 0;
    Timing timing = Timing.NOW;
    if (async) {
      int when = random.nextInt(10);
      timing = when < 4 ? Timing.NOW : when < 8 || act != Act.FAIL ? Timing.LATER : Timing.THROWN;
    }
    return new Step(act, kind, timing, withCause);
  }

  /** A random end of a body: a result or one of {@link #BODY_KINDS}. */
  static Step body(SplittableRandom random, boolean async) {
    boolean fails = random.nextBoolean();
    Kind kind = fails ? BODY_KINDS[random.nextInt(BODY_KINDS.length)] : Kind.RUNTIME;
    Timing timing = Timing.NOW;
    if (async) {
      int when = random.nextInt(10);
      timing = when < 4 ? Timing.NOW : when < 8 || !fails ? Timing.LATER : Timing.THROWN;
    }
    return new Step(fails ? Act.FAIL : Act.OK, kind, timing, false);
  }
}
