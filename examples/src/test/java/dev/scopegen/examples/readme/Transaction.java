package dev.scopegen.examples.readme;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The README's first resource class, as written there (section "Python and ScopeGen"). */
final class Transaction {
  private final DataSource dataSource;

  Transaction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  // README snippet, verbatim:
  @Enter    Connection begin() throws SQLException { Connection c = dataSource.getConnection(); c.setAutoCommit(false); return c; }
  @Commit   void commit(Connection c) throws SQLException { c.commit(); }
  @Rollback void rollback(Connection c) throws SQLException { c.rollback(); }
  @Exit     void close(Connection c) throws SQLException { c.close(); }
}
