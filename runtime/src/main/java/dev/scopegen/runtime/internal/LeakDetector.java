package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.ExitStack;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;

/**
 * Opt-in leak detection, on with {@code -Ddev.scopegen.leakDetection=on}: a scope that becomes
 * unreachable while it is still entered is reported, with the stack trace of where it was entered.
 *
 * <p>What is tracked: an {@link ExitStack} that holds registrations (from the first registration
 * after it was created or last unwound, until its unwinding has finished), and a blocking
 * generator method ({@code @ScopedResource}) entered on a thread of its own ({@link
 * BlockingGenerator#enter}) whose exit never ran. A leaked generator is resumed at its yield with a {@link CancellationException},
 * as Python throws {@code GeneratorExit} into a generator that is garbage collected: its {@code
 * catch} and {@code finally} blocks run and its thread ends.
 *
 * <p>Each leak is a {@code System.Logger} WARNING on the logger {@value #LOGGER_NAME} and a JFR
 * event {@code dev.scopegen.Leak} ({@link LeakEvent}). A tracked scope that was exited properly is
 * logged at DEBUG when it is collected.
 *
 * <p>Cost. The property is read once, when this class is initialized, into the constant {@link
 * #ON}; every hook is {@code if (LeakDetector.ON) ...}, which the JIT removes when detection is off:
 * no allocation, no thread, no {@link Cleaner}. When on, every tracked scope is tracked (no
 * sampling, unlike detectors that are on by default): detection is a debugging mode, and a leak
 * seen once in a hundred runs is a leak not found. Tracking costs one stack trace and one {@link
 * Cleaner} registration per exit stack and per generator entered on its own thread; reports run on
 * the cleaner's own daemon thread, created on the first registration.
 *
 * <p>Not part of the public API.
 */
public final class LeakDetector {

  /** The system property that turns detection on: {@code on} or {@code off}. */
  public static final String PROPERTY = "dev.scopegen.leakDetection";

  /** The name of the {@code System.Logger} that reports leaks. */
  public static final String LOGGER_NAME = "dev.scopegen.leak";

  /**
   * Whether leak detection is on. A constant, read once from {@value #PROPERTY}: {@code on} or
   * {@code true} turn it on, {@code off}, {@code false} or no value leave it off (ignoring case
   * and surrounding blanks); anything else is reported as a WARNING and leaves it off.
   */
  public static final boolean ON = enabled();

  private LeakDetector() {}

  /**
   * Parses a value of {@value #PROPERTY}.
   *
   * @return {@code true} for on, {@code false} for off or no value, {@code null} for a value that
   *     is neither
   */
  static Boolean parse(String value) {
    if (value == null) {
      return false;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on":
      case "true":
        return true;
      case "off":
      case "false":
        return false;
      default:
        return null;
    }
  }

  private static boolean enabled() {
    String value;
    try {
      value = System.getProperty(PROPERTY);
    } catch (SecurityException denied) {
      return false;
    }
    Boolean on = parse(value);
    if (on == null) {
      System.getLogger(LOGGER_NAME)
          .log(
              Level.WARNING,
              "-D{0}={1} is not a valid value: leak detection is off. Use -D{0}=on to turn it on,"
                  + " or -D{0}=off.",
              PROPERTY,
              value);
      return false;
    }
    return on;
  }

  /**
   * Keeps {@code scope} reachable up to this point when detection is on, so that it is not reported
   * while its exit is in progress.
   *
   * @param scope the scope being exited
   */
  public static void reachable(Object scope) {
    if (ON) {
      Reference.reachabilityFence(scope);
    }
  }

  /**
   * Called by {@code stack} after each registration: the first one since the stack was created or
   * last unwound opens it, and is where it is reported as entered.
   *
   * @param stack the stack
   * @param registrations its registrations, where the stack's record is kept
   */
  public static void registered(ExitStack stack, Registrations registrations) {
    TrackedScope tracked = registrations.leak;
    if (tracked == null) {
      tracked = new TrackedScope("ExitStack", null, new EnteredAt());
      registrations.leak = tracked;
      Reaper.CLEANER.register(stack, tracked);
    } else if (!tracked.open) {
      tracked.enteredAt = new EnteredAt();
    }
    tracked.registrations++;
    tracked.open = true;
  }

  /**
   * Called by {@code stack} when it starts unwinding {@code registrations}: the stack is closed
   * once the unwinding has finished. Until then it stays reachable.
   *
   * @param stack the stack
   * @param registrations its registrations
   * @param unwinding the unwinding's stage
   */
  public static void unwinding(
      ExitStack stack, Registrations registrations, CompletionStage<?> unwinding) {
    TrackedScope tracked = registrations.leak;
    if (tracked == null) {
      return;
    }
    if (unwinding.toCompletableFuture().isDone()) {
      close(tracked);
      return;
    }
    unwinding.handle(
        (value, failure) -> {
          close(tracked);
          Reference.reachabilityFence(stack);
          return null;
        });
  }

  /**
   * Called by {@link ExitStack#popAll}: the registrations moved to {@code to}, which is reported as
   * entered here; {@code from} is empty.
   *
   * @param from the registrations of the stack that was emptied
   * @param to the new stack
   * @param moved its registrations
   */
  public static void moved(Registrations from, ExitStack to, Registrations moved) {
    TrackedScope tracked = from.leak;
    if (tracked == null || !tracked.open || moved.isEmpty()) {
      return;
    }
    int count = tracked.registrations;
    close(tracked);
    registered(to, moved);
    moved.leak.registrations = count;
  }

  private static void close(TrackedScope tracked) {
    tracked.open = false;
    tracked.registrations = 0;
  }

