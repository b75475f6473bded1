package test;

import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.Declared;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link Throwing}: one factory per
 * method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class ThrowingScopes {
  private ThrowingScopes() {
  }

  /**
   * Returns a new scope over {@link Throwing#blocking(dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @return a single-use scope, not entered yet
   */
  public static BlockingScope blocking() {
    return new BlockingScope();
  }

  /**
   * Returns a new scope over {@link Throwing#async(dev.scopegen.runtime.AsyncYield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @return a single-use scope, not entered yet
   */
  public static AsyncScope async() {
    return new AsyncScope();
  }

  /**
   * The scope of {@link Throwing#blocking(dev.scopegen.runtime.Yield)}. Single-use: each
   * call of the factory returns a new one.
   */
  public static final class BlockingScope implements dev.scopegen.runtime.AsyncScope<String> {
    private static final Declared DECLARED = Declared.of(Exception.class);

    private final BlockingGenerator<String> generator;

    private BlockingScope() {
      this.generator = new BlockingGenerator<>("blocking", BlockingScope.class);
    }

    /**
     * Enters the scope: runs {@code blocking} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code blocking} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     * A checked failure of {@code blocking} that this method does not declare arrives wrapped in
     * a {@code CompletionException}.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     * @throws Exception if {@code blocking} fails with it
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X, Exception {
      return generator.<R, X>call(method(), body, DECLARED);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     * A checked failure of {@code blocking} that this method does not declare arrives wrapped in
     * a {@code CompletionException}.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     * @throws Exception if {@code blocking} fails with it
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X,
        Exception {
      generator.<X>run(method(), body, DECLARED);
    }

    /**
     * Returns {@code blocking} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<String> method() {
      return y -> Throwing.blocking(y);
    }
  }

  /**
   * The scope of {@link Throwing#async(dev.scopegen.runtime.AsyncYield)}. Single-use:
   * each call of the factory returns a new one.
   */
  public static final class AsyncScope implements dev.scopegen.runtime.AsyncScope<String> {
    private static final Declared DECLARED = Declared.of(IOException.class);

    private final AsyncGenerator<String> generator;

    private AsyncScope() {
      this.generator = new AsyncGenerator<>("async", AsyncScope.class);
    }

    /**
     * Enters the scope: runs {@code async} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code async} with the body's outcome.
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
     * A checked failure of {@code async} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     * @throws IOException if {@code async} fails with it
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X, IOException {
      return Blocking.<String, R, X>call(this, body, DECLARED);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     * A checked failure of {@code async} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     * @throws IOException if {@code async} fails with it
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X,
        IOException {
      Blocking.<String, X>run(this, body, DECLARED);
    }

    /**
     * Returns {@code async} with this scope's arguments bound, a new one for each use.
     */
    private AsyncGenerator.Method<String> method() {
      return y -> Throwing.async(y);
    }
  }
}
