package dev.scopegen.examples.readme;

import static java.net.http.HttpResponse.BodyHandlers.ofString;

import dev.scopegen.examples.readme.Pool.Conn;
import dev.scopegen.runtime.AsyncSemaphore;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import java.io.StringWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The README's Java statements, each pasted as written into a method that declares exactly what
 * the README says it throws: if a snippet stops compiling, or needs a wider {@code throws}, the
 * build fails. {@code ReadmeSnippetsTest} checks that every README snippet is still here.
 */
final class ReadmeSnippets {

  /** A counter, for the lock snippets. */
  static final class Counter {
    int value;

    void increment() {
      value++;
    }
  }

  final Counter counter = new Counter();
  final List<String> log = new ArrayList<>();

  // --- Python and ScopeGen, side by side ------------------------------------------------------

  void transaction(Transaction transaction) throws SQLException {
    TransactionScope.of(transaction).run(connection -> insertRows(connection));   // throws SQLException
  }

  static void insertRows(Connection connection) throws SQLException {
    connection.createStatement().execute("INSERT INTO accounts VALUES (1)");
  }

  // --- ExitStack ------------------------------------------------------------------------------

  final List<String> names = List.of("a", "b");
  final List<Writer> files = new ArrayList<>();
  final Pool pool = new Pool();
  final Logger log2 = quiet(Logger.getLogger(ReadmeSnippets.class.getName()));
  ExitStack keep;

  void exitStack() throws Exception {
    Logger log = log2;
    new ExitStack().run(stack -> {
      for (String n : names) {
        files.add(stack.enter(Scopes.closing(open(n))));
      }
      Conn conn = stack.enterAsync(PoolScope.of(pool)).toCompletableFuture().join();
      stack.callback(() -> log.info("done"));
      stack.callbackAsync(conn::flush);
      stack.push(failure -> false);
      keep = stack.popAll();
    });
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.WARNING);
    return logger;
  }

  Writer open(String name) {
    this.log.add("open " + name);
    return new StringWriter();
  }

  // --- Timeouts -------------------------------------------------------------------------------

  // The body throws IOException and InterruptedException, for which Java infers one X: Exception.
  // The snippet assigns r and stops there, as the README shows it.
  @SuppressWarnings("UnusedVariable")
  HttpResponse<String> timeout(HttpClient client, HttpRequest req) throws Exception {
    HttpResponse<String> r = null;
    try {
      r = Scopes.timeout(Duration.ofMillis(300))
          .use(deadline -> client.sendAsync(req, ofString()))
          .join();
    } catch (CompletionException e) { /* e.getCause() is a TimeoutException */ }

    r = Scopes.timeout(Duration.ofMillis(300)).call(deadline -> {
      deadline.reschedule(null);  // deadline.expired(), deadline.when()
      return client.send(req, ofString());
    });  // throws TimeoutException and what the body throws
    return r;
  }

  // --- Locks and permits ----------------------------------------------------------------------

  void asyncLocks() {
    AsyncSemaphore lock = new AsyncSemaphore(1);
    Scopes.permit(lock).use(held -> {
      counter.increment();
      return save(counter);
    });

    AsyncSemaphore sem = new AsyncSemaphore(2);
    Scopes.permit(sem).use(permit -> fetchAsync());
  }

  void blockingLocks() throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    Scopes.lock(lock).run(held -> counter.increment());   // throws InterruptedException

    Semaphore sem = new Semaphore(2);
    Scopes.permit(sem).run(permit -> fetch());   // blocks while both permits are taken
  }

  CompletionStage<String> save(Counter counter) {
    return CompletableFuture.completedFuture("saved " + counter.value);
  }

  CompletionStage<String> fetchAsync() {
    log.add("fetched");
    return CompletableFuture.completedFuture("fetched");
  }

  String fetch() {
    return "fetched";
  }

  // --- Several scopes in one statement --------------------------------------------------------

  CompletableFuture<Integer> with(AsyncSemaphore lock)
      throws InterruptedException, TimeoutException {
    CompletableFuture<Integer> moved =
    Scopes.with(Scopes.permit(lock), Scopes.timeout(Duration.ofSeconds(1)))
        .use((held, deadline) -> moveAsync(10));

    Scopes.with(Scopes.permit(lock), Scopes.timeout(Duration.ofSeconds(1)))
        .run((held, deadline) -> move(10));  // throws InterruptedException, TimeoutException
    return moved;
  }

  CompletionStage<Integer> moveAsync(int amount) {
    return CompletableFuture.completedFuture(move(amount));
  }

  int move(int amount) {
    counter.value += amount;
    return counter.value;
  }
}
