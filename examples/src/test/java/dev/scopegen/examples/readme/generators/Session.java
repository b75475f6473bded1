package dev.scopegen.examples.readme.generators;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A session of the README's three-step cleanup, flushed and closed asynchronously. */
final class Session {
  private final List<String> log;

  Session(List<String> log) {
    this.log = log;
  }

  CompletionStage<Void> flush() {
    log.add("flush");
    return CompletableFuture.completedFuture(null);
  }

  CompletionStage<Void> close() {
    log.add("close");
    return CompletableFuture.completedFuture(null);
  }
}
