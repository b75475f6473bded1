package dev.scopegen.examples.pool;

import dev.scopegen.examples.Narrator;
import dev.scopegen.examples.jdbc.Bank;
import dev.scopegen.examples.jdbc.TransactionScope;
import dev.scopegen.examples.jdbc.Transaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's asynchronous chapter: a generated {@code ConnectionPoolScope} whose {@code @Enter}
 * completes later, on another thread, used with {@code use} (Python's {@code async with}).
 */
public final class ConnectionPoolExample {

  private ConnectionPoolExample() {}

  /**
   * Runs the chapter.
   *
   * @param n the narrator
   * @throws Exception if the database fails in a way the story does not expect
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("An async connection pool: async with, over CompletableFuture");
    Bank bank = Bank.open("pool-demo");
    TransactionScope.of(new Transaction(bank.dataSource()))
        .run(connection -> Bank.open(connection, "ada", 100));
    ConnectionPool pool = new ConnectionPool(bank.dataSource(), 2);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      queries(n, pool, workers);
      failingQuery(n, pool, workers);
      cancelWhileAcquiring(n, pool);
    } finally {
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
      pool.shutdown();
    }
  }

  private static void queries(Narrator n, ConnectionPool pool, ExecutorService workers) {
    List<CompletableFuture<Integer>> uses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      uses.add(ConnectionPoolScope.of(pool)
          .use(connection -> query(connection, "SELECT balance FROM account", workers)));
    }
    int total = uses.stream().mapToInt(CompletableFuture::join).sum();
    n.say("6 queries over a pool of 2 connections read " + total + " in all");
    n.say("most connections lent at once: " + pool.mostActive()
        + ", lent now: " + pool.active() + ", releases: " + pool.released());
  }

  private static void failingQuery(Narrator n, ConnectionPool pool, ExecutorService workers) {
    Throwable failure = ConnectionPoolScope.of(pool)
        .use(connection -> query(connection, "SELECT balance FROM no_such_table", workers))
        .handle((value, error) -> error)
        .join();
    n.say("a query failed on a worker thread; the future failed with the query's own exception,"
        + " not a CompletionException: " + (failure instanceof SQLException));
    n.propagated(failure);
    n.say("its connection came back all the same: lent now " + pool.active());
  }

  private static void cancelWhileAcquiring(Narrator n, ConnectionPool pool) {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Void> first = ConnectionPoolScope.of(pool).use(connection -> gate);
    CompletableFuture<Void> second = ConnectionPoolScope.of(pool).use(connection -> gate);
    AtomicBoolean bodyRan = new AtomicBoolean();
    CompletableFuture<Integer> third = ConnectionPoolScope.of(pool).use(connection -> {
      bodyRan.set(true);
      return CompletableFuture.completedFuture(1);
    });
    n.say("both connections are busy; a third use waits in acquire (" + pool.waiting() + " waiting)");
    boolean taken = third.cancel(true);
    n.say("cancel() on the waiting use: " + taken + "; done yet: " + third.isDone()
        + " (its connection has not arrived, so it cannot be released yet)");
    gate.complete(null);
    first.join();
    second.join();
    try {
      third.join();
    } catch (CancellationException expected) {
      n.say("the late connection arrived and was released at once; the body ran: " + bodyRan.get());
    }
    n.say("cancelled: " + third.isCancelled() + ", lent now: " + pool.active()
        + ", waiting: " + pool.waiting());
  }

  /** Runs a one-number query on a worker thread; fails the stage with the query's SQLException. */
  private static CompletableFuture<Integer> query(
      Connection connection, String sql, ExecutorService workers) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    workers.execute(() -> {
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery(sql)) {
        row.next();
        result.complete(row.getInt(1));
      } catch (SQLException failure) {
        result.completeExceptionally(failure);
      }
    });
    return result;
  }
}
