package dev.scopegen.examples.property;

import dev.scopegen.examples.property.Plan.Step;
import java.util.SplittableRandom;

/**
 * The fault plan of one {@code @ScopedResource} generator, written as Python's idiom:
 *
 * <pre>{@code
 * setup
 * try { yield; after } catch (Throwable t) { caught(t) } finally { cleanup }
 * }</pre>
 *
 * <p>{@code caught} rethrows {@code t} ({@link Plan.Act#OK} or {@link Plan.Kind#SAME}), swallows it
 * ({@link Plan.Act#SUPPRESS}) or throws a replacement; a failing {@code cleanup} replaces whatever
 * was propagating, as a Java {@code finally} does.
 *
 * @param name the generator scope's name, which prefixes its events and failures
 * @param yields whether the method yields at all
 * @param wrapped whether an asynchronous method's stage fails the way dependent stages do, with a
 *     {@code CompletionException} around the failure, rather than with the failure itself
 */
record GeneratorPlan(
    String name,
    Step setup,
    boolean yields,
    Step after,
    Step caught,
    Step cleanup,
    boolean wrapped) {

  /** A random plan; {@code async} for an {@code AsyncYield} method. */
  static GeneratorPlan random(String name, SplittableRandom random, boolean async) {
    return new GeneratorPlan(
        name,
        Plan.entering(random, async),
        random.nextInt(40) != 0,
        Plan.step(random, Plan.STEP_KINDS, false, async),
        Plan.step(random, Plan.RECEIVING_KINDS, true, async),
        Plan.step(random, Plan.STEP_KINDS, false, async),
        async && random.nextBoolean());
  }

  @Override
  public String toString() {
    return "setup="
        + setup
        + (yields ? "" : " no-yield")
        + " after="
        + after
        + " catch="
        + caught
        + " finally="
        + cleanup
        + (wrapped ? " wrapped" : "");
  }
}
