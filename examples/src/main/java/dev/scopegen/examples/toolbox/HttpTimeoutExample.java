package dev.scopegen.examples.toolbox;

import dev.scopegen.examples.Narrator;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP calls under a deadline, the Java form of Python's
 *
 * <pre>
 * async with connections:                  # a semaphore: at most two requests at once
 *     async with asyncio.timeout(0.3):
 *         response = await client.get(url)
 * </pre>
 *
 * against a {@link LocalServer} on 127.0.0.1. The fast endpoint answers in time; the slow one does
 * not, so {@link Scopes#timeout} cancels the request and fails with a {@link TimeoutException},
 * while the enclosing {@link Scopes#permit} still gives its permit back. The blocking form does the
 * same by interrupting the calling thread, and leaves no interrupt behind.
 */
public final class HttpTimeoutExample {

  /**
   * The deadline of each request: long enough for a cold JVM's first request on a busy machine,
   * short enough to wait for in a demo.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** The number of requests that may run at once. */
  static final int CONNECTIONS = 2;

  private HttpTimeoutExample() {}

  /**
   * Runs the example and tells what happened.
   *
   * @param n the narrator
   * @throws Exception if the local server cannot start or the fast request fails
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("Scopes.timeout: HTTP calls with a deadline");
    new ExitStack()
        .run(
            stack -> {
              LocalServer server = stack.enter(Scopes.closing(LocalServer.start()));
              ExecutorService clientThreads = Executors.newFixedThreadPool(2);
              stack.callback(clientThreads::shutdownNow);
              HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
              Semaphore connections = new Semaphore(CONNECTIONS);
              n.say("local server on " + server.uri("/"));

              String fast =
                  get(client, connections, server.uri("/fast"), TIMEOUT).get(10, TimeUnit.SECONDS);
              n.say("/fast answered in time: " + fast);

              try {
                get(client, connections, server.uri("/slow"), TIMEOUT).get(10, TimeUnit.SECONDS);
              } catch (ExecutionException e) {
                n.say("/slow with use(), after " + TIMEOUT.toMillis() + " ms:");
                n.propagated(e.getCause());
                n.say("  its cause: " + Narrator.describe(e.getCause().getCause()));
              }
              n.say("cleanup ran: connection permits free " + free(connections));

              try {
                getBlocking(client, connections, server.uri("/slow"), TIMEOUT);
              } catch (TimeoutException e) {
                n.say("/slow with call(), after " + TIMEOUT.toMillis() + " ms:");
                n.propagated(e);
                n.say("  its cause: " + Narrator.describe(e.getCause()));
              }
              n.say("cleanup ran: connection permits free " + free(connections));
              n.say("interrupt left on this thread: " + Thread.currentThread().isInterrupted());
            });
  }

  /**
   * Sends a GET without blocking, holding one connection permit, under the deadline. The body
   * returns the client's own future, so that the deadline cancels the request itself.
   *
   * @param client the client
   * @param connections the connection permits
   * @param uri the address
   * @param timeout the deadline of the request
   * @return the response body, or a failure: {@link TimeoutException} when the deadline passed
   */
  static CompletableFuture<String> get(
      HttpClient client, Semaphore connections, URI uri, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    return Scopes.permit(connections)
        .use(
            permit ->
                Scopes.timeout(timeout)
                    .use(deadline -> client.sendAsync(request, BodyHandlers.ofString())))
        .thenApply(HttpResponse::body);
  }

  /**
   * Sends a GET on the calling thread, holding one connection permit, under the deadline, which
   * interrupts the thread when it passes.
   *
   * @param client the client
   * @param connections the connection permits
   * @param uri the address
   * @param timeout the deadline of the request
   * @return the response body
   * @throws TimeoutException when the deadline passed
   * @throws Exception when the request failed otherwise
   */
  static String getBlocking(HttpClient client, Semaphore connections, URI uri, Duration timeout)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    return Scopes.permit(connections)
        .call(
            permit ->
                Scopes.timeout(timeout)
                    .call(deadline -> client.send(request, BodyHandlers.ofString()).body()));
  }

  private static String free(Semaphore connections) {
    return connections.availablePermits() + " of " + CONNECTIONS;
  }
}
