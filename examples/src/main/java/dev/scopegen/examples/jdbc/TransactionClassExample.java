package dev.scopegen.examples.jdbc;

import dev.scopegen.examples.Narrator;
import java.sql.SQLException;

/** The demo's JDBC chapter: a generated {@code TransactionScope} against a real H2 database. */
public final class TransactionClassExample {

  private TransactionClassExample() {}

  /**
   * Runs the chapter.
   *
   * @param n the narrator
   * @throws Exception if the database fails in a way the story does not expect
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("A JDBC transaction: @Enter, @Commit, @Rollback, @Exit");
    Bank bank = Bank.open("transaction-demo");

    Transaction opening = new Transaction(bank.dataSource());
    TransactionScope.of(opening).run(connection -> {
      Bank.open(connection, "ada", 100);
      Bank.open(connection, "bob", 20);
    });
    n.say("opened two accounts: " + opening.log() + ", accounts in the database: " + bank.accounts());

    Transaction overdraft = new Transaction(bank.dataSource());
    try {
      TransactionScope.of(overdraft).run(connection -> Bank.transfer(connection, "ada", "bob", 500));
    } catch (SQLException failure) {
      n.say("transfer of 500 from ada to bob failed: " + overdraft.log());
      n.propagated(failure);
    }
    n.say("bob's credit was rolled back: ada " + bank.balance("ada") + ", bob " + bank.balance("bob"));

    Transaction batch = new Transaction(bank.dataSource());
    try {
      TransactionScope.of(batch).run(connection -> {
        Bank.open(connection, "cyd", 5);
        Bank.open(connection, "dee", 7);
        throw new PartialBatchException(2, "the third row was malformed");
      });
    } catch (PartialBatchException failure) {
      n.say("a batch stopped part way: " + batch.log());
      n.propagated(failure);
    }
    n.say("noRollbackFor kept its " + 2 + " rows: accounts in the database: " + bank.accounts());

    Transaction careless = new Transaction(bank.dataSource());
    IllegalStateException bodyFailure = new IllegalStateException("report generation failed");
    try {
      TransactionScope.of(careless).run(connection -> {
        connection.close(); // a bug in the body: the connection is gone before the rollback
        throw bodyFailure;
      });
    } catch (IllegalStateException failure) {
      n.say("the body closed the connection, then failed: " + careless.log());
      n.say("the body's own exception reached the caller: " + (failure == bodyFailure));
      n.propagated(failure);
    }
  }
}
