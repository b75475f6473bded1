package dev.scopegen.examples.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** HTTP calls under a deadline against the local server. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class HttpTimeoutExampleTest {

  private LocalServer server;
  private ExecutorService clientThreads;
  private HttpClient client;
  private final Semaphore connections = new Semaphore(HttpTimeoutExample.CONNECTIONS);

  @BeforeEach
  void startServer() throws IOException {
    server = LocalServer.start();
    clientThreads = Executors.newFixedThreadPool(2);
    client = HttpClient.newBuilder().executor(clientThreads).build();
  }

  @AfterEach
  void stopServer() {
    server.close();
    clientThreads.shutdownNow();
  }

  /**
   * The fast endpoint's deadline: generous, so that a loaded machine cannot make the fast path time
   * out; the slow endpoint holds a request for {@link LocalServer#SLOW_LIMIT_SECONDS}, far longer.
   */
  private static final Duration GENEROUS = Duration.ofSeconds(5);

  /** The slow endpoint's deadline: short, so the tests that wait for it stay quick. */
  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void theServerListensOnLoopbackOnly() {
    InetSocketAddress bound = server.address();
    assertTrue(bound.getAddress().isLoopbackAddress(), "bound to " + bound);
    assertTrue(bound.getPort() > 0);
    assertEquals(bound.getPort(), server.uri("/fast").getPort());
  }

  @Test
  void aFastEndpointAnswersInTime() throws Exception {
    assertEquals(
        "hello",
        HttpTimeoutExample.get(client, connections, server.uri("/fast"), GENEROUS)
            .get(10, TimeUnit.SECONDS));
    assertEquals(
        "hello", HttpTimeoutExample.getBlocking(client, connections, server.uri("/fast"), GENEROUS));
    assertEquals(HttpTimeoutExample.CONNECTIONS, connections.availablePermits());
  }

  @Test
  void aSlowEndpointTimesOutAndTheCleanupStillRuns() {
    ExecutionException thrown =
        assertThrows(
            ExecutionException.class,
            () ->
                HttpTimeoutExample.get(client, connections, server.uri("/slow"), SHORT)
                    .get(10, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, thrown.getCause());
    assertInstanceOf(CancellationException.class, thrown.getCause().getCause());
    assertEquals(HttpTimeoutExample.CONNECTIONS, connections.availablePermits());
    assertEquals(1, server.slowRequests());
  }

  @Test
  void theBlockingFormTimesOutByInterruptingAndLeavesNoInterruptBehind() {
    long start = System.nanoTime();
    TimeoutException thrown =
        assertThrows(
            TimeoutException.class,
            () -> HttpTimeoutExample.getBlocking(client, connections, server.uri("/slow"), SHORT));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertInstanceOf(InterruptedException.class, thrown.getCause());
    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(HttpTimeoutExample.CONNECTIONS, connections.availablePermits());
    assertTrue(
        millis < TimeUnit.SECONDS.toMillis(LocalServer.SLOW_LIMIT_SECONDS),
        "waited for the slow endpoint instead of timing out: " + millis + " ms");
  }

  @Test
  @SuppressWarnings("AddressSelection") // the server binds 127.0.0.1 exactly (LocalServer)
  void theNarratedRunTellsTheTimeoutsAndStopsItsServer() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    HttpTimeoutExample.run(new Narrator(new PrintStream(output, true, StandardCharsets.UTF_8)));
    String story = output.toString(StandardCharsets.UTF_8);
    assertTrue(story.contains("/fast answered in time: hello"), story);
    assertTrue(story.contains("propagated: TimeoutException"), story);
    assertTrue(story.contains("its cause: CancellationException"), story);
    assertTrue(story.contains("its cause: InterruptedException"), story);
    assertTrue(story.contains("connection permits free 2 of 2"), story);
    assertTrue(story.contains("interrupt left on this thread: false"), story);

    String address = story.substring(story.indexOf("http://127.0.0.1:") + "http://127.0.0.1:".length());
    int port = Integer.parseInt(address.substring(0, address.indexOf('/')));
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }
}
