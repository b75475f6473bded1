package dev.scopegen.examples.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated {@code TransactionScope} against a real H2 database: rows counted before and after. */
class TransactionTest {

  private Bank bank;

  @BeforeEach
  void openBank() throws SQLException {
    bank = Bank.open("transaction-test-" + UUID.randomUUID());
  }

  @Test
  void successCommitsAndCloses() throws SQLException {
    Transaction transaction = new Transaction(bank.dataSource());
    assertEquals(0, bank.accounts());

    String result = TransactionScope.of(transaction).call(connection -> {
      Bank.open(connection, "ada", 100);
      Bank.open(connection, "bob", 20);
      return "opened";
    });

    assertEquals("opened", result);
    assertEquals(2, bank.accounts());
    assertEquals(List.of("begin", "commit", "close"), transaction.log());
  }

  @Test
  void failureRollsBackAndPropagatesTheSameException() throws SQLException {
    TransactionScope.of(new Transaction(bank.dataSource())).run(connection -> {
      Bank.open(connection, "ada", 100);
      Bank.open(connection, "bob", 20);
    });
    Transaction transfer = new Transaction(bank.dataSource());
    AtomicReference<SQLException> thrown = new AtomicReference<>();

    SQLException failure = assertThrows(SQLException.class, () ->
        TransactionScope.of(transfer).run(connection -> {
          try {
            Bank.transfer(connection, "ada", "bob", 500);
          } catch (SQLException e) {
            thrown.set(e);
            throw e;
          }
        }));

    assertSame(thrown.get(), failure);
    assertEquals(0, failure.getSuppressed().length);
    assertEquals(100, bank.balance("ada"));
    assertEquals(20, bank.balance("bob"), "the credit written before the failing debit is undone");
    assertEquals(
        List.of("begin", "rollback after " + failure.getClass().getSimpleName(), "close"),
        transfer.log());
  }

  @Test
  void noRollbackForCommitsAndStillPropagates() throws SQLException {
    Transaction batch = new Transaction(bank.dataSource());
    PartialBatchException stop = new PartialBatchException(2, "third row malformed");

    PartialBatchException failure = assertThrows(PartialBatchException.class, () ->
        TransactionScope.of(batch).run(connection -> {
          Bank.open(connection, "cyd", 5);
          Bank.open(connection, "dee", 7);
          throw stop;
        }));

    assertSame(stop, failure);
    assertEquals(2, bank.accounts());
    assertEquals(List.of("begin", "commit", "close"), batch.log());
  }

  @Test
  void rollbackFailureIsSuppressedOntoTheBodyFailure() throws SQLException {
    Transaction careless = new Transaction(bank.dataSource());
    IllegalStateException bodyFailure = new IllegalStateException("body failed");

    IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
        TransactionScope.of(careless).run(connection -> {
          Bank.open(connection, "eve", 1);
          connection.close();
          throw bodyFailure;
        }));

    assertSame(bodyFailure, failure);
    assertEquals(1, failure.getSuppressed().length);
    assertTrue(failure.getSuppressed()[0] instanceof SQLException, "the rollback's failure");
    assertEquals(List.of("begin", "close"), careless.log(), "rollback failed before logging");
    assertEquals(0, bank.accounts());
  }

  @Test
  void asyncUseCommitsToo() throws SQLException {
    Transaction transaction = new Transaction(bank.dataSource());

    Integer written = TransactionScope.of(transaction)
        .use((Connection connection) -> {
          try {
            Bank.open(connection, "fay", 3);
            return java.util.concurrent.CompletableFuture.completedFuture(1);
          } catch (SQLException e) {
            return java.util.concurrent.CompletableFuture.<Integer>failedFuture(e);
          }
        })
        .join();

    assertEquals(1, written);
    assertEquals(1, bank.accounts());
    assertEquals(List.of("begin", "commit", "close"), transaction.log());
  }
}
