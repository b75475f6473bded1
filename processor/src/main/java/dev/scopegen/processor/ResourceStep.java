package dev.scopegen.processor;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates classes with {@code @Enter}/{@code @Exit}/{@code @Commit}/{@code @Rollback} methods and
 * writes their scopes.
 *
 * <p>Each round ({@link StepRounds}), a class whose lifecycle methods refer to a type that does not
 * exist yet is deferred to the next round. Every other class is validated as a whole ({@link
 * ResourceValidator}), and its scope is written ({@link ResourceWriter}) only when it is clean.
 */
final class ResourceStep implements StepRounds.Step {

  private final ResourceValidator validator;
  private final SourceFiles files;

  /**
   * @param env the processing environment
   * @param reporter reports every error of the compilation
   * @param files the files that both steps write
   */
  ResourceStep(ProcessingEnvironment env, ErrorReporter reporter, SourceFiles files) {
    this.validator = new ResourceValidator(env, reporter);
    this.files = files;
  }

  @Override
  public List<Class<? extends Annotation>> annotations() {
    return Arrays.stream(Lifecycle.values()).map(Lifecycle::annotation).toList();
  }

  @Override
  public void process(TypeElement type) {
    validator
        .validate(type, files.existingTypes())
        .ifPresent(
            resource ->
                files.write(resource.scopeName(), type, ResourceWriter.scope(resource)));
  }

  /**
   * Describes a type that does not exist yet and that the lifecycle methods of {@code type} or the
   * bounds of its type variables refer to.
   */
  @Override
  public Optional<String> missingType(TypeElement type) {
    Optional<TypeMirror> bound = DeferredTypes.missingBound(type);
    if (bound.isPresent()) {
      return bound.map(TypeInspector::describe);
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!Lifecycle.isOn(method)) {
        continue;
      }
      Optional<String> missing =
          DeferredTypes.missingType(method)
              .map(TypeInspector::describe)
              .or(
                  () ->
                      DeferredTypes.missingClassValue(method)
                          .map(where -> "a class named in " + where));
      if (missing.isPresent()) {
        return missing;
      }
    }
    return Optional.empty();
  }
}
