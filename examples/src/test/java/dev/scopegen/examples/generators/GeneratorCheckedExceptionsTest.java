package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code throws} clause of an asynchronous {@code @ScopedResource} method declares what its
 * stage may fail with, and the generated {@code call} and {@code run} declare it: a caller catches
 * that type. A checked stage failure that nothing declares arrives wrapped in a {@link
 * CompletionException}, never undeclared; the body's own failures arrive unchanged.
 */
@Timeout(10)
class GeneratorCheckedExceptionsTest {

  @Test
  void aCallerCatchesTheDeclaredFailureOfTheMethodsStageByItsType() {
    IOException enter = new IOException("enter");
    IOException exit = new IOException("exit");
    try {
      AsyncFixturesScopes.failingEnter(enter).run(resource -> fail("the body ran"));
      fail("the enter failure did not propagate");
    } catch (IOException caught) {
      assertSame(enter, caught);
    }
    try {
      AsyncFixturesScopes.failingDeclared(exit).call(resource -> "result");
      fail("the exit failure did not propagate");
    } catch (IOException caught) {
      assertSame(exit, caught);
    }
  }

  @Test
  void anUndeclaredCheckedFailureOfTheStageArrivesWrappedInCompletionException() {
    TimeoutException failure = new TimeoutException("after the body");

    CompletionException wrapped =
        assertThrows(
            CompletionException.class,
            () -> AsyncFixturesScopes.failingUndeclared(failure).call(resource -> "result"));

    assertSame(failure, wrapped.getCause());
  }

  @Test
  void anUndeclaredCheckedReplacementArrivesWrappedWithTheBodysFailureSuppressed() {
    TimeoutException replacement = new TimeoutException("replacement");
    IllegalStateException body = new IllegalStateException("body");

    CompletionException wrapped =
        assertThrows(
            CompletionException.class,
            () ->
                AsyncFixturesScopes.failingUndeclared(replacement)
                    .run(
                        resource -> {
                          throw body;
                        }));

    assertSame(replacement, wrapped.getCause());
    assertArrayEquals(new Throwable[] {body}, replacement.getSuppressed());
  }

  @Test
  void uncheckedFailuresOfTheStageArriveUnwrapped() {
    IllegalStateException failure = new IllegalStateException("after the body");

    assertSame(
        failure,
        assertThrows(
            IllegalStateException.class,
            () -> AsyncFixturesScopes.failingUndeclared(failure).call(resource -> "result")));
  }

  @Test
  void theBodysOwnCheckedFailureArrivesUnchanged() {
    // The method passes the body's failure through: it completes with it, unchanged.
    IOException body = new IOException("body");

    assertSame(
        body,
        assertThrows(
            IOException.class,
            () ->
                AsyncFixturesScopes.logging(new java.util.ArrayList<>(), "g")
                    .run(
                        resource -> {
                          throw body;
                        })));
  }
}
