package dev.scopegen.examples.toolbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1, on a port the system picks, for the timeout example:
 * {@code /fast} answers at once, {@code /slow} only when the server closes (or after {@link
 * #SLOW_LIMIT_SECONDS}, so that it never holds a request for long). Loopback only.
 */
final class LocalServer implements AutoCloseable {

  /** The longest time {@code /slow} holds a request. */
  static final long SLOW_LIMIT_SECONDS = 10;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger slowRequests = new AtomicInteger();

  private LocalServer(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Starts the server.
   *
   * @return the running server
   * @throws IOException if it cannot bind
   */
  // IPv4 loopback exactly, whatever the JVM prefers: the URL the example prints says 127.0.0.1.
  @SuppressWarnings("AddressSelection")
  static LocalServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "local-http-server");
              thread.setDaemon(true);
              return thread;
            });
    LocalServer local = new LocalServer(server, handlers);
    server.createContext("/fast", exchange -> respond(exchange, "hello"));
    server.createContext("/slow", local::slow);
    server.setExecutor(handlers);
    server.start();
    return local;
  }

  /**
   * The address of {@code path} on this server.
   *
   * @param path for example {@code "/fast"}
   * @return the URI
   */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /**
   * The address the server is bound to.
   *
   * @return the bound socket address
   */
  InetSocketAddress address() {
    return server.getAddress();
  }

  /** How many requests reached {@code /slow}. */
  int slowRequests() {
    return slowRequests.get();
  }

  private void slow(HttpExchange exchange) throws IOException {
    slowRequests.incrementAndGet();
    try {
      closing.await(SLOW_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    respond(exchange, "finally");
  }

  private static void respond(HttpExchange exchange, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Releases any held request and stops the server and its threads. */
  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
