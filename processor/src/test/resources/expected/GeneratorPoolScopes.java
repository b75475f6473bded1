package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.Declared;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link GeneratorPool}: one factory
 * per method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class GeneratorPoolScopes {
  private GeneratorPoolScopes() {
  }

  /**
   * Returns a new scope over {@link GeneratorPool#lease(dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param <C> a type parameter of the scope
   * @param generatorPool the object whose method the scope runs
   * @return a single-use scope, not entered yet
   */
  public static <C extends AutoCloseable> LeaseScope<C> lease(GeneratorPool<C> generatorPool) {
    Objects.requireNonNull(generatorPool, "generatorPool");
    return new LeaseScope<>(generatorPool);
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#tagged(Comparable, dev.scopegen.runtime.AsyncYield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param <C> a type parameter of the scope
   * @param <T> a type parameter of the scope
   * @param generatorPool the object whose method the scope runs
   * @param tag passed to {@code tagged}
   * @return a single-use scope, not entered yet
   */
  public static <C extends AutoCloseable, T extends Comparable<? super T>> TaggedScope<C, T> tagged(
      GeneratorPool<C> generatorPool, T tag) {
    Objects.requireNonNull(generatorPool, "generatorPool");
    return new TaggedScope<>(generatorPool, tag);
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#open(String, dev.scopegen.runtime.Yield)}. Entering it
   * runs the method up to its yield; exiting it resumes the method with the body's outcome.
   *
   * @param <E> a type parameter of the scope
   * @param name passed to {@code open}
   * @return a single-use scope, not entered yet
   */
  public static <E extends Exception> OpenStringScope<E> open(String name) {
    return new OpenStringScope<>(name);
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#open(String, int[], dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param name passed to {@code open}
   * @param sizes passed to {@code open}
   * @return a single-use scope, not entered yet
   */
  public static OpenStringIntArrayScope open(String name, int[] sizes) {
    return new OpenStringIntArrayScope(name, sizes);
  }

  /**
   * Returns a new scope over {@link GeneratorPool#legacy(dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @return a single-use scope, not entered yet
   */
  @Deprecated
  static LegacyScope legacy() {
    return new LegacyScope();
  }

  /**
   * The scope of {@link GeneratorPool#lease(dev.scopegen.runtime.Yield)}. Single-use:
   * each call of the factory returns a new one.
   */
  public static final class LeaseScope<C extends AutoCloseable> implements AsyncScope<C> {
    private static final Declared DECLARED = Declared.of(InterruptedException.class);

    private final GeneratorPool<C> generatorPool;

    private final BlockingGenerator<C> generator;

    private LeaseScope(GeneratorPool<C> generatorPool) {
      this.generatorPool = generatorPool;
      this.generator = new BlockingGenerator<>("lease", LeaseScope.class);
    }

    /**
     * Enters the scope: runs {@code lease} up to its yield.
     */
    @Override
    public CompletionStage<C> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code lease} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(C resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     * @throws InterruptedException if {@code lease} fails with it
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super C, ? extends R, X> body) throws X,
        InterruptedException {
      return generator.<R, X>call(method(), body, DECLARED);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     * @throws InterruptedException if {@code lease} fails with it
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super C, X> body) throws X,
        InterruptedException {
      generator.<X>run(method(), body, DECLARED);
    }

    /**
     * Returns {@code lease} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<C> method() {
      GeneratorPool<C> generatorPool = this.generatorPool;
      return y -> generatorPool.lease(y);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#tagged(Comparable, dev.scopegen.runtime.AsyncYield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class TaggedScope<C extends AutoCloseable, T extends Comparable<? super T>> implements AsyncScope<T> {
    private final GeneratorPool<C> generatorPool;

    private final T tag;

    private final AsyncGenerator<T> generator;

    private TaggedScope(GeneratorPool<C> generatorPool, T tag) {
      this.generatorPool = generatorPool;
      this.tag = tag;
      this.generator = new AsyncGenerator<>("tagged", TaggedScope.class);
    }

    /**
     * Enters the scope: runs {@code tagged} up to its yield.
     */
    @Override
    public CompletionStage<T> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code tagged} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(T resource, Throwable failure) {
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
    public <R> CompletableFuture<R> use(Function<? super T, ? extends CompletionStage<R>> body) {
      return generator.use(method(), body);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     * A checked failure of {@code tagged} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super T, ? extends R, X> body) throws X {
      return Blocking.<T, R, X>call(this, body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     * A checked failure of {@code tagged} that this method does not declare arrives wrapped in a
     * {@code CompletionException}.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super T, X> body) throws X {
      Blocking.<T, X>run(this, body, Declared.NOTHING);
    }

    /**
     * Returns {@code tagged} with this scope's arguments bound, a new one for each use.
     */
    private AsyncGenerator.Method<T> method() {
      GeneratorPool<C> generatorPool = this.generatorPool;
      T tag = this.tag;
      return y -> generatorPool.tagged(tag, y);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#open(String, dev.scopegen.runtime.Yield)}. Single-use:
   * each call of the factory returns a new one.
   */
  public static final class OpenStringScope<E extends Exception> implements AsyncScope<String> {
    private static final Declared DECLARED = Declared.of(Exception.class);

    private final String name;

    private final BlockingGenerator<String> generator;

    private OpenStringScope(String name) {
      this.name = name;
      this.generator = new BlockingGenerator<>("open", OpenStringScope.class);
    }

    /**
     * Enters the scope: runs {@code open} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code open} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X the body's failure, unchanged
     * @throws E if {@code open} fails with it
     * @throws IOException if {@code open} fails with it
     */
    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X, E, IOException {
      return generator.<R, X>call(method(), body, DECLARED);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     * @throws E if {@code open} fails with it
     * @throws IOException if {@code open} fails with it
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X, E,
        IOException {
      generator.<X>run(method(), body, DECLARED);
    }

    /**
     * Returns {@code open} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<String> method() {
      String name = this.name;
      return y -> GeneratorPool.open(name, y);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#open(String, int[], dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class OpenStringIntArrayScope implements AsyncScope<String> {
    private final String name;

    private final int[] sizes;

    private final BlockingGenerator<String> generator;

    private OpenStringIntArrayScope(String name, int[] sizes) {
      this.name = name;
      this.sizes = sizes;
      this.generator = new BlockingGenerator<>("open", OpenStringIntArrayScope.class);
    }

    /**
     * Enters the scope: runs {@code open} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code open} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
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
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X {
      return generator.<R, X>call(method(), body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X {
      generator.<X>run(method(), body, Declared.NOTHING);
    }

    /**
     * Returns {@code open} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<String> method() {
      String name = this.name;
      int[] sizes = this.sizes;
      return y -> GeneratorPool.open(name, sizes, y);
    }
  }

  /**
   * The scope of {@link GeneratorPool#legacy(dev.scopegen.runtime.Yield)}. Single-use:
   * each call of the factory returns a new one.
   */
  @Deprecated
  static final class LegacyScope implements AsyncScope<String> {
    private final BlockingGenerator<String> generator;

    private LegacyScope() {
      this.generator = new BlockingGenerator<>("legacy", LegacyScope.class);
    }

    /**
     * Enters the scope: runs {@code legacy} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code legacy} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
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
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X {
      return generator.<R, X>call(method(), body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X {
      generator.<X>run(method(), body, Declared.NOTHING);
    }

    /**
     * Returns {@code legacy} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<String> method() {
      return y -> GeneratorPool.legacy(y);
    }
  }
}
