package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The suppression bookkeeping of semantics rule 4 (JLS 14.20.3). */
class FailuresTest {

  @Test
  void addsTheSecondaryAsSuppressedAndReturnsThePrimary() {
    IOException primary = new IOException("primary");
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    assertSame(primary, Failures.addSuppressed(primary, first));
    assertSame(primary, Failures.addSuppressed(primary, second));
    assertArrayEquals(new Throwable[] {first, second}, primary.getSuppressed());
  }

  @Test
  void ignoresNullAndNeverSelfSuppresses() {
    IOException primary = new IOException("primary");
    Failures.addSuppressed(primary, null);
    Failures.addSuppressed(primary, primary);
    assertEquals(0, primary.getSuppressed().length);
  }

  @Test
  void neverAttachesTheSameExceptionTwice() {
    IOException primary = new IOException("primary");
    IllegalStateException secondary = new IllegalStateException("secondary");
    Failures.addSuppressed(primary, secondary);
    Failures.addSuppressed(primary, secondary);
    assertArrayEquals(new Throwable[] {secondary}, primary.getSuppressed());
  }

  @Test
  void neverAttachesWhatIsAlreadyReachableThroughCausesOrSuppressed() {
    IllegalStateException deep = new IllegalStateException("deep");
    IOException middle = new IOException("middle", deep);
    RuntimeException primary = new RuntimeException("primary", middle);
    Failures.addSuppressed(primary, deep);
    assertEquals(0, primary.getSuppressed().length);

    IOException suppressedBefore = new IOException("suppressed before");
    middle.addSuppressed(suppressedBefore);
    Failures.addSuppressed(primary, suppressedBefore);
    assertEquals(0, primary.getSuppressed().length);
  }

  @Test
  void neverClosesACycle() {
    IOException primary = new IOException("primary");
    RuntimeException wrapper = new RuntimeException("wraps the primary", primary);
    Failures.addSuppressed(primary, wrapper);
    assertEquals(0, primary.getSuppressed().length);
  }

  @Test
  void honoursDisabledSuppression() {
    Exception primary = new Exception("no suppression", null, false, true) {};
    Failures.addSuppressed(primary, new IOException("secondary"));
    assertEquals(0, primary.getSuppressed().length);
  }

  @Test
  void unwrapRemovesNestedCompletionExceptions() {
    IOException failure = new IOException("real");
    assertSame(
        failure, Failures.unwrap(new CompletionException(new CompletionException(failure))));
    assertSame(failure, Failures.unwrap(failure));
    assertNull(Failures.unwrap(null));
    CompletionException withoutCause = new CompletionException("no cause", null);
    assertSame(withoutCause, Failures.unwrap(withoutCause));
  }
}
