package dev.scopegen.examples.readme.generators;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The README's statements that use the generated generator scopes, each in a method. */
final class GeneratorSnippets {
  private GeneratorSnippets() {}

  static void transaction(Connection conn) throws SQLException {
    TransactionsScopes.transaction(conn).run(c -> insertRows(c));
  }

  static void writer(Path p, String data) {
    AsyncFilesScopes.writer(p).use(ch -> write(ch, data));
  }

  private static void insertRows(Connection c) throws SQLException {
    c.createStatement().execute("INSERT INTO t VALUES (1)");
  }

  private static CompletionStage<Integer> write(AsynchronousFileChannel ch, String data) {
    CompletableFuture<Integer> written = new CompletableFuture<>();
    ch.write(
        ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)),
        0,
        null,
        new CompletionHandler<Integer, Void>() {
          @Override
          public void completed(Integer bytes, Void attachment) {
            written.complete(bytes);
          }

          @Override
          public void failed(Throwable failure, Void attachment) {
            written.completeExceptionally(failure);
          }
        });
    return written;
  }
}
