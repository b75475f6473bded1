package dev.scopegen.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * One validated lifecycle method of a resource class: how the scope calls it and what it returns.
 *
 * @param name the method's name
 * @param arguments what the scope passes, in order
 * @param async whether it returns a {@link java.util.concurrent.CompletionStage}
 * @param valued for {@code @Enter}, whether it returns the resource (otherwise the object itself is
 *     the resource); for {@code @Exit}, whether it returns whether to suppress the failure ({@code
 *     boolean} or {@code CompletionStage<Boolean>}); {@code false} otherwise
 * @param exceptions the checked exceptions it declares, without duplicates or subsumed types
 * @param nullNeedsCast whether another method of the class has the same name and number of
 *     parameters, so that a {@code null} failure argument needs a cast to pick this one
 */
record LifecycleMethod(
    String name,
    List<Argument> arguments,
    boolean async,
    boolean valued,
    List<TypeName> exceptions,
    boolean nullNeedsCast) {

  /** What the scope passes for one parameter. */
  enum Argument {
    /** The resource {@code @Enter} produced. */
    RESOURCE,
    /** The failure in flight, or {@code null} after success. */
    FAILURE
  }
}
