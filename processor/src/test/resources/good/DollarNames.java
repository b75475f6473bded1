package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Names with {@code $}, as Kotlin, Lombok and other generators write them: the processor must put
 * them in generated code and Javadoc as they are, never read them as templates.
 */
public class DollarNames<T$> {
  private final T$ value$;

  DollarNames(T$ value$) {
    this.value$ = value$;
  }

  @Enter
  public T$ open$() {
    return value$;
  }

  @Exit
  public boolean close$(T$ $resource, Throwable $1) {
    return false;
  }

  /** Like the companion object of a Kotlin class. */
  public static final class Kotlinish$Companion {
    @Enter
    CompletionStage<String> $open() {
      return CompletableFuture.completedFuture("$L");
    }

    @Commit
    void commit$$() {}

    @Rollback(noRollbackFor = Skip$.class)
    void $N$S(Throwable $T) {}
  }

  /** A failure type with {@code $} in its name. */
  public static final class Skip$ extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @ScopedResource
  public static <$T extends CharSequence> void gen$($T $S, Yield<$T> $) {
    $.yield($S);
  }

  @ScopedResource
  static CompletionStage<Void> async$(String $1$, AsyncYield<String> y$) {
    return y$.yield($1$);
  }
}
