package dev.scopegen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.TypeElement;

/**
 * A validated resource class: everything the {@link ResourceWriter} needs to write its scope.
 *
 * @param element the annotated class, the originating element of the scope
 * @param scopeName the name of the scope class to write
 * @param isPublic whether the scope is public (the class and its enclosing types are visible
 *     outside their package)
 * @param seesGenerated whether the scope's module can see {@code @Generated}, so the scope carries
 *     it
 * @param typeVariables the class's type variables, with their bounds
 * @param targetType the class as the scope refers to it, with its type variables
 * @param resourceType the type of the resource, boxed if {@code @Enter} returns a primitive
 * @param enter the {@code @Enter} method
 * @param commit the {@code @Commit} method, if any
 * @param rollback the {@code @Rollback} method, if any
 * @param exit the {@code @Exit} method, if any
 * @param noRollbackFor the failure types that commit instead of rolling back, without subsumed types
 * @param exceptions the checked exceptions of all lifecycle methods, in the order the methods run,
 *     as {@code call} and {@code run} declare them
 */
record ResourceClass(
    TypeElement element,
    ClassName scopeName,
    boolean isPublic,
    boolean seesGenerated,
    List<TypeVariableName> typeVariables,
    TypeName targetType,
    TypeName resourceType,
    LifecycleMethod enter,
    Optional<LifecycleMethod> commit,
    Optional<LifecycleMethod> rollback,
    Optional<LifecycleMethod> exit,
    List<TypeName> noRollbackFor,
    CheckedExceptions exceptions) {

  /** Whether every lifecycle method is synchronous, so that the blocking methods can be inline. */
  boolean isSynchronous() {
    return Stream.of(Optional.of(enter), commit, rollback, exit)
        .flatMap(Optional::stream)
        .noneMatch(LifecycleMethod::async);
  }

  /**
   * Whether {@code call} and {@code run} are inline code: no lifecycle method declares anything that
   * they cannot declare. Asynchronous methods are awaited one after the other.
   */
  boolean isInline() {
    return !exceptions.beyondException();
  }

  /**
   * Whether the scope has the private helpers of the inline code ({@code abort} and the like): its
   * {@code call} and {@code run} are inline, or it implements {@code SynchronousScope}, whose
   * {@code exitNow} calls them.
   */
  boolean hasInlineHelpers() {
    return isSynchronous() || isInline();
  }

  /**
   * Whether a checked failure of a lifecycle method can reach {@code call} and {@code run}
   * undeclared, to be wrapped in a {@code CompletionException}: an asynchronous method's stage may
   * fail with anything, and a checked {@code Throwable} that is no {@code Exception} cannot be
   * declared.
   */
  boolean wrapsUndeclared() {
    return !isSynchronous() || exceptions.beyondException();
  }

  /** Whether {@code @Exit} can suppress a failure. */
  boolean canSuppress() {
    return exit.map(LifecycleMethod::valued).orElse(false);
  }
}
