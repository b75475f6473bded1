package dev.scopegen.examples.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A JDBC transaction written as a generator: everything a transaction scope does, in one method
 * that reads top to bottom. The processor turns it into {@code TransactionsScopes.transaction(c)}.
 */
public final class Transactions {

  private Transactions() {}

  /**
   * Runs the body in a transaction on {@code connection}: commits when the body succeeds, rolls
   * back and lets the failure propagate when it fails, and restores auto-commit either way.
   *
   * @param connection the connection
   * @param y where the body runs
   * @throws SQLException if the transaction cannot be started, committed or rolled back
   */
  @ScopedResource
  public static void transaction(Connection connection, Yield<Connection> y) throws SQLException {
    connection.setAutoCommit(false);
    try {
      y.yield(connection);
      connection.commit();
    } catch (Throwable failure) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
      }
      throw failure;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
