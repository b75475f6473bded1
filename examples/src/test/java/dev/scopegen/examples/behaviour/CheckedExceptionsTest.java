package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scopegen.examples.behaviour.Script.Handle;
import dev.scopegen.runtime.ScopeConsumer;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocking methods of a generated scope declare the body's exception and the checked
 * exceptions of the lifecycle methods, nothing more. Each helper below declares exactly those
 * exceptions: if a generated {@code call} or {@code run} declared another one, this class would not
 * compile.
 *
 * <p>The {@code throws} clause of an asynchronous lifecycle method declares what its stage may fail
 * with: a caller of {@code call} or {@code run} can catch that type. A checked stage failure that
 * nothing declares arrives wrapped in a {@link CompletionException}, as {@code join()} would
 * throw it, never undeclared; the body's own failures arrive unchanged.
 */
@Timeout(10)
class CheckedExceptionsTest {

  @Test
  void synchronousScopeDeclaresTheExceptionsOfItsLifecycleMethods() throws Exception {
    assertEquals("result", callSync(new Script()));
  }

  @Test
  void bodyExceptionIsDeclaredBesideThem() {
    TimeoutException timeout = new TimeoutException("body");

    assertSame(timeout, assertThrows(TimeoutException.class, () -> runSync(timeout)));
  }

  @Test
  void mixedScopeDeclaresTheExceptionsOfItsMethodsAndStages() throws Exception {
    assertEquals("result", callMixed(new Script()));
  }

  @Test
  void scopeWhoseMethodsDeclareNothingDeclaresNothing() {
    assertEquals("result", callSuppressing(new Script()));
  }

  @Test
  void asynchronousScopeDeclaresWhatItsStagesMayFailWith() throws Exception {
    assertEquals("result", callAsync(new Script()));
  }

  @ParameterizedTest(name = "completing {0}")
  @ValueSource(booleans = {false, true})
  void aCallerCatchesTheDeclaredFailureOfAnAsynchronousEnterByItsType(boolean later) {
    IOException failure = new IOException("enter");
    Script script = completing(later, new Script().fail("enter", failure));
    try {
      callAsync(script);
      fail("the enter failure did not propagate");
    } catch (IOException caught) {
      assertSame(failure, caught);
    } catch (SQLException wrongType) {
      fail(wrongType);
    }
  }

  @ParameterizedTest(name = "completing {0}")
  @ValueSource(booleans = {false, true})
  void aCallerCatchesTheDeclaredFailuresOfAnAsynchronousCommitAndExit(boolean later) {
    SQLException commit = new SQLException("commit");
    IOException exit = new IOException("exit");

    assertSame(
        commit,
        assertThrows(
            SQLException.class,
            () -> callAsync(completing(later, new Script().fail("commit", commit)))));
    assertSame(
        exit,
        assertThrows(
            IOException.class, () -> callAsync(completing(later, new Script().fail("exit", exit)))));
  }

  @ParameterizedTest(name = "completing {0}")
  @ValueSource(booleans = {false, true})
  void anUndeclaredCheckedStageFailureArrivesWrappedInCompletionException(boolean later) {
    IOException enter = new IOException("enter");
    SQLException exit = new SQLException("exit");

    CompletionException wrappedEnter =
        assertThrows(
            CompletionException.class,
            () -> callUndeclared(completing(later, new Script().fail("enter", enter))));
    CompletionException wrappedExit =
        assertThrows(
            CompletionException.class,
            () -> runUndeclared(completing(later, new Script().fail("exit", exit)), handle -> {}));

    assertSame(enter, wrappedEnter.getCause());
    assertSame(exit, wrappedExit.getCause());
  }

  @Test
  void uncheckedStageFailuresArriveUnwrapped() {
    IllegalStateException exit = new IllegalStateException("exit");

    assertSame(
        exit,
        assertThrows(
            IllegalStateException.class,
            () -> callUndeclared(new Script().fail("exit", exit))));
  }

  @Test
  void theBodysOwnFailuresArriveUnchangedWhateverTheScopeDeclares() {
    SQLException checked = new SQLException("body");
    CompletionException completion = new CompletionException(new IOException("inner"));

    assertSame(
        checked,
        assertThrows(
            SQLException.class,
            () ->
                runUndeclared(
                    new Script(),
                    handle -> {
                      throw checked;
                    })));
    assertSame(
        completion,
        assertThrows(
            CompletionException.class,
            () ->
                runUndeclared(
                    new Script(),
                    handle -> {
                      throw completion;
                    })));
  }

  @Test
  void methodsThatDeclareThrowableGiveCallAndRunThatDeclareException() throws Exception {
    IOException exception = new IOException("enter");
    Throwable throwable = new Throwable("exit");

    assertEquals("result", callThrowable(new Script()));
    assertSame(
        exception,
        assertThrows(
            IOException.class, () -> callThrowable(new Script().fail("enter", exception))));
    CompletionException wrapped =
        assertThrows(
            CompletionException.class,
            () -> callThrowable(new Script().fail("exit", throwable)));
    assertSame(throwable, wrapped.getCause());
  }

  /** ThrowableResource: enter and exit declare Throwable, so call declares Exception. */
  private static String callThrowable(Script script) throws Exception {
    return ThrowableResourceScope.of(new ThrowableResource(script)).call(handle -> "result");
  }

  /** SyncResource: enter and exit throw IOException, commit SQLException. */
  private static String callSync(Script script) throws IOException, SQLException {
    return SyncResourceScope.of(new SyncResource(script)).call(handle -> "result");
  }

  private static void runSync(TimeoutException failure)
      throws TimeoutException, IOException, SQLException {
    SyncResourceScope.of(new SyncResource(new Script()))
        .run(
            handle -> {
              throw failure;
            });
  }

  /**
   * MixedResource: enter throws TimeoutException and IOException, commit's stage fails with
   * SQLException, exit's with IOException.
   */
  private static String callMixed(Script script)
      throws TimeoutException, IOException, SQLException {
    return MixedResourceScope.of(new MixedResource(script)).call(handle -> "result");
  }

  /** UndeclaredResource: asynchronous methods that declare nothing. */
  private static String callUndeclared(Script script) {
    return UndeclaredResourceScope.of(new UndeclaredResource(script)).call(handle -> "result");
  }

  /** AsyncResource: enter and exit declare IOException, commit SQLException. */
  private static String callAsync(Script script) throws IOException, SQLException {
    return AsyncResourceScope.of(new AsyncResource(script)).call(handle -> "result");
  }

  private static <X extends Exception> void runUndeclared(
      Script script, ScopeConsumer<Handle, X> body) throws X {
    UndeclaredResourceScope.of(new UndeclaredResource(script)).run(body);
  }

  /** Makes the script's asynchronous steps complete at once, or later on another thread. */
  private static Script completing(boolean later, Script script) {
    return later ? script.completeLater(command -> new Thread(command).start()) : script;
  }

  private static String callSuppressing(Script script) {
    return SuppressingResourceScope.of(new SuppressingResource(script)).call(handle -> "result");
  }
}
