package dev.scopegen.examples.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.jdbc.Bank;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generated {@code ConnectionPoolScope}: asynchronous acquire completed on other threads. */
@Timeout(30)
class ConnectionPoolTest {

  private ConnectionPool pool;
  private ExecutorService workers;

  @BeforeEach
  void openPool() throws SQLException {
    pool = new ConnectionPool(Bank.open("pool-test-" + UUID.randomUUID()).dataSource(), 2);
    workers = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void closePool() throws Exception {
    workers.shutdownNow();
    assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
    pool.shutdown();
  }

  @Test
  void neverLendsMoreThanThePoolHoldsAndReturnsEveryConnection() {
    List<CompletableFuture<Connection>> uses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      uses.add(ConnectionPoolScope.of(pool)
          .use(connection -> CompletableFuture.supplyAsync(() -> connection, workers)));
    }
    uses.forEach(CompletableFuture::join);

    assertEquals(2, pool.mostActive());
    assertEquals(0, pool.active());
    assertEquals(20, pool.released());
  }

  @Test
  void aFailedBodyPropagatesItsOwnExceptionAndReleases() throws Exception {
    SQLException queryFailure = new SQLException("no such table");

    CompletableFuture<Integer> use = ConnectionPoolScope.of(pool)
        .use(connection -> CompletableFuture.supplyAsync(() -> 1, workers)
            .thenCompose(ignored -> CompletableFuture.<Integer>failedFuture(queryFailure)));

    ExecutionException thrown = assertThrows(ExecutionException.class, use::get);
    assertSame(queryFailure, thrown.getCause());
    assertSame(queryFailure, use.handle((value, error) -> error).join());
    assertEquals(0, pool.active());
  }

  @Test
  void cancelWhileAcquiringReleasesTheLateConnectionWithoutRunningTheBody() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Void> first = ConnectionPoolScope.of(pool).use(connection -> gate);
    CompletableFuture<Void> second = ConnectionPoolScope.of(pool).use(connection -> gate);
    AtomicBoolean bodyRan = new AtomicBoolean();
    CompletableFuture<Integer> third = ConnectionPoolScope.of(pool).use(connection -> {
      bodyRan.set(true);
      return CompletableFuture.completedFuture(1);
    });
    assertEquals(1, pool.waiting());

    assertTrue(third.cancel(true));
    assertFalse(third.isDone(), "completes only once the late connection has been released");

    gate.complete(null);
    first.join();
    second.join();
    assertThrows(CancellationException.class, third::join);
    assertTrue(third.isCancelled());
    assertFalse(bodyRan.get());
    assertEquals(0, pool.active());
    assertEquals(3, pool.released(), "two bodies and the late connection, each exactly once");
  }
}
