package dev.scopegen.examples.generators;

import dev.scopegen.examples.Narrator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The cleanup in three asynchronous steps ({@link Sessions#session}) with {@code use}, Python's
 * {@code async with}: every step runs, in order, whatever failed before it, and no failure hides
 * another.
 */
public final class SessionExample {

  private SessionExample() {}

  /**
   * Runs the example and tells what happened.
   *
   * @param n the narrator
   */
  public static void run(Narrator n) {
    n.chapter("Generators: a cleanup in three asynchronous steps, every step attempted");

    Remote remote = new Remote();
    report(n, remote, send(remote, "ada", null));

    n.say("now the body fails, and so do the flush and the release:");
    remote = new Remote("flush", "release");
    report(n, remote, send(remote, "bob", new IllegalStateException("bad request")));

    n.say("now the body succeeds, but the flush and the close fail:");
    remote = new Remote("flush", "close");
    report(n, remote, send(remote, "cy", null));
  }

  /**
   * Sends one request in a session of {@code user}, then fails with {@code failure} if it is not
   * {@code null}.
   *
   * @param remote the service
   * @param user the user
   * @param failure what the body fails with, or {@code null}
   * @return the future of the {@code async with} statement
   */
  static CompletableFuture<Void> send(Remote remote, String user, RuntimeException failure) {
    return SessionsScopes.session(remote, user)
        .use(
            session ->
                session
                    .send("hello")
                    .thenCompose(
                        sent ->
                            failure == null
                                ? CompletableFuture.<Void>completedFuture(null)
                                : CompletableFuture.<Void>failedFuture(failure)));
  }

  private static void report(Narrator n, Remote remote, CompletableFuture<Void> used) {
    try {
      used.join();
      n.say("completed normally");
    } catch (CompletionException failure) {
      n.propagated(failure.getCause());
    }
    n.say("steps: " + String.join(", ", remote.log()));
  }
}
