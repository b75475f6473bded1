package dev.scopegen.runtime.internal;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether {@code dev.scopegen.Scope} events may be recorded: the one check that scopes make on
 * their fast path. Not part of the API.
 *
 * <p>With no JFR recording running in the JVM, {@link #enabled} reads one static volatile field
 * that is {@code false} (a plain load on x86 and ARM), and a scope runs exactly as it does without
 * events: no event object, no clock read. A {@link FlightRecorderListener} turns it on while any
 * recording runs; each use then asks the event itself whether the running recordings enable it
 * ({@link ScopeUse#of}). A {@code MutableCallSite} target, which compiled code folds to a constant,
 * measured no faster in {@code JfrBenchmark} and deoptimizes every caller when a recording starts
 * or stops; the field stays.
 */
public final class ScopeEvents {

  /** Whether a recording runs; written by the recorder's listener only. */
  private static volatile boolean recording;

  static {
    try {
      FlightRecorder.addListener(new Listener());
    } catch (RuntimeException | LinkageError unavailable) {
      // No Flight Recorder in this JVM (or it is not accessible): scopes record nothing.
    }
  }

  private ScopeEvents() {}

  /**
   * Whether a JFR recording is running, so that a scope use may be recorded. Cheap: one field read.
   *
   * @return {@code false} when no recording runs
   */
  public static boolean enabled() {
    return recording;
  }

  /** A recording started. Serialized with {@link #update}, so that the last word is right. */
  private static synchronized void started() {
    recording = true;
  }

  /** Whether any recording runs, after a change of one. */
  private static synchronized void update(FlightRecorder recorder) {
    boolean running = false;
    for (Recording each : recorder.getRecordings()) {
      running |= each.getState() == RecordingState.RUNNING;
    }
    recording = running;
  }

  /** Follows the recordings of the JVM; registers the event as soon as the recorder exists. */
  private static final class Listener implements FlightRecorderListener {
    @Override
    public void recorderInitialized(FlightRecorder recorder) {
      FlightRecorder.register(ScopeEvent.class);
      update(recorder);
    }

    @Override
    public void recordingStateChanged(Recording changed) {
      if (changed.getState() == RecordingState.RUNNING) {
        started();
      } else {
        update(FlightRecorder.getFlightRecorder());
      }
    }
  }
}
