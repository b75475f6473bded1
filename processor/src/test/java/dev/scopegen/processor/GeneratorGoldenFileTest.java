package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files for {@code @ScopedResource}: each {@code good/GeneratorX.java} must generate exactly
 * {@code expected/GeneratorXScopes.java}, and the generated code must compile without a warning
 * under {@code -Xlint:all}.
 *
 * <p>{@link GoldenFiles} says how to update the expected files.
 */
class GeneratorGoldenFileTest {

  /** Every good source; {@code GeneratorScope} is a class named like a generated scope type. */
  private static final List<String> SOURCES =
      List.of(
          "GeneratorTransactions",
          "GeneratorPool",
          "GeneratorNames",
          "GeneratorScope",
          "DollarNames",
          "UnicodeNames",
          "Throwing");

  @ParameterizedTest(name = "{0} generates {1}")
  @CsvSource({
    "GeneratorTransactions, GeneratorTransactionsScopes",
    "GeneratorPool, GeneratorPoolScopes",
    "GeneratorNames, GeneratorNamesScopes",
    "GeneratorNames, GeneratorNames_InnerScopes",
    "GeneratorNames, GeneratorNames_SourceScopes",
    "DollarNames, DollarNamesScopes",
    "UnicodeNames, UnicodeNamesScopes",
    "Throwing, ThrowingScopes",
  })
  void generatesTheExpectedScopes(String source, String scopes) throws IOException {
    Compilation compilation =
        compile(
            JavaFileObjects.forResource("good/" + source + ".java"),
            JavaFileObjects.forResource("good/GeneratorScope.java"));

    assertThat(compilation).succeededWithoutWarnings();
    GoldenFiles.assertGeneratedAsExpected(compilation, scopes);
  }

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAll() {
    // "processing" warns that the processor leaves the annotations unclaimed, which is deliberate
    // (other processors may want them); every other lint is an error.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(
                SOURCES.stream()
                    .map(source -> JavaFileObjects.forResource("good/" + source + ".java"))
                    .toArray(JavaFileObject[]::new));

    assertThat(compilation).succeededWithoutWarnings();
    // DollarNames, UnicodeNames and Throwing also have resource scopes: five more files.
    assertThat(compilation.generatedSourceFiles()).hasSize(13);
  }

  @Test
  void aPublicTypeGetsPublicFactoriesForItsPublicMethodsOnly() {
    Compilation compilation =
        compile(JavaFileObjects.forResource("good/GeneratorTransactions.java"));

    assertThat(compilation)
        .generatedSourceFile("test.GeneratorTransactionsScopes")
        .contentsAsUtf8String()
        .contains("public final class GeneratorTransactionsScopes");
    assertThat(compilation)
        .generatedSourceFile("test.GeneratorTransactionsScopes")
        .contentsAsUtf8String()
        .contains("\n  static SavepointScope savepoint(");
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ScopeProcessor()).compile(sources);
  }
}
