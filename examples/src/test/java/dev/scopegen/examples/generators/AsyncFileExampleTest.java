package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The asynchronous file writer generator: the channel is closed whatever the body does. */
@Timeout(30)
class AsyncFileExampleTest {

  @TempDir Path directory;

  private final AtomicReference<AsynchronousFileChannel> seen = new AtomicReference<>();

  @Test
  void writesTheLinesAndClosesTheChannel() throws Exception {
    Path file = directory.resolve("lines.txt");

    long written =
        AsyncFileExample.writeLines(file, seen, "one\n", "two\n").get(10, TimeUnit.SECONDS);

    assertEquals(8, written);
    assertEquals(List.of("one", "two"), Files.readAllLines(file, StandardCharsets.UTF_8));
    assertFalse(seen.get().isOpen());
  }

  @Test
  void closesTheChannelWhenTheBodyFailsAndKeepsTheFailure() throws Exception {
    Path file = directory.resolve("failing.txt");
    IllegalStateException failure = new IllegalStateException("quota exceeded");

    CompletableFuture<Void> used =
        AsyncFilesScopes.writer(file)
            .use(
                channel -> {
                  seen.set(channel);
                  return AsyncFiles.write(channel, "partial", 0)
                      .thenCompose(position -> CompletableFuture.<Void>failedFuture(failure));
                });

    assertSame(failure, used.handle((ok, thrown) -> thrown).get(10, TimeUnit.SECONDS));
    assertFalse(seen.get().isOpen());
    assertEquals("partial", Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void blockingCallDeclaresTheOpenFailure() {
    Path missing = directory.resolve("no such directory").resolve("file.txt");

    assertThrows(
        NoSuchFileException.class,
        () -> AsyncFilesScopes.writer(missing).call(channel -> "never runs"));
  }

  @Test
  void narratesBothWritesAndDeletesItsFile() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    AsyncFileExample.run(new Narrator(new PrintStream(out, true, StandardCharsets.UTF_8)));

    String story = out.toString(StandardCharsets.UTF_8);
    assertTrue(story.contains("wrote 23 bytes: [first line, second line]"), story);
    assertTrue(story.contains("channel open after the scope: false"), story);
    assertTrue(story.contains("propagated: IllegalStateException(\"quota exceeded\")"), story);
    assertTrue(story.contains("channel open after the failing body: false"), story);
  }
}
