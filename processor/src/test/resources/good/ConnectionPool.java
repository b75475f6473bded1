package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Generic and asynchronous: the blocking methods wait on the asynchronous protocol, and the
 * scope is generic in the connection type.
 */
public class ConnectionPool<C extends AutoCloseable> {

  @Enter
  public CompletableFuture<C> acquire() {
    return new CompletableFuture<>();
  }

  @Commit
  CompletionStage<Void> flush(C connection) {
    return CompletableFuture.completedFuture(null);
  }

  @Rollback
  void discard(C connection, Throwable failure) throws Exception {
    connection.close();
  }

  @Exit
  CompletionStage<Boolean> release(Object connection, Throwable failure) {
    return CompletableFuture.completedFuture(false);
  }
}
