package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public final class GeneratorTransactions {

  @ScopedResource
  public static void transaction(Connection connection, Yield<Connection> y) throws SQLException {
    connection.setAutoCommit(false);
    try {
      y.yield(connection);
      connection.commit();
    } catch (Throwable t) {
      connection.rollback();
      throw t;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @ScopedResource
  static CompletionStage<Void> savepoint(
      Connection connection, String name, AsyncYield<String> y) {
    return CompletableFuture.completedFuture(name).thenCompose(y::yield);
  }
}
