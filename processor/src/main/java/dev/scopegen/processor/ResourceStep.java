package dev.scopegen.processor;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates classes with {@code @Enter}/{@code @Exit}/{@code @Commit}/{@code @Rollback} methods and
 * writes their scopes.
 *
 * <p>Each round, the step collects the classes that declare a lifecycle method, plus the ones
 * deferred by the previous round. A class whose lifecycle methods refer to a type that does not
 * exist yet is deferred to the next round; when processing is over, what is still missing is
 * reported. Every other class is validated as a whole, and its scope is written only when it is
 * clean. An unexpected exception while processing one class becomes an error on that class, never
 * a javac crash.
 */
final class ResourceStep {

  private final ErrorReporter reporter;
  private final DeferredTypes deferred;
  private final ResourceValidator validator;
  private final ResourceWriter writer;
  private final LocalClassScanner localClasses;
  /**
   * The qualified names of the top-level types of the compilation and of the scopes written so far,
   * to detect name clashes.
   */
  private final Set<String> existingTypes = new HashSet<>();

  ResourceStep(ProcessingEnvironment env) {
    this.reporter = new ErrorReporter(env.getMessager());
    this.deferred = new DeferredTypes(env.getElementUtils());
    this.validator = new ResourceValidator(env, reporter);
    this.writer = new ResourceWriter(env.getFiler());
    this.localClasses = LocalClassScanner.create(env, reporter);
  }

  /**
   * Processes one round: the classes with lifecycle methods among its root elements and the ones
   * deferred by the previous round; in the last round, reports the types still missing.
   *
   * @param round the round
   */
  void process(RoundEnvironment round) {
    if (round.processingOver()) {
      reportMissingTypes();
      return;
    }
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      existingTypes.add(type.getQualifiedName().toString());
    }
    localClasses.report(round.getRootElements());
    Set<TypeElement> types = new LinkedHashSet<>(deferred.takeAll());
    for (Lifecycle lifecycle : Lifecycle.values()) {
      for (Element element : round.getElementsAnnotatedWith(lifecycle.annotation())) {
        if (element.getEnclosingElement() instanceof TypeElement) {
          types.add((TypeElement) element.getEnclosingElement());
        }
      }
    }
    types.forEach(this::process);
  }

  private void process(TypeElement type) {
    try {
      if (missingType(type).isPresent()) {
        deferred.defer(type);
        return;
      }
      validator.validate(type, existingTypes).ifPresent(this::write);
    } catch (RuntimeException e) {
      reporter.internalError(type, e);
    }
  }

  private void write(ResourceClass resource) {
    existingTypes.add(resource.scopeName().canonicalName());
    try {
      writer.write(resource);
    } catch (IOException e) {
      reporter.error(
          resource.element(),
          Messages.WRITE_FAILED,
          resource.scopeName().simpleName(),
          e.getMessage());
    }
  }

  private void reportMissingTypes() {
    for (TypeElement type : deferred.takeAll()) {
      reporter.error(
          type,
          Messages.MISSING_TYPE,
          type.getQualifiedName(),
          missingType(type).orElse("a type"));
    }
  }

  /**
   * Describes a type that does not exist yet and that the lifecycle methods of {@code type} or the
   * bounds of its type variables refer to.
   */
  private static Optional<String> missingType(TypeElement type) {
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        if (DeferredTypes.isMissing(bound)) {
          return Optional.of(ResourceValidator.describe(bound));
        }
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!Lifecycle.isOn(method)) {
        continue;
      }
      Optional<String> missing =
          DeferredTypes.missingType(method)
              .map(ResourceValidator::describe)
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
