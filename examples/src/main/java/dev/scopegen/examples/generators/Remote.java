package dev.scopegen.examples.generators;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a remote service whose sessions need three asynchronous steps to shut down: flush
 * what is buffered, close the session, release its slot on the server. Every step completes a few
 * milliseconds later on another thread, is logged, and fails when its name is among the steps told
 * to fail.
 */
public final class Remote {

  private static final Executor NETWORK =
      CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

  private final Set<String> failing;
  private final List<String> log = new CopyOnWriteArrayList<>();

  /**
   * Creates a service whose steps named in {@code failing} fail with an {@link
   * IllegalStateException}.
   *
   * @param failing among {@code "open"}, {@code "flush"}, {@code "close"} and {@code "release"}
   */
  public Remote(String... failing) {
    this.failing = Set.of(failing);
  }

  /**
   * What happened so far, in order.
   *
   * @return the steps taken, and which of them failed
   */
  public List<String> log() {
    return List.copyOf(log);
  }

  /**
   * Opens a session.
   *
   * @param user the user it belongs to
   * @return a stage that completes with the session
   */
  public CompletionStage<Session> open(String user) {
    return step("open " + user, "open").thenApply(ignored -> new Session(user));
  }

  /**
   * Gives the session's slot back to the server.
   *
   * @param session the session
   * @return a stage that completes when the slot is free
   */
  public CompletionStage<Void> release(Session session) {
    return step("release " + session.user, "release");
  }

  private CompletionStage<Void> step(String what, String name) {
    return CompletableFuture.runAsync(
        () -> {
          if (failing.contains(name)) {
            log.add(what + " failed");
            throw new IllegalStateException(name + " failed");
          }
          log.add(what);
        },
        NETWORK);
  }

  /** A session on the service, handed to the body of a scope. */
  public final class Session {
    private final String user;

    private Session(String user) {
      this.user = user;
    }

    /**
     * Sends a request.
     *
     * @param request what to send
     * @return a stage that completes when it was buffered
     */
    public CompletionStage<Void> send(String request) {
      return step("send " + request, "send");
    }

    /**
     * Sends what is buffered.
     *
     * @return a stage that completes when the buffer is empty
     */
    public CompletionStage<Void> flush() {
      return step("flush " + user, "flush");
    }

    /**
     * Closes the session.
     *
     * @return a stage that completes when it is closed
     */
    public CompletionStage<Void> close() {
      return step("close " + user, "close");
    }
  }
}
