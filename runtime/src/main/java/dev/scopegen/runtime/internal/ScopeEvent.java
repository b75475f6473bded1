package dev.scopegen.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The JFR event {@code dev.scopegen.Scope}: one use of a scope, from the start of entering to the
 * end of exiting (the event's own duration). Emitted by {@code use}, {@code call} and {@code run}
 * of generated scopes, generator scopes and the toolbox, and by {@code ExitStack.enter} and {@code
 * enterAsync} (from the enter to the scope's exit when the stack unwinds). Not part of the API; the
 * event's name and fields are.
 *
 * <p>The {@linkplain #outcome outcome} is the first of these that holds:
 *
 * <ol>
 *   <li>{@code cancelled}: the use ended with a {@link java.util.concurrent.CancellationException}
 *       (a cancelled {@code use}, or a body that was cancelled);
 *   <li>{@code timedOut}: it ended with a {@link java.util.concurrent.TimeoutException} ({@code
 *       Scopes.timeout} whose deadline passed, or a body that timed out);
 *   <li>{@code failed}: enter failed; or exit failed after a successful body (a failing commit or
 *       cleanup); or exit replaced the body's failure with another one; or a cleanup failure was
 *       added to the body's failure as suppressed;
 *   <li>{@code suppressed}: the body failed and exit suppressed the failure;
 *   <li>{@code rolledBack}: the {@code @Rollback} method ran (the body failed);
 *   <li>{@code committed}: the {@code @Commit} method ran and succeeded (after success, or after a
 *       failure listed in {@code noRollbackFor}, which then still propagates);
 *   <li>{@code exited}: the scope has no commit or rollback method for this path (toolbox scopes,
 *       generator scopes, hand-written scopes, {@code @Exit}-only classes).
 * </ol>
 *
 * <p>{@linkplain #failure failure} is the class of the failure the use ends with, or of the one
 * exit suppressed; none after success. The three durations are measured on one clock and add up to
 * at most the event's duration; after a failed enter, body and exit are zero.
 */
@Name(ScopeEvent.NAME)
@Label("Scope")
@Category("ScopeGen")
@Description("One use of a ScopeGen scope: enter, body and exit")
@StackTrace(false)
final class ScopeEvent extends Event {

  /** The event's name. */
  static final String NAME = "dev.scopegen.Scope";

  @Label("Scope")
  @Description("The generated scope class, or the toolbox scope (Scopes.timeout, ExitStack, ...)")
  String scope;

  @Label("Resource Type")
  @Description("The class of the entered resource; none if enter failed or it was null")
  Class<?> resourceType;

  @Label("Outcome")
  @Description("committed, rolledBack, exited, suppressed, failed, cancelled or timedOut")
  String outcome;

  @Label("Failure")
  @Description("The class of the failure the use ended with, or of the one exit suppressed")
  Class<?> failure;

  @Label("Enter")
  @Description("Time spent entering the scope")
  @Timespan(Timespan.NANOSECONDS)
  long enterDuration;

  @Label("Body")
  @Description("Time spent in the body")
  @Timespan(Timespan.NANOSECONDS)
  long bodyDuration;

  @Label("Exit")
  @Description("Time spent exiting: commit or rollback, then exit")
  @Timespan(Timespan.NANOSECONDS)
  long exitDuration;
}
