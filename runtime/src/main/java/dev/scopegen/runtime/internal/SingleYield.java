package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Yield;

/**
 * The yield handed to a blocking {@code @ScopedResource} method: it accepts exactly one yield, as
 * Python's generator context managers do. A second yield fails at once with {@link
 * IllegalStateException}, so the method goes on to its cleanup instead of hanging, and the scope
 * then fails with that error; a yield after the method returned (from a leaked reference) fails
 * too. Used by the method's own thread only.
 *
 * @param <T> the resource type
 */
abstract class SingleYield<T> implements Yield<T> {

  /** The method's name, for error messages. */
  final String name;

  private boolean yielded;
  private boolean returned;
  private IllegalStateException secondYield;

  SingleYield(String name) {
    this.name = name;
  }

  @Override
  public final void yield(T resource) {
    if (yielded || returned) {
      IllegalStateException error =
          yielded ? GeneratorOutcome.yieldedTwice(name) : GeneratorOutcome.yieldedLate(name);
      if (yielded && !returned && secondYield == null) {
        secondYield = error;
      }
      throw error;
    }
    yielded = true;
    atYield(resource);
  }

  /**
   * Runs the body, or hands the resource over and waits for the body's outcome, where the method
   * yields; throws the body's failure there.
   */
  abstract void atYield(T resource);

  /**
   * Records that the method has returned, normally or not, and returns whether it yielded.
   */
  final boolean methodReturned() {
    returned = true;
    return yielded;
  }

  /**
   * The failure that replaces the body's, if any: see {@link GeneratorOutcome#replacement}.
   *
   * @param bodyFailure the body's failure, or {@code null}
   * @param methodFailure the method's failure, or {@code null}
   * @return the replacement, or {@code null}
   */
  final Throwable replacement(Throwable bodyFailure, Throwable methodFailure) {
    return GeneratorOutcome.replacement(secondYield, bodyFailure, methodFailure);
  }
}
