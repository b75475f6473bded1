package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.behaviour.Path.Outcome;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order of enter, commit, rollback and exit, which failure propagates and what is suppressed
 * onto it (the README's semantics), for every way of running a generated scope ({@link Path}).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LifecycleOrderTest {

  // One per test: a static executor shut down after all tests would refuse work when the same
  // tests run again in one JVM (mutation testing does).
  private final ExecutorService completer =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "completer"));

  private final Script script = new Script();

  @AfterEach
  void stopCompleter() {
    completer.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void successCommitsThenExits(Path path) {
    Outcome outcome = path.run(script, completer, handle -> body("result"));

    assertEquals(new Outcome("result", null), outcome);
    assertEquals(List.of("enter", "body", "commit", "exit"), script.events());
    assertEquals(List.of(script.handle()), script.released());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void bodyReceivesTheEnteredResource(Path path) {
    Outcome outcome =
        path.run(script, completer, handle -> handle == script.handle() ? "same" : "other");

    assertEquals("same", outcome.result());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void failedEnterRunsNothingElseAndPropagatesUnchanged(Path path) {
    IOException enterFailure = new IOException("enter");
    script.fail("enter", enterFailure);

    Outcome outcome = path.run(script, completer, handle -> body("result"));

    assertSame(enterFailure, outcome.failure());
    assertEquals(List.of(), List.of(enterFailure.getSuppressed()));
    assertEquals(List.of("enter"), script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void bodyFailureRollsBackExitsAndPropagatesTheSameObject(Path path) {
    IllegalStateException bodyFailure = new IllegalStateException("body");

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertSame(bodyFailure, outcome.failure());
    assertEquals(List.of(), List.of(bodyFailure.getSuppressed()));
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void checkedBodyFailurePropagatesUnwrapped(Path path) {
    SQLException bodyFailure = new SQLException("body");

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertSame(bodyFailure, outcome.failure());
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void commitFailureBecomesTheFailureThatRollbackAndExitSee(Path path) {
    SQLException commitFailure = new SQLException("commit");
    script.fail("commit", commitFailure);

    Outcome outcome = path.run(script, completer, handle -> body("result"));

    assertSame(commitFailure, outcome.failure());
    assertEquals(List.of(), List.of(commitFailure.getSuppressed()));
    assertEquals(
        List.of("enter", "body", "commit", "rollback <- commit", "exit <- commit"),
        script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void rollbackFailureIsSuppressedOntoTheBodyFailure(Path path) {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IllegalArgumentException rollbackFailure = new IllegalArgumentException("rollback");
    script.fail("rollback", rollbackFailure);

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertSame(bodyFailure, outcome.failure());
    assertEquals(List.of(rollbackFailure), List.of(bodyFailure.getSuppressed()));
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void exitFailureAfterSuccessPropagates(Path path) {
    IOException exitFailure = new IOException("exit");
    script.fail("exit", exitFailure);

    Outcome outcome = path.run(script, completer, handle -> body("result"));

    assertSame(exitFailure, outcome.failure());
    assertEquals(List.of(), List.of(exitFailure.getSuppressed()));
    assertEquals(List.of("enter", "body", "commit", "exit"), script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void cleanupFailuresAreSuppressedOntoTheBodyFailureInOrder(Path path) {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IllegalArgumentException rollbackFailure = new IllegalArgumentException("rollback");
    IOException exitFailure = new IOException("exit");
    script.fail("rollback", rollbackFailure).fail("exit", exitFailure);

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertSame(bodyFailure, outcome.failure());
    assertEquals(List.of(rollbackFailure, exitFailure), List.of(bodyFailure.getSuppressed()));
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void cleanupFailuresAfterACommitFailureAreSuppressedOntoIt(Path path) {
    SQLException commitFailure = new SQLException("commit");
    IllegalArgumentException rollbackFailure = new IllegalArgumentException("rollback");
    IOException exitFailure = new IOException("exit");
    script.fail("commit", commitFailure).fail("rollback", rollbackFailure).fail("exit", exitFailure);

    Outcome outcome = path.run(script, completer, handle -> body("result"));

    assertSame(commitFailure, outcome.failure());
    assertEquals(List.of(rollbackFailure, exitFailure), List.of(commitFailure.getSuppressed()));
    assertEquals(
        List.of("enter", "body", "commit", "rollback <- commit", "exit <- commit"),
        script.events());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void anErrorRunsTheCleanupAndPropagates(Path path) {
    StackOverflowError error = new StackOverflowError("body");

    Outcome outcome = path.run(script, completer, handle -> fail(error));

    assertSame(error, outcome.failure());
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @MethodSource("blockingPaths")
  void interruptedBodyRunsTheCleanupAndKeepsTheInterruptStatus(Path path) {
    InterruptedException interrupt = new InterruptedException("body");

    Outcome outcome =
        path.run(
            script,
            completer,
            handle -> {
              script.run("body");
              Thread.currentThread().interrupt();
              throw interrupt;
            });

    assertTrue(Thread.interrupted(), "the interrupt status is kept");
    assertSame(interrupt, outcome.failure());
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @MethodSource("suppressingPaths")
  void exitThatSuppressesTheBodyFailureCompletesNormallyWithNull(Path path) {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    script.suppress();

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertEquals(new Outcome(null, null), outcome);
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  @ParameterizedTest
  @MethodSource("suppressingPaths")
  void exitThatSuppressesACommitFailureKeepsTheBodyResult(Path path) {
    script.fail("commit", new SQLException("commit")).suppress();

    Outcome outcome = path.run(script, completer, handle -> body("result"));

    assertEquals(new Outcome("result", null), outcome);
    assertEquals(
        List.of("enter", "body", "commit", "rollback <- commit", "exit <- commit"),
        script.events());
  }

  @ParameterizedTest
  @MethodSource("suppressingPaths")
  void exitThatFailsDoesNotSuppress(Path path) {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    IOException exitFailure = new IOException("exit");
    script.fail("exit", exitFailure).suppress();

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertSame(bodyFailure, outcome.failure());
    assertEquals(List.of(exitFailure), List.of(bodyFailure.getSuppressed()));
  }

  @ParameterizedTest
  @MethodSource("forgivingPaths")
  void noRollbackForCommitsInsteadAndStillPropagates(Path path) {
    ForgivenException forgiven = new ForgivenException("forgiven");

    Outcome outcome = path.run(script, completer, handle -> fail(forgiven));

    assertSame(forgiven, outcome.failure());
    assertEquals(List.of(), List.of(forgiven.getSuppressed()));
    assertEquals(List.of("enter", "body", "commit", "exit <- forgiven"), script.events());
  }

  @ParameterizedTest
  @MethodSource("forgivingPaths")
  void noRollbackForRollsBackAfterAllWhenThatCommitFails(Path path) {
    ForgivenException forgiven = new ForgivenException("forgiven");
    SQLException commitFailure = new SQLException("commit");
    script.fail("commit", commitFailure);

    Outcome outcome = path.run(script, completer, handle -> fail(forgiven));

    assertSame(forgiven, outcome.failure());
    assertEquals(List.of(commitFailure), List.of(forgiven.getSuppressed()));
    assertEquals(
        List.of("enter", "body", "commit", "rollback <- forgiven", "exit <- forgiven"),
        script.events());
  }

  @ParameterizedTest
  @MethodSource("forgivingPaths")
  void noRollbackForCommitThenSuppressingExit(Path path) {
    script.suppress();

    Outcome outcome = path.run(script, completer, handle -> fail(new ForgivenException("forgiven")));

    assertNull(outcome.failure());
    assertEquals(List.of("enter", "body", "commit", "exit <- forgiven"), script.events());
  }

  @ParameterizedTest
  @MethodSource("forgivingPaths")
  void failuresNotListedInNoRollbackForStillRollBack(Path path) {
    IllegalStateException bodyFailure = new IllegalStateException("body");

    Outcome outcome = path.run(script, completer, handle -> fail(bodyFailure));

    assertSame(bodyFailure, outcome.failure());
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }

  static List<Path> blockingPaths() {
    return List.of(Path.values()).stream().filter(Path::blocks).toList();
  }

  static List<Path> suppressingPaths() {
    return List.of(Path.values()).stream().filter(Path::suppresses).toList();
  }

  static List<Path> forgivingPaths() {
    return List.of(Path.values()).stream().filter(Path::forgives).toList();
  }

  private String body(String result) {
    script.run("body");
    return result;
  }

  private String fail(Throwable failure) throws Exception {
    script.run("body");
    if (failure instanceof Exception) {
      throw (Exception) failure;
    }
    throw (Error) failure;
  }
}
