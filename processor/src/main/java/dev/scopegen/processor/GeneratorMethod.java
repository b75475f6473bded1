package dev.scopegen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * One valid {@code @ScopedResource} method, as its generated factory and scope type need it.
 *
 * @param element the method, for errors and originating elements
 * @param kind blocking or asynchronous
 * @param name the method's name: the factory's name too
 * @param scopeName the simple name of the generated scope type, nested in the {@code Scopes} class
 * @param isPublic whether the factory and scope type are public
 * @param isDeprecated whether the method is deprecated, and so are the factory and scope type
 * @param typeVariables the scope type's type variables: the class's (for an instance method), then
 *     the method's
 * @param receiver the factory's first parameter, the object to call an instance method on; empty
 *     for a static method
 * @param parameters the factory's other parameters: the method's, minus the yield, under names that
 *     do not obscure the types the generated code names
 * @param yieldName the lambda parameter that stands for the yield: the method's own name for it
 * @param resourceType the type the method yields
 * @param exceptions the checked exceptions the method declares, as {@code call} and {@code run}
 *     declare them
 * @param owner the class that declares the method, to call a static method on
 * @param signature the erasures of the method's parameter types, for Javadoc links
 */
record GeneratorMethod(
    ExecutableElement element,
    Kind kind,
    String name,
    String scopeName,
    boolean isPublic,
    boolean isDeprecated,
    List<TypeVariableName> typeVariables,
    Optional<ParameterSpec> receiver,
    List<ParameterSpec> parameters,
    String yieldName,
    TypeName resourceType,
    CheckedExceptions exceptions,
    ClassName owner,
    List<TypeName> signature) {

  /** The two kinds of generator methods, told apart by their yield parameter. */
  enum Kind {
    /** Takes a {@code Yield} and returns {@code void}. */
    BLOCKING(ClassNames.YIELD, ClassNames.BLOCKING_GENERATOR),
    /** Takes an {@code AsyncYield} and returns a {@code CompletionStage}. */
    ASYNC(ClassNames.ASYNC_YIELD, ClassNames.ASYNC_GENERATOR);

    private final ClassName yieldType;
    private final ClassName engine;

    Kind(ClassName yieldType, ClassName engine) {
      this.yieldType = yieldType;
      this.engine = engine;
    }

    /** The yield parameter's type: {@code Yield} or {@code AsyncYield}. */
    ClassName yieldType() {
      return yieldType;
    }

    /** The runtime class that the generated scope delegates to. */
    ClassName engine() {
      return engine;
    }

    /** The method's functional interface in {@link #engine}. */
    ClassName method() {
      return engine.nestedClass("Method");
    }
  }
}
