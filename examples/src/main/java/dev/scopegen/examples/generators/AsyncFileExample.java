package dev.scopegen.examples.generators;

import dev.scopegen.examples.Narrator;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The asynchronous file writer generator ({@link AsyncFiles#writer}) with {@code use}, Python's
 * {@code async with}: a write that succeeds, then one whose body fails; the channel is closed both
 * times.
 */
public final class AsyncFileExample {

  private AsyncFileExample() {}

  /**
   * Runs the example and tells what happened. The temporary files are deleted afterwards.
   *
   * @param n the narrator
   * @throws Exception if the file system fails unexpectedly
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("Generators: an asynchronous file writer that always closes its channel");
    Path file = Files.createTempFile("scopegen-generator", ".txt");
    try {
      AtomicReference<AsynchronousFileChannel> seen = new AtomicReference<>();
      long written = writeLines(file, seen, "first line\n", "second line\n").join();
      n.say("wrote " + written + " bytes: " + Files.readAllLines(file, StandardCharsets.UTF_8));
      n.say("channel open after the scope: " + seen.get().isOpen());

      IllegalStateException quota = new IllegalStateException("quota exceeded");
      try {
        AsyncFilesScopes.writer(file)
            .use(
                channel -> {
                  seen.set(channel);
                  return AsyncFiles.write(channel, "partial\n", 0)
                      .thenCompose(position -> CompletableFuture.<Void>failedFuture(quota));
                })
            .join();
      } catch (CompletionException failure) {
        n.propagated(failure.getCause());
      }
      n.say("channel open after the failing body: " + seen.get().isOpen());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Writes {@code lines} to {@code file} one after the other, through the generator's scope.
   *
   * @param file the file
   * @param seen receives the channel the body was given
   * @param lines the lines, each with its line separator
   * @return a future that completes with the number of bytes written once the channel is closed, or
   *     exceptionally if the file cannot be opened or written
   */
  static CompletableFuture<Long> writeLines(
      Path file, AtomicReference<AsynchronousFileChannel> seen, String... lines) {
    return AsyncFilesScopes.writer(file)
        .use(
            channel -> {
              seen.set(channel);
              CompletableFuture<Long> position = CompletableFuture.completedFuture(0L);
              for (String line : lines) {
                position =
                    position
                        .thenCompose(at -> AsyncFiles.write(channel, line, at))
                        .toCompletableFuture();
              }
              return position;
            });
  }
}
