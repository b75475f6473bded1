package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.GENERATED;
import static dev.scopegen.processor.ClassNames.PROCESSOR;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.AnnotationSpec;
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
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The source files a step writes, one top-level class each, and the names already taken: the
 * top-level types of the compilation and the classes written so far, so that the step can report
 * a generated name that clashes with one of them.
 */
final class SourceFiles {

  private final Filer filer;
  private final Elements elements;
  private final ErrorReporter reporter;
  private final Set<String> existingTypes = new HashSet<>();

  SourceFiles(ProcessingEnvironment env, ErrorReporter reporter) {
    this.filer = env.getFiler();
    this.elements = env.getElementUtils();
    this.reporter = reporter;
  }

  /**
   * Starts a generated top-level class: final, public if asked, with {@code origin} as its
   * originating element, and annotated {@code @Generated} where the class can see that annotation.
   *
   * @param name the class
   * @param origin the annotated type it is generated for
   * @param isPublic whether the class is public
   * @return a builder for the rest of the class
   */
  TypeSpec.Builder classBuilder(ClassName name, TypeElement origin, boolean isPublic) {
    TypeSpec.Builder type = TypeSpec.classBuilder(name).addOriginatingElement(origin);
    if (seesGenerated(origin)) {
      type.addAnnotation(
          AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
    type.addModifiers(FINAL);
    if (isPublic) {
      type.addModifiers(PUBLIC);
    }
    return type;
  }

  /**
   * Whether code in the module of {@code origin} can refer to {@code @Generated}. It lives in
   * module {@code java.compiler}, which the unnamed module reads whenever the compilation has it,
   * but which a named module reads only when it requires it: annotating a class of a module that
   * does not would make it fail to compile. javac resolves a name looked up in a module as code of
   * that module would, so an annotation it cannot read is not found.
   */
  private boolean seesGenerated(TypeElement origin) {
    String generated = GENERATED.canonicalName();
    ModuleElement module = elements.getModuleOf(origin);
    if (module == null || module.isUnnamed()) {
      return elements.getTypeElement(generated) != null;
    }
    return elements.getTypeElement(module, generated) != null;
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
