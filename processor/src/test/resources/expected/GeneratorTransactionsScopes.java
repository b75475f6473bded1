package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.Declared;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link GeneratorTransactions}: one
 * factory per method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class GeneratorTransactionsScopes {
  private GeneratorTransactionsScopes() {
  }

  /**
   * Returns a new scope over
   * {@link GeneratorTransactions#transaction(Connection, dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param connection passed to {@code transaction}
   * @return a single-use scope, not entered yet
   */
  public static TransactionScope transaction(Connection connection) {
    return new TransactionScope(connection);
  }

  /**
   * Returns a new scope over
   * {@link GeneratorTransactions#savepoint(Connection, String, dev.scopegen.runtime.AsyncYield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param connection passed to {@code savepoint}
   * @param name passed to {@code savepoint}
   * @return a single-use scope, not entered yet
   */
  static SavepointScope savepoint(Connection connection, String name) {
    return new SavepointScope(connection, name);
  }

  /**
   * The scope of
   * {@link GeneratorTransactions#transaction(Connection, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class TransactionScope implements AsyncScope<Connection> {
    private static final Declared DECLARED = Declared.of(SQLException.class);

    private final Connection connection;

    private final BlockingGenerator<Connection> generator;

    private TransactionScope(Connection connection) {
      this.connection = connection;
      this.generator = new BlockingGenerator<>("transaction", TransactionScope.class);
    }

    /**
     * Enters the scope: runs {@code transaction} up to its yield.
     */
    @Override
    public CompletionStage<Connection> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code transaction} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(Connection resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     * @throws SQLException if {@code transaction} fails with it
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super Connection, ? extends R, X> body)
        throws X, SQLException {
      return generator.<R, X>call(method(), body, DECLARED);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     * @throws SQLException if {@code transaction} fails with it
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super Connection, X> body) throws X,
        SQLException {
      generator.<X>run(method(), body, DECLARED);
    }

    /**
     * Returns {@code transaction} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<Connection> method() {
      Connection connection = this.connection;
      return y -> GeneratorTransactions.transaction(connection, y);
    }
  }

  /**
   * The scope of
   * {@link GeneratorTransactions#savepoint(Connection, String, dev.scopegen.runtime.AsyncYield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class SavepointScope implements AsyncScope<String> {
    private final Connection connection;

    private final String name;

    private final AsyncGenerator<String> generator;

    private SavepointScope(Connection connection, String name) {
      this.connection = connection;
      this.name = name;
      this.generator = new AsyncGenerator<>("savepoint", SavepointScope.class);
    }

    /**
     * Enters the scope: runs {@code savepoint} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code savepoint} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource, waits for the body's stage and exits,
     * without blocking.
     *
     * @param body the asynchronous body
     * @return a future that completes after the scope has exited
     */
    @Override
    public <R> CompletableFuture<R> use(
        Function<? super String, ? extends CompletionStage<R>> body) {
      return generator.use(method(), body);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     * A checked failure of {@code savepoint} that this method does not declare arrives wrapped
     * in a {@code CompletionException}.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X {
      return Blocking.<String, R, X>call(this, body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     * A checked failure of {@code savepoint} that this method does not declare arrives wrapped
     * in a {@code CompletionException}.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X {
      Blocking.<String, X>run(this, body, Declared.NOTHING);
    }

    /**
     * Returns {@code savepoint} with this scope's arguments bound, a new one for each use.
     */
    private AsyncGenerator.Method<String> method() {
      Connection connection = this.connection;
      String name = this.name;
      return y -> GeneratorTransactions.savepoint(connection, name, y);
    }
  }
}
