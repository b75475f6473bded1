package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.Declared;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link DollarNames}: one factory per
 * method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class DollarNamesScopes {
  private DollarNamesScopes() {
  }

  /**
   * Returns a new scope over
   * {@link DollarNames#gen$(CharSequence, dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param <$T> a type parameter of the scope
   * @param $S passed to {@code gen$}
   * @return a single-use scope, not entered yet
   */
  public static <$T extends CharSequence> Gen$Scope<$T> gen$($T $S) {
    return new Gen$Scope<>($S);
  }

  /**
   * Returns a new scope over
   * {@link DollarNames#async$(String, dev.scopegen.runtime.AsyncYield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param $1$ passed to {@code async$}
   * @return a single-use scope, not entered yet
   */
  static Async$Scope async$(String $1$) {
    return new Async$Scope($1$);
  }

  /**
   * The scope of
   * {@link DollarNames#gen$(CharSequence, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class Gen$Scope<$T extends CharSequence> implements AsyncScope<$T> {
    private final $T $S;

    private final BlockingGenerator<$T> generator;

    private Gen$Scope($T $S) {
      this.$S = $S;
      this.generator = new BlockingGenerator<>("gen$", Gen$Scope.class);
    }

    /**
     * Enters the scope: runs {@code gen$} up to its yield.
     */
    @Override
    public CompletionStage<$T> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code gen$} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit($T resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super $T, ? extends R, X> body) throws
        X {
      return generator.<R, X>call(method(), body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super $T, X> body) throws X {
      generator.<X>run(method(), body, Declared.NOTHING);
    }

    /**
     * Returns {@code gen$} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<$T> method() {
      $T $S = this.$S;
      return $ -> DollarNames.gen$($S, $);
    }
  }

  /**
   * The scope of
   * {@link DollarNames#async$(String, dev.scopegen.runtime.AsyncYield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class Async$Scope implements AsyncScope<String> {
    private final String $1$;

    private final AsyncGenerator<String> generator;

    private Async$Scope(String $1$) {
      this.$1$ = $1$;
      this.generator = new AsyncGenerator<>("async$", Async$Scope.class);
    }

    /**
     * Enters the scope: runs {@code async$} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(this.$1$, Async$Scope::invoke);
    }

    /**
     * Exits the scope: resumes {@code async$} with the body's outcome.
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
      return generator.use(this.$1$, Async$Scope::invoke, body);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     * A checked failure of {@code async$} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
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
     * A checked failure of {@code async$} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X {
      Blocking.<String, X>run(this, body, Declared.NOTHING);
    }

    /**
     * Invokes {@code async$} with this scope's argument: a method reference to it captures
     * nothing.
     */
    private static CompletionStage<?> invoke(String $1$, AsyncYield<String> y$) throws Throwable {
      return DollarNames.async$($1$, y$);
    }
  }
}
