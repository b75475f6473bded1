package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The values of {@code -Ddev.scopegen.leakDetection}, and detection being off in this suite. The
 * reports themselves are tested with detection on, in the examples module's {@code
 * LeakDetectionTest}, which runs in a JVM of its own.
 */
class LeakDetectorTest {

  @Test
  void onAndTrueTurnDetectionOnIgnoringCaseAndBlanks() {
    for (String value : new String[] {"on", "ON", " On ", "true", "TRUE"}) {
      assertEquals(Boolean.TRUE, LeakDetector.parse(value), value);
    }
  }

  @Test
  void offFalseAndNoValueLeaveItOff() {
    for (String value : new String[] {null, "off", "Off", "false", " FALSE\t"}) {
      assertEquals(Boolean.FALSE, LeakDetector.parse(value), value);
    }
  }

  @Test
  void anythingElseIsInvalid() {
    for (String value : new String[] {"", "yes", "1", "enabled", "o n"}) {
      assertNull(LeakDetector.parse(value), value);
    }
  }

  @Test
  void theRestOfTheSuiteRunsWithDetectionOff() {
    assertFalse(LeakDetector.ON, "only the leak-detection execution turns it on");
  }
}
