package dev.scopegen.processor;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** The four lifecycle annotations of a resource class, in the order the scope calls them. */
enum Lifecycle {
  ENTER(Enter.class),
  COMMIT(Commit.class),
  ROLLBACK(Rollback.class),
  EXIT(Exit.class);

  private final Class<? extends Annotation> annotation;

  Lifecycle(Class<? extends Annotation> annotation) {
    this.annotation = annotation;
  }

  /** The annotation type, for {@link javax.annotation.processing.RoundEnvironment} queries. */
  Class<? extends Annotation> annotation() {
    return annotation;
  }

  /** The annotation's simple name, as messages quote it after an {@code @}. */
  String simpleName() {
    return annotation.getSimpleName();
  }

  /**
   * Returns this annotation on {@code element}, or {@code null}. Reads the annotation mirrors
   * rather than {@link Element#getAnnotation}, whose proxy fails on a class literal that does not
   * resolve.
   */
  AnnotationMirror on(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }

  /** Whether {@code element} has any lifecycle annotation. */
  static boolean isOn(Element element) {
    return Arrays.stream(values()).anyMatch(lifecycle -> lifecycle.on(element) != null);
  }
}
