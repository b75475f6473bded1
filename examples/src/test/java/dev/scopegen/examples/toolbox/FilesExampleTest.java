package dev.scopegen.examples.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/** "N files" in an exit stack: all written, all closed, newest first, also after a failure. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class FilesExampleTest {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final Narrator narrator =
      new Narrator(new PrintStream(output, true, StandardCharsets.UTF_8));

  @TempDir Path dir;

  @Test
  void everyFileIsWrittenAndClosedNewestFirst() throws Exception {
    List<String> closed = new ArrayList<>();
    List<String> names = List.of("1.txt", "2.txt", "3.txt", "4.txt", "5.txt");
    FilesExample.writeAll(dir, names, closed, narrator);
    assertEquals(List.of("5.txt", "4.txt", "3.txt", "2.txt", "1.txt"), closed);
    for (String name : names) {
      assertEquals(
          List.of("one of 5 files: " + name), Files.readAllLines(dir.resolve(name)));
    }
  }

  @Test
  void aFileThatCannotBeOpenedClosesTheOpenOnesAndPropagates() throws Exception {
    Files.createDirectory(dir.resolve("taken.txt"));
    List<String> closed = new ArrayList<>();
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                FilesExample.writeAll(
                    dir, List.of("a.txt", "b.txt", "taken.txt", "c.txt"), closed, narrator));
    assertEquals("cannot open taken.txt", thrown.getMessage());
    assertEquals(List.of("b.txt", "a.txt"), closed);
    assertFalse(Files.exists(dir.resolve("c.txt")), "nothing after the failure was opened");
  }

  @Test
  void theNarratedRunTellsTheCloseOrderAndTheFailure() throws Exception {
    FilesExample.run(narrator);
    String story = output.toString(StandardCharsets.UTF_8);
    assertTrue(story.contains("closed, newest first: d.txt, c.txt, b.txt, a.txt"), story);
    assertTrue(story.contains("propagated: IOException(\"cannot open taken.txt\")"), story);
    assertTrue(story.contains("closed anyway: f.txt, e.txt"), story);
  }
}
