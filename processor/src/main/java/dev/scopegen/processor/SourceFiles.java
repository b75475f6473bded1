package dev.scopegen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;

/**
 * The source files that both steps write, one top-level class each, and the names already taken:
 * the top-level types of the compilation and the classes written so far, so that a step can report
 * a generated name that clashes with one of them.
 */
final class SourceFiles {

  private final Filer filer;
  private final ErrorReporter reporter;
  private final Set<String> existingTypes = new HashSet<>();
  private final Set<String> writtenTypes = new HashSet<>();

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
   * Returns the qualified names of the classes written so far, which the next rounds see as root
   * types.
   *
   * @return a read-only view of the names
   */
  Set<String> writtenTypes() {
    return Collections.unmodifiableSet(writtenTypes);
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
    writtenTypes.add(name.canonicalName());
    // Rendered whole, then written at once: JavaPoet appends a few characters at a time, and the
    // Filer's writer would encode each of them on its own.
    String source =
        JavaFile.builder(name.packageName(), type).skipJavaLangImports(true).build().toString();
    try {
      JavaFileObject file =
          filer.createSourceFile(
              name.canonicalName(), type.originatingElements().toArray(new Element[0]));
      try (Writer writer = file.openWriter()) {
        writer.write(source);
      } catch (IOException | RuntimeException e) {
        file.delete();
        throw e;
      }
    } catch (IOException e) {
      reporter.error(origin, Messages.WRITE_FAILED, name.simpleName(), e.getMessage());
    }
  }
}
