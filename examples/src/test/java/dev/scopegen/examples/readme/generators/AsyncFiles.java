package dev.scopegen.examples.readme.generators;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/** The README's asynchronous generator, as written there (section "Generators"). */
final class AsyncFiles {
  private AsyncFiles() {}

  // README snippet, verbatim:
  @ScopedResource
  static CompletionStage<Void> writer(Path path,
      AsyncYield<AsynchronousFileChannel> y) throws IOException {
    AsynchronousFileChannel ch = AsynchronousFileChannel.open(path, WRITE, CREATE);
    return y.yield(ch).andFinally(ch::close);
  }
}
