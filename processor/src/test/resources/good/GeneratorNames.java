package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletionStage;

/** Names that the generated code must not collide with. */
final class GeneratorNames {

  /** Parameters and type variables named like the generated code's own names. */
  @ScopedResource
  static <R, X extends Exception> void generator(
      R generator,
      X method,
      String body,
      String resource,
      Throwable failure,
      GeneratorScope GeneratorNames,
      String test,
      Yield<R> y)
      throws X {
    y.yield(generator);
  }

  /** The receiver's name is taken twice. */
  @ScopedResource
  void receiver(String generatorNames, Yield<String> generatorNames2) {
    generatorNames2.yield(generatorNames);
  }

  /** A type variable named like a class that the generated code uses. */
  @ScopedResource
  static <Throwable> void shadow(Throwable value, Yield<Throwable> y) {
    y.yield(value);
  }

  static final class Inner {
    @ScopedResource
    CompletionStage<Void> nested(AsyncYield<Inner> y) {
      return y.yield(this);
    }
  }

  /** An abstract method of an interface, called on the receiver. */
  interface Source {
    @ScopedResource
    CompletionStage<Void> open(AsyncYield<String> y);
  }
}
