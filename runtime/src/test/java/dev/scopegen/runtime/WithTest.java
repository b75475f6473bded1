package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.CleanupOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * {@link Scopes#with}: exactly the semantics of nesting. Every combination of enter and exit
 * outcomes, for two and three scopes, with the body succeeding or failing, runs once through
 * {@code with} and once through scopes actually nested by hand; the logs and the outcomes, down to
 * the order of suppressed exceptions, must be the same.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class WithTest {

  private static final ExecutorService LATER = Executors.newSingleThreadExecutor();

  @AfterAll
  static void stop() {
    LATER.shutdownNow();
  }

  enum OnEnter {
    ENTERS,
    FAILS
  }

  enum OnExit {
    EXITS,
    FAILS,
    SUPPRESSES,
    REPLACES
  }

  /** One scope's behaviour in one run; fresh exceptions every time. */
  private static final class Scripted implements AsyncScope<String> {
    private final String name;
    private final OnEnter onEnter;
    private final OnExit onExit;
    private final boolean async;
    private final List<String> log;

    Scripted(String name, OnEnter onEnter, OnExit onExit, boolean async, List<String> log) {
      this.name = name;
      this.onEnter = onEnter;
      this.onExit = onExit;
      this.async = async;
      this.log = log;
    }

    @Override
    public CompletionStage<String> enter() {
      log.add("enter " + name);
      if (onEnter == OnEnter.FAILS) {
        return later(CompletableFuture.failedFuture(new IllegalStateException("enter " + name)));
      }
      return later(CompletableFuture.completedFuture(name));
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      log.add("exit " + resource + " saw " + describe(failure));
      switch (onExit) {
        case FAILS:
          return later(CleanupOutcome.failed(failure, new IllegalStateException("exit " + name)));
        case SUPPRESSES:
          return later(CompletableFuture.completedFuture(true));
        case REPLACES:
          if (failure != null) {
            return later(
                CompletableFuture.failedFuture(
                    new IllegalArgumentException("replaced by " + name, failure)));
          }
          return later(CompletableFuture.completedFuture(false));
        default:
          return later(CompletableFuture.completedFuture(false));
      }
    }

    private <V> CompletionStage<V> later(CompletionStage<V> stage) {
      if (!async) {
        return stage;
      }
      CompletableFuture<V> pending = new CompletableFuture<>();
      LATER.execute(
          () ->
              stage.whenComplete(
                  (value, failure) -> {
                    if (failure != null) {
                      pending.completeExceptionally(Failures.unwrap(failure));
                    } else {
                      pending.complete(value);
                    }
                  }));
      return pending;
    }
  }

  /** A run's outcome: the log, then the result or the failure with its causes and suppressed. */
  private static String outcome(List<String> log, Object result, Throwable failure) {
    return String.join("\n", log) + "\n=> " + (failure == null ? "result " + result : describe(failure));
  }

  static String describe(Throwable failure) {
    if (failure == null) {
      return "null";
    }
    StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
    text.append('(').append(failure.getMessage()).append(')');
    if (failure.getCause() != null) {
      text.append(" cause ").append(describe(failure.getCause()));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      text.append(" suppressed [").append(describe(suppressed)).append(']');
    }
    return text.toString();
  }

  private static final class Case {
    final OnEnter[] enters;
    final OnExit[] exits;
    final boolean bodyFails;
    final boolean async;

    Case(OnEnter[] enters, OnExit[] exits, boolean bodyFails, boolean async) {
      this.enters = enters;
      this.exits = exits;
      this.bodyFails = bodyFails;
      this.async = async;
    }

    List<Scripted> scopes(List<String> log) {
      List<Scripted> scopes = new ArrayList<>();
      for (int i = 0; i < enters.length; i++) {
        scopes.add(new Scripted("s" + i, enters[i], exits[i], async, log));
      }
      return scopes;
    }

    String body(List<String> log, String... resources) throws java.io.IOException {
      log.add("body " + String.join(",", resources));
      if (bodyFails) {
        throw new java.io.IOException("body");
      }
      return "ok " + String.join(",", resources);
    }

    CompletionStage<String> asyncBody(List<String> log, String... resources) {
      try {
        return CompletableFuture.completedFuture(body(log, resources));
      } catch (java.io.IOException failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }

    @Override
    public String toString() {
      return java.util.Arrays.toString(enters)
          + " "
          + java.util.Arrays.toString(exits)
          + (bodyFails ? " body fails" : " body succeeds")
          + (async ? " async" : " sync");
    }
  }

  private static List<Case> cases(int scopes) {
    List<Case> cases = new ArrayList<>();
    int enterKinds = OnEnter.values().length;
    int exitKinds = OnExit.values().length;
    int combinations = (int) Math.pow(enterKinds * exitKinds, scopes);
    for (int combination = 0; combination < combinations; combination++) {
      OnEnter[] enters = new OnEnter[scopes];
      OnExit[] exits = new OnExit[scopes];
      int rest = combination;
      for (int i = 0; i < scopes; i++) {
        enters[i] = OnEnter.values()[rest % enterKinds];
        rest /= enterKinds;
        exits[i] = OnExit.values()[rest % exitKinds];
        rest /= exitKinds;
      }
      for (boolean bodyFails : new boolean[] {false, true}) {
        for (boolean async : new boolean[] {false, true}) {
          cases.add(new Case(enters, exits, bodyFails, async));
        }
      }
    }
    return cases;
  }

  private interface Statement {
    Object run(Case c, List<String> log) throws Throwable;
  }

  private static String outcomeOf(Case c, Statement statement) {
    List<String> log = new ArrayList<>();
    try {
      return outcome(log, statement.run(c, log), null);
    } catch (Throwable failure) {
      return outcome(log, null, Failures.unwrap(failure));
    }
  }

  private static void assertSameAsNesting(int scopes, Statement with, Statement nested) {
    int checked = 0;
    for (Case c : cases(scopes)) {
      assertEquals(outcomeOf(c, nested), outcomeOf(c, with), c.toString());
      checked++;
    }
    assertEquals((int) Math.pow(8, scopes) * 4, checked);
  }

  @Test
  void callOfTwoIsNestedCall() {
    assertSameAsNesting(
        2,
        (c, log) -> {
          List<Scripted> s = c.scopes(log);
          return Scopes.with(s.get(0), s.get(1)).call((a, b) -> c.body(log, a, b));
        },
        (c, log) -> {
          List<Scripted> s = c.scopes(log);
          return s.get(0).call(a -> s.get(1).call(b -> c.body(log, a, b)));
        });
  }

  @Test
  void runOfThreeIsNestedRun() {
    assertSameAsNesting(
        3,
        (c, log) -> {
          List<Scripted> s = c.scopes(log);
          Scopes.with(s.get(0), s.get(1), s.get(2)).run((a, b, d) -> c.body(log, a, b, d));
          return "ran";
        },
        (c, log) -> {
          List<Scripted> s = c.scopes(log);
          s.get(0).run(a -> s.get(1).run(b -> s.get(2).run(d -> c.body(log, a, b, d))));
          return "ran";
        });
  }

  @Test
  void useOfThreeIsNestedUse() {
    assertSameAsNesting(
        3,
        (c, log) -> {
          List<Scripted> s = c.scopes(log);
          return Scopes.with(s.get(0), s.get(1), s.get(2))
              .use((a, b, d) -> c.asyncBody(log, a, b, d))
              .get(5, TimeUnit.SECONDS);
        },
        (c, log) -> {
          List<Scripted> s = c.scopes(log);
          return s.get(0)
              .use(a -> s.get(1).use(b -> s.get(2).use(d -> c.asyncBody(log, a, b, d))))
              .get(5, TimeUnit.SECONDS);
        });
  }

  @Test
  void fourScopesEnterInOrderAndExitInReverse() throws Exception {
    List<String> log = new ArrayList<>();
    TestScope a = new TestScope("a", log);
    TestScope b = new TestScope("b", log);
    TestScope c = new TestScope("c", log);
    TestScope d = new TestScope("d", log);
    assertEquals(
        "abcd",
        Scopes.with(a, b, c, d).call((w, x, y, z) -> w + x + y + z));
    assertEquals(
        List.of(
            "enter a", "enter b", "enter c", "enter d",
            "exit d null", "exit c null", "exit b null", "exit a null"),
        log);
    log.clear();
    assertEquals(
        "abcd",
        Scopes.with(a, b, c, d)
            .use((w, x, y, z) -> CompletableFuture.supplyAsync(() -> w + x + y + z))
            .join());
    assertEquals("exit a null", log.get(7));
    log.clear();
    IllegalStateException failure = new IllegalStateException("body");
    assertSame(
        failure,
        assertThrows(
            IllegalStateException.class,
            () ->
                Scopes.with(a, b, c, d)
                    .run(
                        (w, x, y, z) -> {
                          throw failure;
                        })));
    assertEquals("exit a IllegalStateException:body", log.get(7));
  }

  @Test
  void cleanupFailuresAreSuppressedInTheOrderTheyHappened() {
    List<String> log = new ArrayList<>();
    IllegalStateException body = new IllegalStateException("body");
    IllegalStateException inner = new IllegalStateException("inner exit");
    IllegalStateException outer = new IllegalStateException("outer exit");
    TestScope a = new TestScope("a", log).exitWith((r, f) -> CleanupOutcome.failed(f, outer));
    TestScope b = new TestScope("b", log).exitWith((r, f) -> CleanupOutcome.failed(f, inner));
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Scopes.with(a, b)
                    .run(
                        (x, y) -> {
                          throw body;
                        }));
    assertSame(body, thrown);
    assertEquals(List.of(inner, outer), List.of(thrown.getSuppressed()));
  }

  @Test
  void cancellingUseCancelsTheBodyAndEveryScopeExitsOnce() {
    List<String> log = new ArrayList<>();
    TestScope a = new TestScope("a", log);
    TestScope b = new TestScope("b", log);
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> outcome = Scopes.with(a, b).use((x, y) -> body);
    assertTrue(outcome.cancel(true));
    assertTrue(body.isCancelled());
    assertThrows(CancellationException.class, outcome::join);
    assertEquals(1, a.exits.get());
    assertEquals(1, b.exits.get());
    assertEquals("exit b CancellationException:null", log.get(2).replaceAll(":.*", ":null"));
  }

  @Test
  void toStringNamesTheScopes() {
    assertEquals(
        "Scopes.with(Scopes.just(1), Scopes.just(2))",
        Scopes.with(Scopes.just(1), Scopes.just(2)).toString());
  }
}
