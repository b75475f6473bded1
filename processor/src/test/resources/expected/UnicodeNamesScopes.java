package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.BlockingGenerator;
import dev.scopegen.runtime.internal.Declared;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of {@link UnicodeNames}: one factory per
 * method, each returning a new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class UnicodeNamesScopes {
  private UnicodeNamesScopes() {
  }

  /**
   * Returns a new scope over
   * {@link UnicodeNames#資源(Object, dev.scopegen.runtime.Yield)}. Entering it
   * runs the method up to its yield; exiting it resumes the method with the body's outcome.
   *
   * @param <Ω> a type parameter of the scope
   * @param значение passed to {@code 資源}
   * @return a single-use scope, not entered yet
   */
  public static <Ω> 資源Scope<Ω> 資源(Ω значение) {
    return new 資源Scope<>(значение);
  }

  /**
   * The scope of {@link UnicodeNames#資源(Object, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class 資源Scope<Ω> implements AsyncScope<Ω> {
    private final Ω значение;

    private final BlockingGenerator<Ω> generator;

    private 資源Scope(Ω значение) {
      this.значение = значение;
      this.generator = new BlockingGenerator<>("資源", 資源Scope.class);
    }

    /**
     * Enters the scope: runs {@code 資源} up to its yield.
     */
    @Override
    public CompletionStage<Ω> enter() {
      return generator.enter(method());
    }

    /**
     * Exits the scope: resumes {@code 資源} with the body's outcome.
     */
    @Override
    public CompletionStage<Boolean> exit(Ω resource, Throwable failure) {
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
    public <R, X extends Throwable> R call(ScopeFunction<? super Ω, ? extends R, X> body) throws X {
      return generator.<R, X>call(method(), body, Declared.NOTHING);
    }

    /**
     * Enters the scope, runs {@code body} with the resource and exits, on the calling thread.
     *
     * @param body the body
     * @throws X the body's failure, unchanged
     */
    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super Ω, X> body) throws X {
      generator.<X>run(method(), body, Declared.NOTHING);
    }

    /**
     * Returns {@code 資源} with this scope's arguments bound, a new one for each use.
     */
    private BlockingGenerator.Method<Ω> method() {
      Ω значение = this.значение;
      return 产出 -> UnicodeNames.資源(значение, 产出);
    }
  }
}
