package dev.scopegen.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture, as rules that fail the build. They run here because this module's test
 * classpath holds the main classes of every module: annotations ({@code dev.scopegen}), runtime,
 * processor, JavaPoet and the examples. Test classes are left out. Rules name classes by package
 * and name pattern, so they also hold for classes added later; a rule whose classes match nothing
 * fails (ArchUnit's default), so a renaming cannot make one pass by matching nothing.
 */
@AnalyzeClasses(packages = "dev.scopegen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ANNOTATIONS = "dev.scopegen";
  private static final String RUNTIME = "dev.scopegen.runtime..";
  private static final String PROCESSOR = "dev.scopegen.processor..";
  private static final String EXAMPLES = "dev.scopegen.examples..";

  /**
   * Processor classes that write code: the writers (ResourceWriter, ResourceExitWriter,
   * ResourceInlineWriter, GeneratorWriter), the signatures they write from, and their support.
   */
  private static final String WRITERS =
      ".*\\.(\\w*Writer|\\w*WriterSupport|\\w*Signatures)(\\$.*)?";

  @ArchTest
  static final ArchRule runtimeNeverDependsOnTheProcessorOrJavaPoet =
      noClasses()
          .that()
          .resideInAPackage(RUNTIME)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(PROCESSOR, "com.palantir.javapoet..", "com.squareup.javapoet..")
          .because("generated code needs only the runtime at run time");

  @ArchTest
  static final ArchRule runtimeDependsOnNothingButTheJdk =
      classes()
          .that()
          .resideInAPackage(RUNTIME)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "jdk.jfr..", RUNTIME)
          .because("the runtime is JDK-only: a user's application gets no other dependency");

  @ArchTest
  static final ArchRule annotationsDependOnNothingButTheJdk =
      classes()
          .that()
          .resideInAPackage(ANNOTATIONS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", ANNOTATIONS)
          .because("the annotations are a compile-only dependency of every user");

  @ArchTest
  static final ArchRule noMainClassDependsOnAnExample =
      noClasses()
          .that()
          .resideInAnyPackage(ANNOTATIONS, RUNTIME, PROCESSOR)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(EXAMPLES)
          .because("the examples use the library, never the other way round");

  @ArchTest
  static final ArchRule writersNeverDependOnValidatorsOrSteps =
      noClasses()
          .that()
          .resideInAPackage(PROCESSOR)
          .and()
          .haveNameMatching(WRITERS)
          .should()
          .dependOnClassesThat()
          .haveNameMatching(".*(Validator|Step)(\\$.*)?")
          .because("data flows one way: steps, validation, model, then writers");
}
