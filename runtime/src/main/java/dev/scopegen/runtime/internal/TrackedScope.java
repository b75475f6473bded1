package dev.scopegen.runtime.internal;

/**
 * What leak detection knows about one tracked scope: where it was entered, and whether it is still
 * entered. The {@link java.lang.ref.Cleaner} holds it and runs it once the scope has become
 * unreachable, so it never refers to the scope itself (nor to anything that may refer to the
 * scope, such as an exit stack's registrations): if it did, the scope would stay reachable and
 * never be reported.
 *
 * <p>Not part of the public API.
 */
final class TrackedScope implements Runnable {

  /** {@code ExitStack}, or the name of a generator's method. */
  final String name;

  /** The blocking generator suspended at its yield; {@code null} for an exit stack. */
  final SuspendedGenerator<?> generator;

  /** Where the scope was entered: its stack trace, captured when it was entered. */
  LeakDetector.EnteredAt enteredAt;

  /** An exit stack's registrations since it was last empty. */
  int registrations;

  /**
   * Whether an exit stack holds registrations that have not been unwound; written by the stack's
   * thread, read by the cleaner's, after the other fields.
   */
  volatile boolean open;

  TrackedScope(String name, SuspendedGenerator<?> generator, LeakDetector.EnteredAt enteredAt) {
    this.name = name;
    this.generator = generator;
    this.enteredAt = enteredAt;
  }

  /** Runs on the cleaner's thread once the scope has become unreachable. */
  @Override
  public void run() {
    LeakDetector.collected(this);
  }
}
