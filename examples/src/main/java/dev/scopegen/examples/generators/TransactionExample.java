package dev.scopegen.examples.generators;

import dev.scopegen.examples.Narrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC transaction generator ({@link Transactions#transaction}) against an in-memory H2
 * database: a transfer that commits, then one that fails and rolls back.
 */
public final class TransactionExample {

  /** The example's own database; it lives as long as the JVM. */
  static final String URL = "jdbc:h2:mem:generator_transactions;DB_CLOSE_DELAY=-1";

  private TransactionExample() {}

  /**
   * Runs the example and tells what happened.
   *
   * @param n the narrator
   * @throws Exception if the database fails unexpectedly
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("Generators: a JDBC transaction as a @ScopedResource method");
    try (Connection connection = DriverManager.getConnection(URL)) {
      createAccounts(connection);
      TransactionsScopes.transaction(connection)
          .run(
              c -> {
                insert(c, 1, "ada", 100);
                insert(c, 2, "grace", 50);
              });
      n.say("committed two accounts: " + countAccounts(connection) + " rows");

      try {
        TransactionsScopes.transaction(connection)
            .run(
                c -> {
                  insert(c, 3, "linus", 10);
                  n.say("inserted a third account, then an account with a duplicate id");
                  insert(c, 1, "duplicate", 0);
                });
      } catch (SQLException failure) {
        n.say(
            "propagated: "
                + failure.getClass().getSimpleName()
                + ", SQL state "
                + failure.getSQLState());
      }
      n.say("rolled back: still " + countAccounts(connection) + " rows");
      n.say("auto-commit restored: " + connection.getAutoCommit());
    }
  }

  /**
   * Creates an empty {@code accounts} table, replacing any earlier one.
   *
   * @param connection the connection
   * @throws SQLException if the database fails
   */
  static void createAccounts(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS accounts");
      statement.execute(
          "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance INT)");
    }
  }

  /**
   * Inserts an account.
   *
   * @param connection the connection
   * @param id the account's id, unique
   * @param owner the owner's name
   * @param balance the balance
   * @throws SQLException if the database fails, for example for a duplicate id
   */
  static void insert(Connection connection, int id, String owner, int balance) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
      statement.setInt(1, id);
      statement.setString(2, owner);
      statement.setInt(3, balance);
      statement.executeUpdate();
    }
  }

  /**
   * Counts the accounts.
   *
   * @param connection the connection
   * @return the number of rows in {@code accounts}
   * @throws SQLException if the database fails
   */
  static int countAccounts(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM accounts")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
