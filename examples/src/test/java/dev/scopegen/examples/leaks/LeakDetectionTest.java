package dev.scopegen.examples.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.internal.LeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leak detection, on: each kind of leak made on purpose is reported once it has been collected,
 * as a WARNING on the {@code dev.scopegen.leak} logger with where the scope was entered, and as a
 * {@code dev.scopegen.Leak} JFR event; scopes exited properly are not. Runs in a JVM of its own
 * with {@code -Ddev.scopegen.leakDetection=on} (the {@code leak-detection} execution of this
 * module's pom), since the property is read once.
 *
 * <p>Each leak is made in a method of its own, so that nothing the test keeps refers to the scope;
 * each report is recognised by that method's name in the stack trace of where it was entered.
 * Collection is forced with {@code System.gc()} in a loop bounded by {@link #PATIENCE_SECONDS}.
 */
@Timeout(60)
class LeakDetectionTest {

  private static final long PATIENCE_SECONDS = 15;

  /** Held here: the logging framework keeps loggers only weakly, and their handlers with them. */
  private static final Logger LEAK_LOGGER = Logger.getLogger(LeakDetector.LOGGER_NAME);

  private static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();

  private static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          RECORDS.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicReference<Thread> generatorThread = new AtomicReference<>();
  private final AtomicReference<Throwable> seenAtYield = new AtomicReference<>();
  private Recording recording;

  @BeforeAll
  static void listen() {
    // The leak-detection execution sets scopegen.leakTests=required; anywhere else (a run of this
    // class alone, say) these tests are skipped unless the JVM has detection on.
    if ("required".equals(System.getProperty("scopegen.leakTests"))) {
      assertTrue(LeakDetector.ON, "-D" + LeakDetector.PROPERTY + "=on did not turn detection on");
    }
    assumeTrue(LeakDetector.ON, "needs -D" + LeakDetector.PROPERTY + "=on");
    LEAK_LOGGER.setLevel(Level.ALL);
    LEAK_LOGGER.setUseParentHandlers(false); // the reports are asserted, not printed
    LEAK_LOGGER.addHandler(CAPTURE);
  }

  @AfterAll
  static void stopListening() {
    LEAK_LOGGER.removeHandler(CAPTURE);
    LEAK_LOGGER.setUseParentHandlers(true);
  }

  @BeforeEach
  void record() {
    recording = new Recording();
    recording.enable("dev.scopegen.Leak");
    recording.start();
  }

  @AfterEach
  void stopRecording() {
    recording.close();
  }

  @Test
  void anExitStackThatIsNeverClosedIsReportedWithWhereItWasEntered() throws Exception {
    leakAStack();

    LogRecord warning = awaitRecord(Level.WARNING, "leakAStack");
    List<RecordedEvent> events = leakEvents(List.of("leakAStack"));

    assertTrue(
        warning.getMessage().startsWith("LEAK: an ExitStack became unreachable with 2 registrations"),
        warning.getMessage());
    StackTraceElement enteredAt = warning.getThrown().getStackTrace()[0];
    assertEquals(LeakDetectionTest.class.getName(), enteredAt.getClassName());
    assertEquals("leakAStack", enteredAt.getMethodName());
    assertEquals(
        "entered on thread \"" + Thread.currentThread().getName() + "\"",
        warning.getThrown().getMessage());
    assertEquals(1, events.size(), "one event per leak");
    RecordedEvent event = events.get(0);
    assertEquals("ExitStack", event.getString("scope"));
    assertEquals(ExitStack.class.getName(), event.getString("resourceType"));
    assertEquals(2, event.getInt("registrations"));
    assertEquals(Thread.currentThread().getName(), event.getString("enteringThread"));
    assertFalse(event.getBoolean("released"));
  }

  private static void leakAStack() {
    ExitStack stack = new ExitStack();
    stack.callback(() -> {});
    stack.push(failure -> false);
  }

  @Test
  void aStackEmptiedByPopAllIsNotReportedButTheStackItMovedToIs() throws Exception {
    leakThePoppedStack();

    LogRecord warning = awaitRecord(Level.WARNING, "leakThePoppedStack");
    LogRecord emptied = awaitRecord(Level.FINE, "leakThePoppedStack");

    assertTrue(warning.getMessage().contains("with 3 registrations"), warning.getMessage());
    assertTrue(emptied.getMessage().startsWith("ExitStack was collected after its exit"));
    assertEquals(1, records(Level.WARNING, "leakThePoppedStack").size());
  }

  private static void leakThePoppedStack() {
    ExitStack stack = new ExitStack();
    stack.callback(() -> {});
    stack.callback(() -> {});
    stack.callback(() -> {});
    stack.popAll();
  }

  @Test
  void stacksThatWereClosedAreNotReported() throws Exception {
    closeWithTryWithResources();
    closeAfterReuse();
    runAsAScope();
    popAllAndClose();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    closeAsyncWhileACallbackIsPending(gate);
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(List.of(), records(Level.WARNING, "closeAsyncWhileACallbackIsPending"));

    gate.complete(null);

    awaitRecord(Level.FINE, "closeWithTryWithResources");
    awaitRecord(Level.FINE, "closeAfterReuse");
    awaitRecord(Level.FINE, "runAsAScope");
    awaitRecord(Level.FINE, "closeAsyncWhileACallbackIsPending");
    awaitRecords(Level.FINE, "popAllAndClose", 2);
    for (String method :
        List.of(
            "closeWithTryWithResources",
            "closeAfterReuse",
            "runAsAScope",
            "popAllAndClose",
            "closeAsyncWhileACallbackIsPending")) {
      assertEquals(List.of(), records(Level.WARNING, method), method);
    }
    assertEquals(List.of(), leakEvents(List.of("close", "runAsAScope", "popAllAndClose")));
  }

  @SuppressWarnings("try") // close() declares Exception, as AutoCloseable's does
  private void closeWithTryWithResources() throws Exception {
    try (ExitStack stack = new ExitStack()) {
      stack.callback(() -> log.add("closed"));
    }
  }

  private void closeAfterReuse() throws Exception {
    ExitStack stack = new ExitStack();
    stack.callback(() -> log.add("first"));
    stack.close();
    stack.callback(() -> log.add("second"));
    stack.close();
  }

  private void runAsAScope() throws Exception {
    new ExitStack().run(stack -> stack.callback(() -> log.add("ran")));
  }

  private void popAllAndClose() throws Exception {
    ExitStack stack = new ExitStack();
    stack.callback(() -> log.add("moved"));
    stack.popAll().close();
  }

  private void closeAsyncWhileACallbackIsPending(CompletableFuture<Void> gate) {
    ExitStack stack = new ExitStack();
    stack.callback(() -> log.add("after the gate"));
    stack.callbackAsync(() -> gate);
    stack.closeAsync();
  }

  @Test
  void aBlockingGeneratorNeverExitedIsReportedAndItsThreadReleasedThroughItsFinally()
      throws Exception {
    enterAGeneratorAndDropIt();

    LogRecord warning = awaitRecord(Level.WARNING, "enterAGeneratorAndDropIt");
    Thread thread = generatorThread.get();
    boolean released = awaitReleased(thread);
    List<RecordedEvent> events = leakEvents(List.of("enterAGeneratorAndDropIt"));

    String scope = LeakFixturesScopes.class.getName() + "$GuardedScope";
    assertTrue(
        warning.getMessage().startsWith("LEAK: " + scope + " became unreachable while entered"),
        warning.getMessage());
    assertTrue(released, "the generator's thread still waits at its yield");
    assertEquals(List.of("setup", "caught CancellationException", "finally"), log);
    Throwable seen = seenAtYield.get();
    assertInstanceOf(CancellationException.class, seen);
    assertSame(warning.getThrown(), seen.getCause(), "where it was entered");
    assertEquals(1, events.size(), "one event per leak");
    RecordedEvent event = events.get(0);
    assertEquals(scope, event.getString("scope"));
    assertEquals(String.class.getName(), event.getString("resourceType"));
    assertEquals(0, event.getInt("registrations"));
    assertTrue(event.getBoolean("released"));
    assertTrue(
        event.getString("enteredAt").contains(".enterAGeneratorAndDropIt("),
        event.getString("enteredAt"));
  }

  private void enterAGeneratorAndDropIt() {
    AsyncScope<String> scope = LeakFixturesScopes.guarded(log, generatorThread, seenAtYield);
    assertEquals("connection", scope.enter().toCompletableFuture().join());
  }

  @Test
  void aBlockingGeneratorThatWasExitedIsNotReported() throws Exception {
    enterAndExitAGenerator();

    awaitRecord(Level.FINE, "enterAndExitAGenerator");
    boolean released = awaitReleased(generatorThread.get());

    assertEquals(List.of(), records(Level.WARNING, "enterAndExitAGenerator"));
    assertEquals(List.of(), leakEvents(List.of("enterAndExitAGenerator")));
    assertEquals(List.of("setup", "after body", "finally"), log);
    assertTrue(released, "the generator's thread still runs the method");
  }

  private void enterAndExitAGenerator() {
    AsyncScope<String> scope = LeakFixturesScopes.guarded(log, generatorThread, seenAtYield);
    String resource = scope.enter().toCompletableFuture().join();
    assertFalse(scope.exit(resource, null).toCompletableFuture().join());
  }

  /**
   * Waits, for a bounded time, until {@code thread} no longer runs a generator method: it ended (a
   * virtual thread, JDK 21+), or went back to the pool of platform threads (before JDK 21).
   */
  private static boolean awaitReleased(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (thread.isAlive() && runsAGeneratorMethod(thread)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private static boolean runsAGeneratorMethod(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().equals("dev.scopegen.runtime.internal.SuspendedGenerator")) {
        return true;
      }
    }
    return false;
  }

  /** Collects garbage until a record of {@code level} names {@code method}, for a bounded time. */
  private static LogRecord awaitRecord(Level level, String method) throws InterruptedException {
    return awaitRecords(level, method, 1).get(0);
  }

  private static List<LogRecord> awaitRecords(Level level, String method, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (System.nanoTime() < deadline) {
      System.gc();
      List<LogRecord> found = records(level, method);
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "no " + level + " record for " + method + " within " + PATIENCE_SECONDS + " s: " + RECORDS);
  }

  /** The records of {@code level} whose trace of where the scope was entered has {@code method}. */
  private static List<LogRecord> records(Level level, String method) {
    List<LogRecord> found = new ArrayList<>();
    for (LogRecord record : RECORDS) {
      if (record.getLevel().equals(level)
          && record.getThrown() != null
          && Arrays.stream(record.getThrown().getStackTrace())
              .anyMatch(frame -> frame.getMethodName().equals(method))) {
        found.add(record);
      }
    }
    return found;
  }

  /**
   * Stops this test's recording and returns its leak events entered in a method whose name starts
   * with one of {@code methodPrefixes}.
   */
  private List<RecordedEvent> leakEvents(List<String> methodPrefixes) throws Exception {
    recording.stop();
    Path file = Files.createTempFile("leaks", ".jfr");
    try {
      recording.dump(file);
      Predicate<RecordedEvent> ours =
          event ->
              methodPrefixes.stream()
                  .anyMatch(prefix -> event.getString("enteredAt").contains("." + prefix));
      List<RecordedEvent> events = new ArrayList<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        if (!event.getEventType().getName().equals("dev.scopegen.Leak")) {
          continue; // dev.scopegen.Scope: a recording takes the scope events too
        }
        assertNotNull(event.getString("enteredAt"));
        if (ours.test(event)) {
          events.add(event);
        }
      }
      return events;
    } finally {
      Files.delete(file);
    }
  }
}
