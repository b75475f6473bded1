package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.AsyncGenerator;
import dev.scopegen.runtime.internal.Blocking;
import dev.scopegen.runtime.internal.BlockingGenerator;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of
 * {@link GeneratorPool}: one factory per method, each returning a
 * new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class GeneratorPoolScopes {
  private GeneratorPoolScopes() {
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#lease(dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method
   * with the body's outcome.
   *
   * @param <C> a type parameter of the scope
   * @param generatorPool the object whose method the scope runs
   * @return a single-use scope, not entered yet
   */
  public static <C extends AutoCloseable> LeaseScope<C> lease(GeneratorPool<C> generatorPool) {
    Objects.requireNonNull(generatorPool, "generatorPool");
    return new LeaseScope<>(y -> generatorPool.lease(y));
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#tagged(Comparable, dev.scopegen.runtime.AsyncYield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method
   * with the body's outcome.
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
    return new TaggedScope<>(y -> generatorPool.tagged(tag, y));
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#open(String, dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method
   * with the body's outcome.
   *
   * @param <E> a type parameter of the scope
   * @param name passed to {@code open}
   * @return a single-use scope, not entered yet
   */
  public static <E extends Exception> OpenStringScope<E> open(String name) {
    return new OpenStringScope<>(y -> GeneratorPool.open(name, y));
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#open(String, int[], dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method
   * with the body's outcome.
   *
   * @param name passed to {@code open}
   * @param sizes passed to {@code open}
   * @return a single-use scope, not entered yet
   */
  public static OpenStringIntArrayScope open(String name, int[] sizes) {
    return new OpenStringIntArrayScope(y -> GeneratorPool.open(name, sizes, y));
  }

  /**
   * Returns a new scope over
   * {@link GeneratorPool#legacy(dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method
   * with the body's outcome.
   *
   * @return a single-use scope, not entered yet
   */
  @Deprecated
  static LegacyScope legacy() {
    return new LegacyScope(y -> GeneratorPool.legacy(y));
  }

  /**
   * The scope of
   * {@link GeneratorPool#lease(dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class LeaseScope<C extends AutoCloseable> implements AsyncScope<C> {
    private final BlockingGenerator<C> generator;

    private LeaseScope(BlockingGenerator.Method<C> method) {
      this.generator = new BlockingGenerator<>("lease", method);
    }

    @Override
    public CompletionStage<C> enter() {
      return generator.enter();
    }

    @Override
    public CompletionStage<Boolean> exit(C resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super C, ? extends R, X> body) throws X,
        InterruptedException {
      return generator.call(body, failure -> failure instanceof InterruptedException);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super C, X> body) throws X,
        InterruptedException {
      generator.run(body, failure -> failure instanceof InterruptedException);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#tagged(Comparable, dev.scopegen.runtime.AsyncYield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class TaggedScope<C extends AutoCloseable, T extends Comparable<? super T>> implements AsyncScope<T> {
    private final AsyncGenerator<T> generator;

    private TaggedScope(AsyncGenerator.Method<T> method) {
      this.generator = new AsyncGenerator<>("tagged", method);
    }

    @Override
    public CompletionStage<T> enter() {
      return generator.enter();
    }

    @Override
    public CompletionStage<Boolean> exit(T resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super T, ? extends R, X> body) throws X {
      return Blocking.call(generator, body, failure -> false);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super T, X> body) throws X {
      Blocking.run(generator, body, failure -> false);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#open(String, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class OpenStringScope<E extends Exception> implements AsyncScope<String> {
    private final BlockingGenerator<String> generator;

    private OpenStringScope(BlockingGenerator.Method<String> method) {
      this.generator = new BlockingGenerator<>("open", method);
    }

    @Override
    public CompletionStage<String> enter() {
      return generator.enter();
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X, E, IOException {
      return generator.call(body, failure -> failure instanceof Exception);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X, E,
        IOException {
      generator.run(body, failure -> failure instanceof Exception);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#open(String, int[], dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class OpenStringIntArrayScope implements AsyncScope<String> {
    private final BlockingGenerator<String> generator;

    private OpenStringIntArrayScope(BlockingGenerator.Method<String> method) {
      this.generator = new BlockingGenerator<>("open", method);
    }

    @Override
    public CompletionStage<String> enter() {
      return generator.enter();
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X {
      return generator.call(body, failure -> false);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X {
      generator.run(body, failure -> false);
    }
  }

  /**
   * The scope of
   * {@link GeneratorPool#legacy(dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  @Deprecated
  static final class LegacyScope implements AsyncScope<String> {
    private final BlockingGenerator<String> generator;

    private LegacyScope(BlockingGenerator.Method<String> method) {
      this.generator = new BlockingGenerator<>("legacy", method);
    }

    @Override
    public CompletionStage<String> enter() {
      return generator.enter();
    }

    @Override
    public CompletionStage<Boolean> exit(String resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super String, ? extends R, X> body)
        throws X {
      return generator.call(body, failure -> false);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super String, X> body) throws X {
      generator.run(body, failure -> false);
    }
  }
}
