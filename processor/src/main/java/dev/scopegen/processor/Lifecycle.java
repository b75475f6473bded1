package dev.scopegen.processor;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.lang.annotation.Annotation;

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

  /** The annotation's canonical name, to find it among an element's annotation mirrors. */
  String canonicalName() {
    return annotation.getCanonicalName();
  }

  /** The annotation's simple name, as messages quote it after an {@code @}. */
  String simpleName() {
    return annotation.getSimpleName();
  }
}
