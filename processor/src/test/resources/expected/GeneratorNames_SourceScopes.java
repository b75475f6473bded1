package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.Declared;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link GeneratorNames.Source}: one
 * factory per method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
final class GeneratorNames_SourceScopes {
  private GeneratorNames_SourceScopes() {
  }

  /**
   * Returns a new scope over
   * {@link GeneratorNames.Source#open(dev.scopegen.runtime.AsyncYield)}. Entering it runs
   * the method up to its yield; exiting it resumes the method with the body's outcome.
   *
   * @param source the object whose method the scope runs
   * @return a single-use scope, not entered yet
   */
  static OpenScope open(GeneratorNames.Source source) {
    Objects.requireNonNull(source, "source");
    return new OpenScope(source);
  }

  /**
   * The scope of {@link GeneratorNames.Source#open(dev.scopegen.runtime.AsyncYield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class OpenScope implements AsyncScope<String> {
    private final GeneratorNames.Source source;

    private final AsyncGenerator<String> generator;

    private OpenScope(GeneratorNames.Source source) {
      this.source = source;
      this.generator = new AsyncGenerator<>("open", OpenScope.class);
    }

    /**
     * Enters the scope: runs {@code open} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(this.source, OpenScope::invoke);
    }

    /**
     * Exits the scope: resumes {@code open} with the body's outcome.
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
      return generator.use(this.source, OpenScope::invoke, body);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     * A checked failure of {@code open} that this method does not declare arrives wrapped in a
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
     * A checked failure of {@code open} that this method does not declare arrives wrapped in a
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
     * Invokes {@code open} with this scope's argument: a method reference to it captures
     * nothing.
     */
    private static CompletionStage<?> invoke(GeneratorNames.Source source, AsyncYield<String> y)
        throws Throwable {
      return source.open(y);
    }
  }
}
