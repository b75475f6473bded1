package dev.scopegen.examples.pool;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;

/**
 * A bounded pool of JDBC connections with asynchronous acquire: when every connection is in use,
 * {@link #acquire()} returns a stage that completes when one is released, possibly on another
 * thread. The processor writes {@code ConnectionPoolScope} from it:
 *
 * <pre>{@code
 * ConnectionPoolScope.of(pool).use(connection -> CompletableFuture.supplyAsync(() -> query(connection)));
 * }</pre>
 */
public final class ConnectionPool {

  private final Queue<Connection> idle = new ArrayDeque<>();
  private final Queue<CompletableFuture<Connection>> waiting = new ArrayDeque<>();
  private final List<Connection> all = new ArrayList<>();
  private int active;
  private int mostActive;
  private int released;

  /**
   * Opens {@code size} connections up front.
   *
   * @param dataSource where connections come from
   * @param size how many connections the pool holds
   * @throws SQLException if a connection cannot be opened
   */
  public ConnectionPool(DataSource dataSource, int size) throws SQLException {
    for (int i = 0; i < size; i++) {
      Connection connection = dataSource.getConnection();
      idle.add(connection);
      all.add(connection);
    }
  }

  /**
   * Takes a connection: at once when one is idle, otherwise when one is released.
   *
   * @return a stage that completes with a connection of this pool
   */
  @Enter
  public synchronized CompletionStage<Connection> acquire() {
    Connection connection = idle.poll();
    if (connection != null) {
      lent();
      return CompletableFuture.completedFuture(connection);
    }
    CompletableFuture<Connection> later = new CompletableFuture<>();
    waiting.add(later);
    return later;
  }

  /**
   * Gives a connection back: to the first caller waiting for one, or to the idle set.
   *
   * @param connection a connection {@link #acquire()} handed out
   */
  @Exit
  public void release(Connection connection) {
    CompletableFuture<Connection> next;
    synchronized (this) {
      released++;
      active--;
      next = waiting.poll();
      if (next == null) {
        idle.add(connection);
        return;
      }
      lent();
    }
    next.complete(connection); // outside the lock: the next body may start running right here
  }

  private void lent() {
    active++;
    mostActive = Math.max(mostActive, active);
  }

  /**
   * Returns how many connections are lent out now.
   *
   * @return the connections in use
   */
  public synchronized int active() {
    return active;
  }

  /**
   * Returns the most connections that were ever lent out at once.
   *
   * @return the high-water mark
   */
  public synchronized int mostActive() {
    return mostActive;
  }

  /**
   * Returns how many times a connection came back.
   *
   * @return the number of releases
   */
  public synchronized int released() {
    return released;
  }

  /**
   * Returns how many callers are waiting for a connection.
   *
   * @return the queue length
   */
  public synchronized int waiting() {
    return waiting.size();
  }

  /**
   * Closes every connection of the pool.
   *
   * @throws SQLException if a connection fails to close
   */
  public synchronized void shutdown() throws SQLException {
    for (Connection connection : all) {
      connection.close();
    }
  }
}
