package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.ExitSequence;
import dev.scopegen.runtime.internal.ScopeEvents;
import dev.scopegen.runtime.internal.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR event {@code dev.scopegen.Scope}: one per use, with the outcome of every kind of use,
 * and its fields. Records with {@link Recording}, reads back with {@link RecordingFile}.
 */
@Timeout(60)
class ScopeEventTest {

  private static final String TX = Tx.class.getName();

  /** A resource class with commit, rollback and exit, as the processor generates it. */
  static final class Tx implements AsyncScope<StringBuilder> {
    private final Throwable enterFailure;
    private final RuntimeException exitFailure;
    private final boolean suppress;
    private final List<Class<? extends Throwable>> noRollbackFor;

    Tx(Throwable enterFailure, RuntimeException exitFailure, boolean suppress) {
      this(enterFailure, exitFailure, suppress, List.of());
    }

    Tx(
        Throwable enterFailure,
        RuntimeException exitFailure,
        boolean suppress,
        List<Class<? extends Throwable>> noRollbackFor) {
      this.enterFailure = enterFailure;
      this.exitFailure = exitFailure;
      this.suppress = suppress;
      this.noRollbackFor = noRollbackFor;
    }

    static Tx plain() {
      return new Tx(null, null, false);
    }

    @Override
    public CompletionStage<StringBuilder> enter() {
      return enterFailure != null
          ? Stages.failed(enterFailure)
          : CompletableFuture.completedFuture(new StringBuilder());
    }

    @Override
    public CompletionStage<Boolean> exit(StringBuilder resource, Throwable failure) {
      return new ExitSequence<StringBuilder>(resource, failure) {
        @Override
        protected CompletionStage<?> commit(StringBuilder resource) {
          resource.append("commit ");
          return Stages.done();
        }

        @Override
        protected CompletionStage<?> rollback(StringBuilder resource, Throwable failure) {
          resource.append("rollback ");
          return Stages.done();
        }

        @Override
        protected CompletionStage<Boolean> close(StringBuilder resource, Throwable failure) {
          if (exitFailure != null) {
            throw exitFailure;
          }
          return Stages.of(suppress);
        }

        @Override
        protected boolean rollsBackOn(Throwable failure) {
          return noRollbackFor.stream().noneMatch(type -> type.isInstance(failure));
        }
      }.start();
    }
  }

  /** An exit-only resource class: no commit, no rollback. */
  static final class Closer implements AsyncScope<String> {
    @Override
    public CompletionStage<String> enter() {
      return CompletableFuture.completedFuture("closer");
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return new ExitSequence<String>(resource, failure) {}.start();
    }
  }

  @Test
  void everyOutcomeAndItsFields(@TempDir Path dir) throws Exception {
    List<RecordedEvent> events =
        record(
            dir,
            () -> {
              // committed: call, run, use, ExitStack.enter
              assertEquals("x", Tx.plain().call(resource -> "x"));
              Tx.plain().run(resource -> {});
              assertEquals("y", Tx.plain().use(resource -> CompletableFuture.completedFuture("y")).join());
              ExitStack stack = new ExitStack();
              stack.enter(Tx.plain());
              stack.close();
              // rolledBack; committed after a noRollbackFor failure, which still propagates
              assertThrows(
                  IllegalStateException.class,
                  () -> Tx.plain().call(resource -> {
                        throw new IllegalStateException("body");
                      }));
              assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      new Tx(null, null, false, List.of(IllegalArgumentException.class))
                          .run(resource -> {
                            throw new IllegalArgumentException("no rollback for this");
                          }));
              // exited: no commit or rollback method
              assertEquals("closer", new Closer().call(resource -> resource));
              Scopes.just(42).run(value -> {});
              // suppressed: by an exit, and by Scopes.suppress
              assertNull(new Tx(null, null, true).call(resource -> {
                    throw new UnsupportedOperationException("suppressed");
                  }));
              Scopes.suppress(IllegalStateException.class).run(nothing -> {
                    throw new IllegalStateException("suppressed");
                  });
              // failed: enter fails; exit fails after success; cleanup fails after a failure
              assertThrows(
                  IOException.class,
                  () -> new Tx(new IOException("enter"), null, false).call(resource -> "never"));
              assertThrows(
                  ArithmeticException.class,
                  () ->
                      new Tx(null, new ArithmeticException("exit"), false)
                          .call(resource -> "lost"));
              IllegalStateException body =
                  assertThrows(
                      IllegalStateException.class,
                      () ->
                          new Tx(null, new ArithmeticException("exit"), false)
                              .run(resource -> {
                                throw new IllegalStateException("body");
                              }));
              assertEquals(1, body.getSuppressed().length);
              // cancelled: a use cancelled while its body runs
              CompletableFuture<String> pending = new CompletableFuture<>();
              CompletableFuture<String> use = Tx.plain().use(resource -> pending);
              assertTrue(use.cancel(false));
              assertThrows(CancellationException.class, use::join);
              // timedOut: Scopes.timeout whose deadline passes while the body sleeps
              assertThrows(
                  TimeoutException.class,
                  () -> Scopes.timeout(Duration.ofMillis(20)).run(deadline -> Thread.sleep(10_000)));
              // generator scopes: blocking (inline call) and asynchronous
              new BlockingGenerator<String>("gen", Closer.class, yield -> yield.yield("g"))
                  .call(resource -> resource, failure -> false);
              new AsyncGenerator<String>("agen", yield -> yield.yield("a"))
                  .use(CompletableFuture::completedFuture)
                  .join();
            });

