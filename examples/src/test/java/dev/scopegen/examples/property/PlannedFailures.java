package dev.scopegen.examples.property;

/** The unchecked failures of fault plans, one class per {@link Plan.Kind}. */
final class PlannedFailures {

  private PlannedFailures() {}

  /** {@link Plan.Kind#RUNTIME}. */
  static final class PlannedRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PlannedRuntimeException(String name, Throwable cause) {
      super(name, cause);
    }
  }

  /** {@link Plan.Kind#ERROR}. */
  static final class PlannedError extends Error {
    private static final long serialVersionUID = 1L;

    PlannedError(String name, Throwable cause) {
      super(name, cause);
    }
  }

  /** {@link Plan.Kind#UNSUPPRESSIBLE}: {@code addSuppressed} leaves it alone. */
  static final class UnsuppressibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsuppressibleException(String name, Throwable cause) {
      super(name, cause, false, true);
    }
  }

  /** {@link Plan.Kind#FORGIVEN}: listed in {@code noRollbackFor}, so it commits instead. */
  static final class ForgivenFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ForgivenFailure(String name, Throwable cause) {
      super(name, cause);
    }
  }
}
