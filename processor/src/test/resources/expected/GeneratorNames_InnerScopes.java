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
 * The scopes of the {@code @ScopedResource} methods of {@link GeneratorNames.Inner}: one
 * factory per method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
final class GeneratorNames_InnerScopes {
  private GeneratorNames_InnerScopes() {
  }

  /**
   * Returns a new scope over
   * {@link GeneratorNames.Inner#nested(dev.scopegen.runtime.AsyncYield)}. Entering it
   * runs the method up to its yield; exiting it resumes the method with the body's outcome.
   *
   * @param inner the object whose method the scope runs
   * @return a single-use scope, not entered yet
   */
  static NestedScope nested(GeneratorNames.Inner inner) {
    Objects.requireNonNull(inner, "inner");
    return new NestedScope(inner);
  }

  /**
   * The scope of {@link GeneratorNames.Inner#nested(dev.scopegen.runtime.AsyncYield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class NestedScope implements AsyncScope<GeneratorNames.Inner> {
    private final GeneratorNames.Inner inner;

    private final AsyncGenerator<GeneratorNames.Inner> generator;

    private NestedScope(GeneratorNames.Inner inner) {
      this.inner = inner;
      this.generator = new AsyncGenerator<>("nested", NestedScope.class);
    }

    /**
     * Enters the scope: runs {@code nested} up to its yield.
     */
    @Override
    public CompletionStage<GeneratorNames.Inner> enter() {
      return generator.enter(this.inner, NestedScope::invoke);
    }

    /**
     * Exits the scope: resumes {@code nested} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(GeneratorNames.Inner resource, Throwable failure) {
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
        Function<? super GeneratorNames.Inner, ? extends CompletionStage<R>> body) {
      return generator.use(this.inner, NestedScope::invoke, body);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     * A checked failure of {@code nested} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     */
    @Override
    public <R, X extends Throwable> R call(
        ScopeFunction<? super GeneratorNames.Inner, ? extends R, X> body) throws X {
      return Blocking.<GeneratorNames.Inner, R, X>call(this, body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     * A checked failure of {@code nested} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super GeneratorNames.Inner, X> body)
        throws X {
      Blocking.<GeneratorNames.Inner, X>run(this, body, Declared.NOTHING);
    }

    /**
     * Invokes {@code nested} with this scope's argument: a method reference to it captures
     * nothing.
     */
    private static CompletionStage<?> invoke(GeneratorNames.Inner inner,
        AsyncYield<GeneratorNames.Inner> y) throws Throwable {
      return inner.nested(y);
    }
  }
}
