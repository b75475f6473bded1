package dev.scopegen.examples.jdbc;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A JDBC transaction as a resource class: begin, then commit on success or roll back on failure,
 * and always close the connection. The processor writes {@code TransactionScope} from it:
 *
 * <pre>{@code
 * TransactionScope.of(new Transaction(dataSource)).run(connection -> Bank.transfer(connection, "ada", "bob", 30));
 * }</pre>
 *
 * <p>Failures listed in {@code noRollbackFor} still commit the work done so far, as Spring's rule
 * does: here a {@link PartialBatchException} keeps the rows the batch managed to write.
 */
public final class Transaction {

  private final DataSource dataSource;
  private final List<String> log = new ArrayList<>();

  /**
   * Creates a transaction over {@code dataSource}; each scope of it opens its own connection.
   *
   * @param dataSource where connections come from
   */
  public Transaction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens a connection and starts a transaction on it.
   *
   * @return the connection the body works with
   * @throws SQLException if no connection can be had
   */
  @Enter
  public Connection begin() throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    log.add("begin");
    return connection;
  }

  /**
   * Commits the body's work.
   *
   * @param connection the transaction's connection
   * @throws SQLException if the commit fails
   */
  @Commit
  public void commit(Connection connection) throws SQLException {
    connection.commit();
    log.add("commit");
  }

  /**
   * Undoes the body's work after a failure.
   *
   * @param connection the transaction's connection
   * @param failure why the transaction rolls back
   * @throws SQLException if the rollback fails
   */
  @Rollback(noRollbackFor = PartialBatchException.class)
  public void rollback(Connection connection, Throwable failure) throws SQLException {
    connection.rollback();
    log.add("rollback after " + failure.getClass().getSimpleName());
  }

  /**
   * Closes the connection, whatever happened.
   *
   * @param connection the transaction's connection
   * @throws SQLException if closing fails
   */
  @Exit
  public void close(Connection connection) throws SQLException {
    connection.close();
    log.add("close");
  }

  /**
   * Returns what this transaction did, in order: begin, commit or rollback, close.
   *
   * @return the steps so far
   */
  public List<String> log() {
    return List.copyOf(log);
  }
}
