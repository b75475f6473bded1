package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Interfaces, enums, records and abstract classes are targets too: the scope wraps an instance. */
public class Kinds {
  public interface Gate {
    @Enter
    void open();

    @Exit
    default void close() {}
  }

  enum Switch {
    ON;

    @Enter
    String flip() {
      return name();
    }

    @Rollback
    CompletableFuture<String> undo(CharSequence state) {
      return CompletableFuture.completedFuture("undone");
    }
  }

  record Lease(String holder) {
    @Enter
    String take() {
      return holder;
    }

    @Exit
    void give(String holder, Throwable failure) {}
  }

  abstract static class Handle<T extends Comparable<? super T>> {
    @Enter
    abstract CompletionStage<T> acquire();

    @Exit
    abstract boolean release(T value);
  }
}
