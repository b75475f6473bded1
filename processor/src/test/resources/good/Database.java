package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The Database example of the README: every lifecycle method synchronous, each with a checked exception. */
public class Database {
  private final DataSource dataSource;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Enter
  Connection connect() throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    return connection;
  }

  @Commit
  void commit(Connection connection) throws SQLException {
    connection.commit();
  }

  @Rollback
  void rollback(Connection connection, Throwable failure) throws SQLException {
    connection.rollback();
  }

  @Exit
  void close(Connection connection) throws SQLException {
    connection.close();
  }
}
