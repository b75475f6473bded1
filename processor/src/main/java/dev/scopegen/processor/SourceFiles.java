package dev.scopegen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The source files that both steps write, one top-level class each, and the names already taken:
 * the top-level types of the compilation and the classes written so far, so that a step can report
 * a generated name that clashes with one of them.
 */
final class SourceFiles {

  private final Filer filer;
  private final ErrorReporter reporter;
  private final Set<String> existingTypes = new HashSet<>();

  SourceFiles(ProcessingEnvironment env, ErrorReporter reporter) {
    this.filer = env.getFiler();
    this.reporter = reporter;
  }

  /**
   * Records the top-level types of {@code round} as existing.
   *
   * @param round a round
   */
  void addRootTypes(RoundEnvironment round) {
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      existingTypes.add(type.getQualifiedName().toString());
    }
  }

  /**
   * Returns the qualified names of the types that exist or were written so far.
   *
   * @return a read-only view of the names
   */
  Set<String> existingTypes() {
    return Collections.unmodifiableSet(existingTypes);
  }

  /**
   * Writes {@code type} to a source file in the package of {@code name}, or reports on {@code
   * origin} why it cannot.
   *
   * @param name the name of the class
   * @param origin the annotated type the class is generated for
   * @param type the class
   */
  void write(ClassName name, TypeElement origin, TypeSpec type) {
    existingTypes.add(name.canonicalName());
    try {
      JavaFile.builder(name.packageName(), type).skipJavaLangImports(true).build().writeTo(filer);
    } catch (IOException e) {
      reporter.error(origin, Messages.WRITE_FAILED, name.simpleName(), e.getMessage());
    }
  }
}
