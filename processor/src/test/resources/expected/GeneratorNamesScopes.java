package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.Declared;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link GeneratorNames}: one factory
 * per method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
final class GeneratorNamesScopes {
  private GeneratorNamesScopes() {
  }

  /**
   * Returns a new scope over
   * {@link GeneratorNames#generator(Object, Exception, String, String, Throwable, test.GeneratorScope, String, dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param <R> a type parameter of the scope
   * @param <X> a type parameter of the scope
   * @param generator passed to {@code generator}
   * @param method passed to {@code generator}
   * @param body passed to {@code generator}
   * @param resource passed to {@code generator}
   * @param failure passed to {@code generator}
   * @param GeneratorNames2 passed to {@code generator}
   * @param test2 passed to {@code generator}
   * @return a single-use scope, not entered yet
   */
  static <R, X extends Exception> GeneratorScope<R, X> generator(R generator, X method, String body,
      String resource, Throwable failure, test.GeneratorScope GeneratorNames2, String test2) {
    return new GeneratorScope<>(generator, method, body, resource, failure, GeneratorNames2, test2);
  }

  /**
   * Returns a new scope over
   * {@link GeneratorNames#receiver(String, dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method with the body's
   * outcome.
   *
   * @param generatorNames3 the object whose method the scope runs
   * @param generatorNames passed to {@code receiver}
   * @return a single-use scope, not entered yet
   */
  static ReceiverScope receiver(GeneratorNames generatorNames3, String generatorNames) {
    Objects.requireNonNull(generatorNames3, "generatorNames3");
    return new ReceiverScope(generatorNames3, generatorNames);
  }

  /**
   * Returns a new scope over
   * {@link GeneratorNames#shadow(Object, dev.scopegen.runtime.Yield)}. Entering
   * it runs the method up to its yield; exiting it resumes the method with the body's outcome.
   *
   * @param <Throwable> a type parameter of the scope
   * @param value passed to {@code shadow}
   * @return a single-use scope, not entered yet
   */
  static <Throwable> ShadowScope<Throwable> shadow(Throwable value) {
    return new ShadowScope<>(value);
  }

  /**
   * The scope of
   * {@link GeneratorNames#generator(Object, Exception, String, String, Throwable, test.GeneratorScope, String, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class GeneratorScope<R, X extends Exception> implements AsyncScope<R> {
    private static final Declared DECLARED = Declared.of(Exception.class);

    private final R generator;

    private final X method;

    private final String body;

    private final String resource;

    private final Throwable failure;

    private final test.GeneratorScope GeneratorNames2;

    private final String test2;

    private final BlockingGenerator<R> generator2;

    private GeneratorScope(R generator, X method, String body, String resource, Throwable failure,
        test.GeneratorScope GeneratorNames2, String test2) {
      this.generator = generator;
      this.method = method;
      this.body = body;
      this.resource = resource;
      this.failure = failure;
      this.GeneratorNames2 = GeneratorNames2;
      this.test2 = test2;
      this.generator2 = new BlockingGenerator<>("generator", GeneratorScope.class);
    }

    /**
     * Enters the scope: runs {@code generator} up to its yield.
     */
    @Override
    public CompletionStage<R> enter() {
      return generator2.enter(method());
    }

    /**
     * Exits the scope: resumes {@code generator} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(R resource, Throwable failure) {
      return generator2.exit(resource, failure);
    }

    /**
     * Enters the scope, applies {@code body} to the resource and exits, on the calling thread.
     *
     * @param body the body
     * @return the body's result, or {@code null} if the scope suppressed its failure
     * @throws X2 the body's failure, unchanged
     * @throws X if {@code generator} fails with it
     */
    @Override
    public <R2, X2 extends Throwable> R2 call(ScopeFunction<? super R, ? extends R2, X2> body)
        throws X2, X {
      return generator2.<R2, X2>call(method(), body, DECLARED);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X2 the body's failure, unchanged
     * @throws X if {@code generator} fails with it
     */
    @Override
    public <X2 extends Throwable> void run(ScopeConsumer<? super R, X2> body) throws X2, X {
      generator2.<X2>run(method(), body, DECLARED);
    }

    /**
     * Returns {@code generator} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<R> method() {
      R generator = this.generator;
      X method = this.method;
      String body = this.body;
      String resource = this.resource;
      Throwable failure = this.failure;
      test.GeneratorScope GeneratorNames2 = this.GeneratorNames2;
      String test2 = this.test2;
      return y -> GeneratorNames.generator(generator, method, body, resource, failure,
          GeneratorNames2, test2, y);
    }
  }

  /**
   * The scope of
   * {@link GeneratorNames#receiver(String, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class ReceiverScope implements AsyncScope<String> {
    private final GeneratorNames generatorNames3;

    private final String generatorNames;

    private final BlockingGenerator<String> generator;

    private ReceiverScope(GeneratorNames generatorNames3, String generatorNames) {
      this.generatorNames3 = generatorNames3;
      this.generatorNames = generatorNames;
      this.generator = new BlockingGenerator<>("receiver", ReceiverScope.class);
    }

    /**
     * Enters the scope: runs {@code receiver} up to its yield.
     */
    @Override
    public CompletionStage<String> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code receiver} with the body's outcome.
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
     * Returns {@code receiver} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<String> method() {
      GeneratorNames generatorNames3 = this.generatorNames3;
      String generatorNames = this.generatorNames;
      return generatorNames2 -> generatorNames3.receiver(generatorNames, generatorNames2);
    }
  }

  /**
   * The scope of
   * {@link GeneratorNames#shadow(Object, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  static final class ShadowScope<Throwable> implements AsyncScope<Throwable> {
    private final Throwable value;

    private final BlockingGenerator<Throwable> generator;

    private ShadowScope(Throwable value) {
      this.value = value;
      this.generator = new BlockingGenerator<>("shadow", ShadowScope.class);
    }

    /**
     * Enters the scope: runs {@code shadow} up to its yield.
     */
    @Override
    public CompletionStage<Throwable> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code shadow} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(Throwable resource, java.lang.Throwable failure) {
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
    public <R, X extends java.lang.Throwable> R call(
        ScopeFunction<? super Throwable, ? extends R, X> body) throws X {
      return generator.<R, X>call(method(), body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends java.lang.Throwable> void run(ScopeConsumer<? super Throwable, X> body) throws
        X {
      generator.<X>run(method(), body, Declared.NOTHING);
    }

    /**
     * Returns {@code shadow} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<Throwable> method() {
      Throwable value = this.value;
      return y -> GeneratorNames.shadow(value, y);
    }
  }
}
