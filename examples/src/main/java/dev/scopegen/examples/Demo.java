package dev.scopegen.examples;

import dev.scopegen.examples.generators.AsyncFileExample;
import dev.scopegen.examples.generators.PoolExample;
import dev.scopegen.examples.generators.SessionExample;
import dev.scopegen.examples.generators.TransactionExample;
import dev.scopegen.examples.jdbc.TransactionClassExample;
import dev.scopegen.examples.pool.ConnectionPoolExample;
import dev.scopegen.examples.toolbox.FilesExample;
import dev.scopegen.examples.toolbox.HttpTimeoutExample;
import dev.scopegen.examples.toolbox.LockExample;
import dev.scopegen.examples.toolbox.LockWorkersExample;

/**
 * The narrated demo: real generated scopes against a real embedded H2 database, telling what was
 * entered, committed, rolled back, which exception propagated and what was suppressed onto it.
 *
 * <p>Run it with {@code mvn -q -DskipTests -pl examples -am package exec:java}.
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs every chapter of the demo.
   *
   * @param args ignored
   * @throws Exception if a chapter fails in a way its story does not expect
   */
  public static void main(String[] args) throws Exception {
    Narrator n = new Narrator(System.out);
    System.out.println("ScopeGen demo: Python's async with, generated for Java at compile time.");

    // Resource classes: @Enter, @Commit, @Rollback, @Exit.
    TransactionClassExample.run(n);
    ConnectionPoolExample.run(n);

    // Generators: @ScopedResource, the @asynccontextmanager of Java.
    TransactionExample.run(n);
    AsyncFileExample.run(n);
    SessionExample.run(n);
    PoolExample.run(n);

    // The toolbox: ExitStack, timeouts, locks.
    FilesExample.run(n);
    HttpTimeoutExample.run(n);
    LockExample.run(n);
    LockWorkersExample.run(n);

    System.out.println();
    System.out.println("Demo finished.");
  }
}
