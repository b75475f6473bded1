package dev.scopegen.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event {@code dev.scopegen.Leak}: a scope that became unreachable while it was entered,
 * found by {@link LeakDetector}. An instant event, committed on the detector's thread when the
 * scope was collected; JFR's own stack trace would show that thread, so it is off, and the stack
 * trace of where the scope was entered is a field.
 *
 * <p>Not part of the public API.
 */
@Name("dev.scopegen.Leak")
@Label("Scope Leak")
@Category("ScopeGen")
@Description("A scope that became unreachable while it was entered: its exit never ran")
@StackTrace(false)
final class LeakEvent extends Event {

  @Label("Scope")
  @Description("ExitStack, or the generated scope class of a @ScopedResource method")
  String scope;

  @Label("Resource Type")
  @Description("The class of the entered resource")
  String resourceType;

  @Label("Registrations")
  @Description("The registrations an ExitStack held, which never ran; 0 for other scopes")
  int registrations;

  @Label("Entering Thread")
  @Description("The name of the thread that entered the scope")
  String enteringThread;

  @Label("Entered At")
  @Description("The stack trace of where the scope was entered")
  String enteredAt;

  @Label("Released")
  @Description("Whether a generator's suspended method was resumed so that its cleanup runs")
  boolean released;

  LeakEvent() {}

  static void commit(
      String scope,
      String resourceType,
      int registrations,
      LeakDetector.EnteredAt enteredAt,
      boolean released) {
    LeakEvent event = new LeakEvent();
    if (!event.isEnabled()) {
      return;
    }
    event.scope = scope;
    event.resourceType = resourceType;
    event.registrations = registrations;
    event.enteringThread = enteredAt.thread;
    event.enteredAt = enteredAt.frames();
    event.released = released;
    event.commit();
  }
}
