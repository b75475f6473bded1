package dev.scopegen.examples.property;

import dev.scopegen.examples.property.Plan.Step;
import java.util.SplittableRandom;

/**
 * The fault plan of one resource-class scope: what its enter, commit, rollback and exit do.
 *
 * @param name the scope's name, which prefixes its events and failures
 */
record ScopePlan(String name, Step enter, Step commit, Step rollback, Step exit) {

  /** A random plan; {@code async} tells, per step, whether the variant's method returns a stage. */
  static ScopePlan random(String name, SplittableRandom random, boolean[] async) {
    return new ScopePlan(
        name,
        Plan.entering(random, async[0]),
        Plan.step(random, Plan.STEP_KINDS, false, async[1]),
        Plan.step(random, Plan.RECEIVING_KINDS, false, async[2]),
        Plan.step(random, Plan.RECEIVING_KINDS, true, async[3]));
  }

  @Override
  public String toString() {
    return "enter=" + enter + " commit=" + commit + " rollback=" + rollback + " exit=" + exit;
  }
}
