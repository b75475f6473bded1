package dev.scopegen.processor;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The round loop that both steps share.
 *
 * <p>Each round, the step gets the types deferred by the previous round, then the types that
 * declare an element with one of its annotations. A type that refers to a type that does not exist
 * yet is deferred to the next round instead ({@link DeferredTypes}); when processing is over, what
 * is still missing is reported. An unexpected exception while processing one type becomes an error
 * on that type, never a javac crash.
 *
 * <p>Why not auto-common's {@code BasicAnnotationProcessor}: its {@code Step} API is Guava's
 * ({@code ImmutableSetMultimap}), so it would put Guava on every user's processor path, where it
 * clashes with other processors' Guava unless shaded; it decides what waits by validating whole
 * elements, where this loop waits only for the types a scope needs; and what is still missing at
 * the end gets its generic message instead of {@link Messages#MISSING_TYPE}, which names the type.
 */
final class StepRounds {

  /** What a step does with the types of a round. */
  interface Step {

    /**
     * Returns the annotations whose enclosing types the step processes.
     *
     * @return the annotations
     */
    List<Class<? extends Annotation>> annotations();

    /**
     * Describes a type, not generated yet, that {@code type} refers to.
     *
     * @param type a type with one of the step's annotations
     * @return the missing type, or empty when {@code type} is complete
     */
    Optional<String> missingType(TypeElement type);

    /**
     * Validates a complete type and writes its class when it is clean.
     *
     * @param type a type with one of the step's annotations
     */
    void process(TypeElement type);
  }

  private final Elements elements;
  private final ErrorReporter reporter;
  private final DeferredTypes deferred;
  private final Step step;

  /**
   * @param elements the element utilities, to look deferred types up again
   * @param reporter reports missing types and unexpected exceptions
   * @param step the step whose rounds this loop runs
   */
  StepRounds(Elements elements, ErrorReporter reporter, Step step) {
    this.elements = elements;
    this.reporter = reporter;
    this.deferred = new DeferredTypes(elements);
    this.step = step;
  }

  /**
   * Passes every complete type of {@code round} to the step, and defers the others; in the last
   * round, reports the types still missing.
   *
   * @param round the round
   */
  void process(RoundEnvironment round) {
    process(
        round,
        round.processingOver()
            ? Set.of()
            : round.getElementsAnnotatedWithAny(Set.copyOf(step.annotations())));
  }

  /**
   * Like {@link #process(RoundEnvironment)}, with the elements of the round that have one of the
   * step's annotations found already: {@code annotated} holds them, in the order of {@link
   * RoundEnvironment#getElementsAnnotatedWithAny}, and may hold elements with other annotations
   * too. Each search walks every element of the round, so that the processor searches once for
   * the annotations of both steps.
   *
   * @param round the round
   * @param annotated the elements of the round that have one of the step's annotations or others
   */
  void process(RoundEnvironment round, Set<? extends Element> annotated) {
    if (round.processingOver()) {
      reportMissingTypes();
      return;
    }
    Set<TypeElement> types = new LinkedHashSet<>(deferred.takeAll());
    // In the order of one search per annotation, as getElementsAnnotatedWith would give them.
    for (Class<? extends Annotation> annotation : step.annotations()) {
      for (Element element : annotated) {
        if (element.getEnclosingElement() instanceof TypeElement && has(element, annotation)) {
          types.add((TypeElement) element.getEnclosingElement());
        }
      }
    }
    for (TypeElement type : types) {
      try {
        if (step.missingType(type).isPresent()) {
          deferred.defer(type);
        } else {
          step.process(type);
        }
      } catch (RuntimeException e) {
        reporter.internalError(type, e);
      }
    }
  }

  /** Whether {@code element} has {@code annotation}, as a round's search for it sees it. */
  private boolean has(Element element, Class<? extends Annotation> annotation) {
    for (AnnotationMirror mirror : elements.getAllAnnotationMirrors(element)) {
      if (((TypeElement) mirror.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(annotation.getCanonicalName())) {
        return true;
      }
    }
    return false;
  }

  private void reportMissingTypes() {
    for (TypeElement type : deferred.takeAll()) {
      try {
        reporter.error(
            type,
            Messages.MISSING_TYPE,
            type.getQualifiedName(),
            step.missingType(type).orElse("a type"));
      } catch (RuntimeException e) {
        reporter.internalError(type, e);
      }
    }
  }
}
