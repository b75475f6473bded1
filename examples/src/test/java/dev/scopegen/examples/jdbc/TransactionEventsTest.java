package dev.scopegen.examples.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.generators.TransactionsScopes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR event of generated scopes under a recording: the inline {@code call} and {@code run} of a
 * resource class, its {@code use}, and a generator scope, against a real H2 database; and the
 * scopes behave under the recording exactly as without it.
 */
@Timeout(60)
class TransactionEventsTest {

  @Test
  void generatedScopesRecordOneEventPerUse(@TempDir Path dir) throws Exception {
    Bank bank = Bank.open("events-test-" + UUID.randomUUID());
    Transaction committed = new Transaction(bank.dataSource());
    Transaction rolledBack = new Transaction(bank.dataSource());
    Path file = dir.resolve("scopes.jfr");
    SQLException overdraft;
    try (Recording recording = new Recording()) {
      recording.enable("dev.scopegen.Scope").withoutThreshold();
      recording.start();

      assertEquals("opened", TransactionScope.of(committed).call(connection -> {
        Bank.open(connection, "ada", 100);
        return "opened";
      }));
      overdraft = assertThrows(SQLException.class, () ->
          TransactionScope.of(rolledBack).run(connection ->
              Bank.transfer(connection, "ada", "bob", 500)));
      assertEquals(
          "used",
          TransactionScope.of(new Transaction(bank.dataSource()))
              .use(connection -> CompletableFuture.completedFuture("used"))
              .join());
      try (Connection connection = bank.dataSource().getConnection()) {
        TransactionsScopes.transaction(connection).run(c -> Bank.open(c, "bob", 20));
      }

      recording.stop();
      recording.dump(file);
      // The scopes did their work as they do without a recording.
      assertEquals(List.of("begin", "commit", "close"), committed.log());
      assertEquals(
          List.of("begin", "rollback after " + overdraft.getClass().getSimpleName(), "close"),
          rolledBack.log());
      assertEquals(2, bank.accounts());
    }

    long thread = Thread.currentThread().getId();
    List<String> seen = new ArrayList<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals("dev.scopegen.Scope")
          && event.getThread().getJavaThreadId() == thread) {
        seen.add(event.getString("scope").replace("dev.scopegen.examples.", "")
            + " " + event.getString("outcome")
            + " " + (event.getClass("failure") == null ? "-" : event.getClass("failure").getName()));
        assertTrue(event.getClass("resourceType") != null, "a connection was entered");
        assertTrue(Connection.class.isAssignableFrom(
            Class.forName(event.getClass("resourceType").getName())));
      }
    }
    assertEquals(
        List.of(
            "jdbc.TransactionScope committed -",
            "jdbc.TransactionScope rolledBack " + overdraft.getClass().getName(),
            "jdbc.TransactionScope committed -",
            "generators.TransactionsScopes$TransactionScope exited -"),
        seen);
  }
}
