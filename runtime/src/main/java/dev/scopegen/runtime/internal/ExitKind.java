package dev.scopegen.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The stage an {@link ExitSequence} completes with while a JFR recording runs: besides whether the
 * failure is suppressed, it tells whether the exit committed, rolled back or only exited, for the
 * {@code dev.scopegen.Scope} event. Not part of the API.
 */
final class ExitKind extends CompletableFuture<Boolean> {

  static final byte EXITED = 0;
  static final byte COMMITTED = 1;
  static final byte ROLLED_BACK = 2;

  private static final ExitKind[] CONSTANTS = {
    new ExitKind(EXITED, false),
    new ExitKind(COMMITTED, false),
    new ExitKind(ROLLED_BACK, false),
    new ExitKind(EXITED, true),
    new ExitKind(COMMITTED, true),
    new ExitKind(ROLLED_BACK, true),
  };

  /** Written before the future completes, read after. */
  private int kind;

  private final boolean constant;

  /** A pending exit's future: its kind is set before it completes. */
  ExitKind() {
    this.constant = false;
  }

  private ExitKind(int kind, boolean suppress) {
    this.kind = kind;
    this.constant = true;
    super.complete(suppress);
  }

  /** A shared completed stage with {@code suppress} and {@code kind}. */
  static CompletionStage<Boolean> of(boolean suppress, int kind) {
    return CONSTANTS[(suppress ? 3 : 0) + kind];
  }

  void kind(int kind) {
    this.kind = kind;
  }

  /** The kind of exit that {@code exiting} reports; {@link #EXITED} for any other stage. */
  static int of(CompletionStage<?> exiting) {
    return exiting instanceof ExitKind ? ((ExitKind) exiting).kind : EXITED;
  }

  @Override
  public void obtrudeValue(Boolean value) {
    if (constant) {
      throw new UnsupportedOperationException("shared completed stage");
    }
    super.obtrudeValue(value);
  }

  @Override
  public void obtrudeException(Throwable ex) {
    if (constant) {
      throw new UnsupportedOperationException("shared completed stage");
    }
    super.obtrudeException(ex);
  }
}
