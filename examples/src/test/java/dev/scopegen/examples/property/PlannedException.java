package dev.scopegen.examples.property;

/** The checked failure of fault plans; every planned method declares it. */
final class PlannedException extends Exception {
  private static final long serialVersionUID = 1L;

  PlannedException(String name, Throwable cause) {
    super(name, cause);
  }
}
