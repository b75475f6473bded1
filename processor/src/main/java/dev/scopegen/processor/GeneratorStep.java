package dev.scopegen.processor;

import dev.scopegen.ScopedResource;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates {@code @ScopedResource} methods and writes the {@code <Type>Scopes} classes.
 *
 * <p>Each round ({@link StepRounds}), a type whose generator methods refer to a type that does not
 * exist yet is deferred to the next round. Every other type is validated as a whole ({@link
 * GeneratorValidator}), and its {@code Scopes} class is written ({@link GeneratorWriter}) only when
 * it is clean.
 */
final class GeneratorStep implements StepRounds.Step {

  private final GeneratorValidator validator;
  private final SourceFiles files;

  /**
   * @param env the processing environment
   * @param reporter reports every error of the compilation
   * @param files the files that both steps write
   */
  GeneratorStep(ProcessingEnvironment env, ErrorReporter reporter, SourceFiles files) {
    this.validator = new GeneratorValidator(env, reporter);
    this.files = files;
  }

  @Override
  public List<Class<? extends Annotation>> annotations() {
    return List.of(ScopedResource.class);
  }

  @Override
  public void process(TypeElement type) {
    validator
        .validate(type, generatorMethods(type), files.existingTypes())
        .ifPresent(scopes -> files.write(scopes.name(), type, GeneratorWriter.scopesClass(scopes)));
  }

  /** Describes a type, not generated yet, in the generator methods of {@code type}. */
  @Override
  public Optional<String> missingType(TypeElement type) {
    return missingTypeMirror(type).map(TypeInspector::describe);
  }

  /** The {@code @ScopedResource} methods of {@code type}, in declaration order. */
  private static List<ExecutableElement> generatorMethods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getAnnotation(ScopedResource.class) != null) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static Optional<TypeMirror> missingTypeMirror(TypeElement type) {
    Optional<TypeMirror> bound = DeferredTypes.missingBound(type);
    if (bound.isPresent()) {
      return bound;
    }
    for (ExecutableElement method : generatorMethods(type)) {
      Optional<TypeMirror> missing =
          DeferredTypes.missingBound(method).or(() -> DeferredTypes.missingType(method));
      if (missing.isPresent()) {
        return missing;
      }
    }
    return Optional.empty();
  }
}
