package test;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ScopeConsumer;
import dev.scopegen.runtime.ScopeFunction;
import dev.scopegen.runtime.internal.BlockingGenerator;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * The scopes of the {@code @ScopedResource} methods of
 * {@link UnicodeNames}: one factory per method, each returning a
 * new single-use scope.
 */
@Generated("dev.scopegen.processor.ScopeProcessor")
public final class UnicodeNamesScopes {
  private UnicodeNamesScopes() {
  }

  /**
   * Returns a new scope over
   * {@link UnicodeNames#資源(Object, dev.scopegen.runtime.Yield)}.
   * Entering it runs the method up to its yield; exiting it resumes the method
   * with the body's outcome.
   *
   * @param <Ω> a type parameter of the scope
   * @param значение passed to {@code 資源}
   * @return a single-use scope, not entered yet
   */
  public static <Ω> 資源Scope<Ω> 資源(Ω значение) {
    return new 資源Scope<>(产出 -> UnicodeNames.資源(значение, 产出));
  }

  /**
   * The scope of
   * {@link UnicodeNames#資源(Object, dev.scopegen.runtime.Yield)}.
   * Single-use: each call of the factory returns a new one.
   */
  public static final class 資源Scope<Ω> implements AsyncScope<Ω> {
    private final BlockingGenerator<Ω> generator;

    private 資源Scope(BlockingGenerator.Method<Ω> method) {
      this.generator = new BlockingGenerator<>("資源", method);
    }

    @Override
    public CompletionStage<Ω> enter() {
      return generator.enter();
    }

    @Override
    public CompletionStage<Boolean> exit(Ω resource, Throwable failure) {
      return generator.exit(resource, failure);
    }

    @Override
    public <R, X extends Throwable> R call(ScopeFunction<? super Ω, ? extends R, X> body) throws X {
      return generator.call(body, failure -> false);
    }

    @Override
    public <X extends Throwable> void run(ScopeConsumer<? super Ω, X> body) throws X {
      generator.run(body, failure -> false);
    }
  }
}
