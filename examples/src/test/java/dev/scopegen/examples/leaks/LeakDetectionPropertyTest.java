package dev.scopegen.examples.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.internal.LeakDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code -Ddev.scopegen.leakDetection} with a value that is neither on nor off: a WARNING says so
 * and detection stays off. The property is read once per JVM, so each case runs in a JVM of its
 * own, started with this test's class path, which prints whether detection is on.
 */
@Timeout(60)
class LeakDetectionPropertyTest {

  /** Prints whether leak detection is on. */
  static final class PrintDetection {
    public static void main(String[] args) {
      System.out.println("ON=" + LeakDetector.ON);
    }
  }

  @Test
  void anInvalidValueIsReportedAndLeavesDetectionOff() throws Exception {
    List<String> output = run("-D" + LeakDetector.PROPERTY + "=maybe");

    assertTrue(
        output.contains(
            "WARNING: -Ddev.scopegen.leakDetection=maybe is not a valid value: leak detection is"
                + " off. Use -Ddev.scopegen.leakDetection=on to turn it on, or"
                + " -Ddev.scopegen.leakDetection=off."),
        output.toString());
    assertEquals("ON=false", output.get(output.size() - 1));
  }

  @Test
  void onIgnoringCaseTurnsDetectionOnWithoutAWord() throws Exception {
    assertEquals(List.of("ON=true"), run("-D" + LeakDetector.PROPERTY + "=On"));
  }

  /** Runs {@link PrintDetection} in a new JVM and returns what it wrote, errors first. */
  private static List<String> run(String property) throws IOException, InterruptedException {
    Path out = Files.createTempFile("leak-detection", ".txt");
    try {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  property,
                  PrintDetection.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the JVM did not end within 30 s");
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), String.join("\n", lines));
      return lines;
    } finally {
      Files.delete(out);
    }
  }
}