  /**
   * Called by {@link BlockingGenerator#enter}: tracks {@code scope} until {@code generator} is
   * resumed. {@code name} is what a report calls it: the generated scope class's name.
   */
  static void entered(BlockingGenerator<?> scope, SuspendedGenerator<?> generator, String name) {
    Reaper.CLEANER.register(scope, new TrackedScope(name, generator, new EnteredAt()));
  }

  /** Runs on the cleaner's thread once a tracked scope has become unreachable. */
  static void collected(TrackedScope tracked) {
    try {
      SuspendedGenerator<?> generator = tracked.generator;
      if (generator == null) {
        if (tracked.open) {
          report(tracked, "dev.scopegen.runtime.ExitStack", tracked.registrations, false);
        } else {
          exitedProperly(tracked);
        }
      } else if (generator.isResumed()) {
        exitedProperly(tracked);
      } else {
        // The method may still be on its way to its yield: release it once it gets there.
        generator
            .yielded()
            .handle(
                (resource, enterFailure) -> {
                  if (enterFailure == null) {
                    release(tracked, resource);
                  }
                  return null;
                });
      }
    } catch (RuntimeException | Error unexpected) {
      Reaper.LOGGER.log(Level.ERROR, "leak detection failed", unexpected);
    }
  }

  /**
   * Resumes a leaked generator with a {@link CancellationException} whose cause is where it was
   * entered, so that its cleanup runs and its thread ends. A failure of that cleanup is logged, as
   * Python reports an exception raised while closing a collected generator.
   */
  private static void release(TrackedScope tracked, Object resource) {
    SuspendedGenerator<?> generator = tracked.generator;
    if (generator.isResumed()) {
      return;
    }
    String type = resource == null ? "null" : resource.getClass().getName();
    String scope = report(tracked, type, 0, true);
    CancellationException leaked =
        new CancellationException(scope + " became unreachable while entered: its exit never ran");
    leaked.initCause(tracked.enteredAt);
    CompletionStage<Boolean> exited;
    try {
      exited = generator.resume(leaked);
    } catch (IllegalStateException resumedMeanwhile) {
      return;
    }
    exited.handle(
        (suppressed, failure) -> {
          if (failure != null && failure != leaked) {
            Reaper.LOGGER.log(
                Level.WARNING,
                "The cleanup of the leaked " + scope + " failed after its release",
                failure);
          }
          return null;
        });
  }

  /** Reports a leak and returns the scope's name. */
  private static String report(
      TrackedScope tracked, String resourceType, int registrations, boolean released) {
    EnteredAt enteredAt = tracked.enteredAt.trimmed();
    String scope = tracked.name;
    LeakEvent.commit(scope, resourceType, registrations, enteredAt, released);
    String message;
    if (tracked.generator == null) {
      message =
          "LEAK: an ExitStack became unreachable with "
              + registrations
              + (registrations == 1 ? " registration" : " registrations")
              + " that never ran: close it, or use it with run, call or use. It was entered here"
              + " (first registration since it was created or last unwound):";
    } else {
      message =
          "LEAK: "
              + scope
              + " became unreachable while entered: its exit never ran. Its method was resumed"
              + " with a CancellationException so that its cleanup runs and its thread ends."
              + " It was entered here:";
    }
    Reaper.LOGGER.log(Level.WARNING, message, enteredAt);
    return scope;
  }

  private static void exitedProperly(TrackedScope tracked) {
    if (Reaper.LOGGER.isLoggable(Level.DEBUG)) {
      Reaper.LOGGER.log(
          Level.DEBUG,
          tracked.name + " was collected after its exit: no leak. It was entered here:",
          tracked.enteredAt.trimmed());
    }
  }

  /**
   * Where a tracked scope was entered: a stack trace captured when it was entered. Only the raw
   * trace is recorded then; its frames are made, without those of the runtime's own bookkeeping,
   * when the scope is reported.
   */
  static final class EnteredAt extends Throwable {
    private static final long serialVersionUID = 1L;

    /** The name of the thread that entered the scope. */
    final String thread;

    private boolean trimmed;

    EnteredAt() {
      this(Thread.currentThread().getName());
    }

    private EnteredAt(String thread) {
      super(null, null, false, true);
      this.thread = thread;
    }

    @Override
    public String getMessage() {
      return "entered on thread \"" + thread + "\"";
    }

    /** Makes the frames, without the runtime's bookkeeping, once; returns this. */
    synchronized EnteredAt trimmed() {
      if (!trimmed) {
        StackTraceElement[] frames = getStackTrace();
        int first = 0;
        while (first < frames.length && isBookkeeping(frames[first].getClassName())) {
          first++;
        }
        setStackTrace(Arrays.copyOfRange(frames, first, frames.length));
        trimmed = true;
      }
      return this;
    }

    private static boolean isBookkeeping(String className) {
      return className.equals(LeakDetector.class.getName())
          || className.equals(EnteredAt.class.getName())
          || className.equals(BlockingGenerator.class.getName())
          || className.equals(ScopeUse.class.getName()) // recording a JFR event
          || className.equals(ExitStack.class.getName());
    }

    /** The stack trace as text, one frame a line. */
    String frames() {
      StringBuilder text = new StringBuilder();
      for (StackTraceElement frame : getStackTrace()) {
        text.append("at ").append(frame).append('\n');
      }
      return text.toString();
    }
  }

  /**
   * The cleaner and the logger, created when the first scope is tracked: never when detection is
   * off.
   */
  private static final class Reaper {
    static final Logger LOGGER = System.getLogger(LOGGER_NAME);
    static final Cleaner CLEANER =
        Cleaner.create(task -> new Thread(task, "scopegen-leak-detector"));
  }
}
