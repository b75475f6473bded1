package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transaction generator against H2: commit, rollback, and auto-commit restored. */
@Timeout(30)
class TransactionExampleTest {

  private Connection connection;

  @BeforeEach
  void openDatabase() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:generator_transaction_test");
    TransactionExample.createAccounts(connection);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  @Test
  void successfulBodyCommits() throws SQLException {
    TransactionsScopes.transaction(connection)
        .run(
            c -> {
              TransactionExample.insert(c, 1, "ada", 100);
              TransactionExample.insert(c, 2, "grace", 50);
            });

    connection.rollback(); // nothing left to roll back: the scope committed
    assertEquals(2, TransactionExample.countAccounts(connection));
    assertTrue(connection.getAutoCommit());
  }

  @Test
  void failingBodyRollsBackAndItsFailurePropagatesUnchanged() throws SQLException {
    TransactionExample.insert(connection, 1, "ada", 100);
    SQLException failure = new SQLException("insufficient funds");

    SQLException thrown =
        assertThrows(
            SQLException.class,
            () ->
                TransactionsScopes.transaction(connection)
                    .run(
                        c -> {
                          TransactionExample.insert(c, 2, "grace", 50);
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals(1, TransactionExample.countAccounts(connection));
    assertTrue(connection.getAutoCommit());
  }

  @Test
  void callReturnsTheBodysResult() throws SQLException {
    int count =
        TransactionsScopes.transaction(connection)
            .call(
                c -> {
                  TransactionExample.insert(c, 1, "ada", 100);
                  return TransactionExample.countAccounts(c);
                });

    assertEquals(1, count);
  }

  @Test
  void narratesACommitAndARollback() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    TransactionExample.run(new Narrator(new PrintStream(out, true, StandardCharsets.UTF_8)));

    String story = out.toString(StandardCharsets.UTF_8);
    assertTrue(story.contains("committed two accounts: 2 rows"), story);
    assertTrue(story.contains("SQL state 23505"), story);
    assertTrue(story.contains("rolled back: still 2 rows"), story);
    assertTrue(story.contains("auto-commit restored: true"), story);
  }
}
