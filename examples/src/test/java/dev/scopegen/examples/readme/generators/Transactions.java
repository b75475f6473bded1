package dev.scopegen.examples.readme.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;
import java.sql.Connection;
import java.sql.SQLException;

/** The README's blocking generator, as written there (section "Generators"). */
final class Transactions {
  private Transactions() {}

  // README snippet, verbatim:
  @ScopedResource
  static void transaction(Connection c, Yield<Connection> y)
      throws SQLException {
    c.setAutoCommit(false);
    try { y.yield(c); c.commit(); }
    catch (Throwable t) { c.rollback(); throw t; }
    finally { c.setAutoCommit(true); }
  }
}
