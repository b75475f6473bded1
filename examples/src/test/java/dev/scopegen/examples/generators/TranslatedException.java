package dev.scopegen.examples.generators;

/** The checked exception that the translating fixtures turn the body's failure into. */
final class TranslatedException extends Exception {

  private static final long serialVersionUID = 1L;

  TranslatedException(Throwable cause) {
    super("translated", cause);
  }
}
