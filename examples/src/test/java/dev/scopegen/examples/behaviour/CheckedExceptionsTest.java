package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocking methods of a generated scope declare the body's exception and the checked
 * exceptions of the lifecycle methods, nothing more. Each helper below declares exactly those
 * exceptions: if a generated {@code call} or {@code run} declared another one, this class would not
 * compile.
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
  void mixedScopeDeclaresOnlyItsEnterException() throws Exception {
    assertEquals("result", callMixed(new Script()));
  }

  @Test
  void scopeWhoseMethodsDeclareNothingDeclaresNothing() {
    assertEquals("result", callAsync(new Script()));
    assertEquals("result", callSuppressing(new Script()));
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

  /** MixedResource: only enter declares a checked exception. */
  private static String callMixed(Script script) throws TimeoutException {
    return MixedResourceScope.of(new MixedResource(script)).call(handle -> "result");
  }

  private static String callAsync(Script script) {
    return AsyncResourceScope.of(new AsyncResource(script)).call(handle -> "result");
  }

  private static String callSuppressing(Script script) {
    return SuppressingResourceScope.of(new SuppressingResource(script)).call(handle -> "result");
  }
}
