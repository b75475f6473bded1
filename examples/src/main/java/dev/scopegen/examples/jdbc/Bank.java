package dev.scopegen.examples.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A tiny bank in a real embedded H2 database: one table of accounts, and the statements the
 * examples run inside their transactions.
 */
public final class Bank {

  private final DataSource dataSource;

  private Bank(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens a fresh in-memory database with an empty {@code account} table. The database lives as
   * long as the JVM, so every connection sees the same data.
   *
   * @param name the database name, unique per test or demo run
   * @return the bank
   * @throws SQLException if the database cannot be created
   */
  public static Bank open(String name) throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE account (owner VARCHAR(40) PRIMARY KEY, balance INT NOT NULL CHECK (balance >= 0))");
    }
    return new Bank(dataSource);
  }

  /**
   * Returns where connections come from.
   *
   * @return the data source
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Opens an account.
   *
   * @param connection the connection to use
   * @param owner the owner's name
   * @param balance the opening balance
   * @throws SQLException if the insert fails
   */
  public static void open(Connection connection, String owner, int balance) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO account (owner, balance) VALUES (?, ?)")) {
      insert.setString(1, owner);
      insert.setInt(2, balance);
      insert.executeUpdate();
    }
  }

  /**
   * Moves money between two accounts: credits the payee, then debits the payer. The debit fails
   * with a constraint violation when the payer's balance would go below zero, after the credit was
   * written: only a rollback undoes it.
   *
   * @param connection the connection to use
   * @param from the payer
   * @param to the payee
   * @param amount the amount
   * @throws SQLException if an update fails
   */
  public static void transfer(Connection connection, String from, String to, int amount)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE account SET balance = balance + ? WHERE owner = ?")) {
      update.setInt(1, amount);
      update.setString(2, to);
      update.executeUpdate();
      update.setInt(1, -amount);
      update.setString(2, from);
      update.executeUpdate();
    }
  }

  /**
   * Counts the accounts, in a connection of its own: what every other client sees.
   *
   * @return the number of committed accounts
   * @throws SQLException if the query fails
   */
  public int accounts() throws SQLException {
    return queryInt("SELECT COUNT(*) FROM account");
  }

  /**
   * Reads a balance, in a connection of its own: what every other client sees.
   *
   * @param owner the account's owner
   * @return the committed balance
   * @throws SQLException if the query fails
   */
  public int balance(String owner) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT balance FROM account WHERE owner = ?")) {
      query.setString(1, owner);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("no account for " + owner);
        }
        return row.getInt(1);
      }
    }
  }

  private int queryInt(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getInt(1);
    }
  }
}
