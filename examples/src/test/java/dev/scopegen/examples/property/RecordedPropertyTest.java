package dev.scopegen.examples.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three property families under a JFR recording that enables {@code dev.scopegen.Scope}: the
 * scopes then take the recorded path (the generated inline {@code call} and {@code run} included)
 * and must still follow the model step for step. A tenth of the scenarios of the other property
 * tests per family (1,000 by default); see {@link PropertyRun} for the seed and replaying.
 */
class RecordedPropertyTest {

  /** One in ten scenarios of each family. */
  private static final long DIVISOR = 10;

  @Test
  void everyFamilyFollowsTheModelWhileRecorded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("property.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.scopegen.Scope").withoutThreshold();
      recording.start();
      PropertyRun.check(
          RecordedPropertyTest.class, new NestedScopes(ScopeSpec.RESOURCES), DIVISOR);
      PropertyRun.check(RecordedPropertyTest.class, new StackPrograms(), DIVISOR);
      PropertyRun.check(
          RecordedPropertyTest.class, new NestedScopes(ScopeSpec.GENERATORS), DIVISOR);
      recording.stop();
      recording.dump(file);
    }
    long events;
    try (RecordingFile recorded = new RecordingFile(file)) {
      events = 0;
      while (recorded.hasMoreEvents()) {
        if (recorded.readEvent().getEventType().getName().equals("dev.scopegen.Scope")) {
          events++;
        }
      }
    }
    assertTrue(events >= 100, "the scopes were recorded: " + events + " events");
  }
}
