package dev.scopegen.runtime.internal;

import java.util.function.Predicate;

/**
 * Which checked failures a generated scope's {@code call} and {@code run} declare, the test that
 * {@link Blocking} takes: a value, so that the generated code needs no lambda for it (each lambda
 * is a method and a call site that javac writes for every scope). Not part of the public API.
 */
public final class Declared implements Predicate<Throwable> {

  /** Declares no checked failure. */
  public static final Declared NOTHING = new Declared();

  private final Class<?>[] types;

  private Declared(Class<?>... types) {
    this.types = types;
  }

  /**
   * Declares the failures that are instances of {@code types}.
   *
   * @param types the declared types
   * @return the test
   */
  public static Declared of(Class<?>... types) {
    return new Declared(types.clone());
  }

  @Override
  public boolean test(Throwable failure) {
    for (Class<?> type : types) {
      if (type.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }
}
