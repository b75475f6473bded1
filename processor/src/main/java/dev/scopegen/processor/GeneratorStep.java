package dev.scopegen.processor;

import dev.scopegen.ScopedResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
 * Validates {@code @ScopedResource} methods and writes the {@code <Type>Scopes} classes.
 *
 * <p>Each round, the step collects the types that declare a {@code @ScopedResource} method, plus
 * the ones deferred by the previous round. A type whose generator methods refer to a type that does
 * not exist yet is deferred to the next round; when processing is over, what is still missing is
 * reported. Every other type is validated as a whole ({@link GeneratorValidator}), and its {@code
 * Scopes} class is written ({@link GeneratorWriter}) only when it is clean. An unexpected exception
 * while processing one type becomes an error on that type, never a javac crash.
 */
final class GeneratorStep {

  private final ErrorReporter reporter;
  private final DeferredTypes deferred;
  private final GeneratorValidator validator;
  private final GeneratorWriter writer;

  /**
   * The qualified names of the top-level types of the compilation and of the classes written so
   * far, to detect name clashes.
   */
  private final Set<String> existingTypes = new HashSet<>();

  GeneratorStep(ProcessingEnvironment env) {
    this.reporter = new ErrorReporter(env.getMessager());
    this.deferred = new DeferredTypes(env.getElementUtils());
    this.validator = new GeneratorValidator(env, reporter);
    this.writer = new GeneratorWriter(env.getFiler());
  }

  void process(RoundEnvironment round) {
    if (round.processingOver()) {
      reportMissingTypes();
      return;
    }
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      existingTypes.add(type.getQualifiedName().toString());
    }
    Set<TypeElement> types = new LinkedHashSet<>(deferred.takeAll());
    for (Element element : round.getElementsAnnotatedWith(ScopedResource.class)) {
      if (element.getEnclosingElement() instanceof TypeElement) {
        types.add((TypeElement) element.getEnclosingElement());
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
      validator.validate(type, generatorMethods(type), existingTypes).ifPresent(this::write);
    } catch (RuntimeException e) {
      reporter.internalError(type, e);
    }
  }

  private void write(GeneratorScopes scopes) {
    existingTypes.add(scopes.name().canonicalName());
    try {
      writer.write(scopes);
    } catch (IOException e) {
      reporter.error(
          scopes.element(), Messages.WRITE_FAILED, scopes.name().simpleName(), e.getMessage());
    }
  }

  private void reportMissingTypes() {
    for (TypeElement type : deferred.takeAll()) {
      reporter.error(
          type,
          Messages.MISSING_TYPE,
          type.getQualifiedName(),
          missingType(type).map(ResourceValidator::describe).orElse("a missing type"));
    }
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

  /** Finds a type that does not exist in the generator methods of {@code type} or its bounds. */
  private static Optional<TypeMirror> missingType(TypeElement type) {
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        if (DeferredTypes.isMissing(bound)) {
          return Optional.of(bound);
        }
      }
    }
    for (ExecutableElement method : generatorMethods(type)) {
      for (TypeParameterElement parameter : method.getTypeParameters()) {
        for (TypeMirror bound : parameter.getBounds()) {
          if (DeferredTypes.isMissing(bound)) {
            return Optional.of(bound);
          }
        }
      }
      Optional<TypeMirror> missing = DeferredTypes.missingType(method);
      if (missing.isPresent()) {
        return missing;
      }
    }
    return Optional.empty();
  }
}
