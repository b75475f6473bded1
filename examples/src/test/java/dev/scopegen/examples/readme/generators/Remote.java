package dev.scopegen.examples.readme.generators;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The service of the README's three-step cleanup: opens sessions and releases their slots. */
final class Remote {
  final List<String> log = new ArrayList<>();

  CompletionStage<Session> open(String user) {
    log.add("open " + user);
    return CompletableFuture.completedFuture(new Session(log));
  }

  CompletionStage<Void> release(Session session) {
    log.add("release");
    return CompletableFuture.completedFuture(null);
  }
}