    List<String> expected =
        List.of(
            TX + " java.lang.StringBuilder committed -",
            TX + " java.lang.StringBuilder committed -",
            TX + " java.lang.StringBuilder committed -",
            TX + " java.lang.StringBuilder committed -",
            TX + " java.lang.StringBuilder rolledBack java.lang.IllegalStateException",
            TX + " java.lang.StringBuilder committed java.lang.IllegalArgumentException",
            Closer.class.getName() + " java.lang.String exited -",
            "Scopes.just java.lang.Integer exited -",
            TX + " java.lang.StringBuilder suppressed java.lang.UnsupportedOperationException",
            "Scopes.suppress - suppressed java.lang.IllegalStateException",
            TX + " - failed java.io.IOException",
            TX + " java.lang.StringBuilder failed java.lang.ArithmeticException",
            TX + " java.lang.StringBuilder failed java.lang.IllegalStateException",
            TX + " java.lang.StringBuilder cancelled java.util.concurrent.CancellationException",
            "Scopes.timeout dev.scopegen.runtime.Deadline timedOut"
                + " java.util.concurrent.TimeoutException",
            Closer.class.getName() + " java.lang.String exited -",
            "agen java.lang.String exited -");
    assertEquals(
        expected.stream().sorted().collect(Collectors.toList()),
        events.stream().map(ScopeEventTest::describe).sorted().collect(Collectors.toList()));

    for (RecordedEvent event : events) {
      long enter = event.getDuration("enterDuration").toNanos();
      long body = event.getDuration("bodyDuration").toNanos();
      long exit = event.getDuration("exitDuration").toNanos();
      String what = describe(event);
      assertTrue(enter >= 0 && body >= 0 && exit >= 0, what);
      assertTrue(enter + body + exit <= event.getDuration().toNanos(), what);
      if (what.contains("failed java.io.IOException")) {
        assertEquals(0, body + exit, "nothing runs after a failed enter");
      }
    }
  }

  @Test
  void theFlagFollowsTheRecordings(@TempDir Path dir) throws Exception {
    assertFalse(ScopeEvents.enabled(), "no recording runs before this test");
    try (Recording recording = new Recording()) {
      recording.enable("dev.scopegen.Scope");
      recording.start();
      assertTrue(ScopeEvents.enabled());
      recording.stop();
    }
    assertFalse(ScopeEvents.enabled());
    // A recording that leaves the event disabled records none, and the scope works as before.
    try (Recording recording = new Recording()) {
      recording.disable("dev.scopegen.Scope");
      recording.start();
      assertEquals("x", Tx.plain().call(resource -> "x"));
      recording.stop();
      Path file = dir.resolve("disabled.jfr");
      recording.dump(file);
      assertTrue(scopeEvents(file).isEmpty());
    }
  }

  /** Runs {@code uses} on this thread under a recording; returns this thread's scope events. */
  private static List<RecordedEvent> record(Path dir, ThrowingRunnable uses) throws Exception {
    Path file = dir.resolve("scopes.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.scopegen.Scope").withoutThreshold();
      recording.start();
      uses.run();
      recording.stop();
      recording.dump(file);
    }
    long thread = Thread.currentThread().getId();
    List<RecordedEvent> mine = new ArrayList<>();
    for (RecordedEvent event : scopeEvents(file)) {
      if (event.getThread() != null && event.getThread().getJavaThreadId() == thread) {
        mine.add(event);
      }
    }
    return mine;
  }

  private static List<RecordedEvent> scopeEvents(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(event -> event.getEventType().getName().equals("dev.scopegen.Scope"))
        .collect(Collectors.toList());
  }

  private static String describe(RecordedEvent event) {
    return event.getString("scope")
        + " "
        + (event.getClass("resourceType") == null ? "-" : event.getClass("resourceType").getName())
        + " "
        + event.getString("outcome")
        + " "
        + (event.getClass("failure") == null ? "-" : event.getClass("failure").getName());
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
