package dev.scopegen.examples.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous file writer written as a generator: it opens an {@link AsynchronousFileChannel},
 * hands it to the body, and closes it when the body's stage is done, whatever its outcome. The
 * processor turns it into {@code AsyncFilesScopes.writer(path)}.
 */
public final class AsyncFiles {

  private AsyncFiles() {}

  /**
   * Opens {@code path} for writing (created or truncated) and closes the channel after the body,
   * Python's {@code try: yield channel} / {@code finally: channel.close()}. A failure to close never
   * hides the body's failure: it is added to it as suppressed.
   *
   * @param path the file to write
   * @param y where the body runs
   * @return a stage that completes when the channel is closed, with the body's outcome
   * @throws IOException if the file cannot be opened
   */
  @ScopedResource
  public static CompletionStage<Void> writer(Path path, AsyncYield<AsynchronousFileChannel> y)
      throws IOException {
    AsynchronousFileChannel channel =
        AsynchronousFileChannel.open(
            path,
            StandardOpenOption.WRITE,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
    return y.yield(channel).andFinally(channel::close);
  }

  /**
   * Writes all of {@code text} at {@code position}, in as many writes as the channel needs.
   *
   * @param channel the channel
   * @param text the text, written as UTF-8
   * @param position where in the file to write it
   * @return a stage that completes with the position after the text
   */
  public static CompletionStage<Long> write(
      AsynchronousFileChannel channel, String text, long position) {
    return writeAll(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), position);
  }

  private static CompletionStage<Long> writeAll(
      AsynchronousFileChannel channel, ByteBuffer buffer, long position) {
    if (!buffer.hasRemaining()) {
      return CompletableFuture.completedFuture(position);
    }
    CompletableFuture<Integer> written = new CompletableFuture<>();
    channel.write(
        buffer,
        position,
        written,
        new CompletionHandler<Integer, CompletableFuture<Integer>>() {
          @Override
          public void completed(Integer count, CompletableFuture<Integer> future) {
            future.complete(count);
          }

          @Override
          public void failed(Throwable failure, CompletableFuture<Integer> future) {
            future.completeExceptionally(failure);
          }
        });
    return written.thenCompose(count -> writeAll(channel, buffer, position + count));
  }
}
