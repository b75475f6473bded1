package dev.scopegen.examples.behaviour;

/** A failure that {@code @Rollback(noRollbackFor = ...)} lists: it commits instead. */
final class ForgivenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ForgivenException(String message) {
    super(message);
  }
}
