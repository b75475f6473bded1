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
 * Golden files: each {@code good/X.java} must generate exactly {@code expected/XScope.java}, and
 * the generated code must compile without a warning under {@code -Xlint:all}.
 *
 * <p>{@link GoldenFiles} says how to update the expected files.
 */
class ResourceGoldenFileTest {

  @ParameterizedTest(name = "{0} generates {1}")
  @CsvSource({
    "Database, DatabaseScope",
    "Ledger, LedgerScope",
    "ConnectionPool, ConnectionPoolScope",
    "Outer, Outer_SessionScope",
    "Batch, BatchScope",
    "Journal, JournalScope",
    "DollarNames, DollarNamesScope",
    "DollarNames, DollarNames_Kotlinish$CompanionScope",
    "UnicodeNames, UnicodeNamesScope",
    "Throwing, ThrowingScope",
    "Throwing, Throwing_AnythingScope",
    "Tenancy, TenancyScope",
    "Tenancy, Tenancy_ForgivingScope",
  })
  void generatesTheExpectedScope(String source, String scope) throws IOException {
    Compilation compilation = compile(JavaFileObjects.forResource("good/" + source + ".java"));

    assertThat(compilation).succeededWithoutWarnings();
    GoldenFiles.assertGeneratedAsExpected(compilation, scope);
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
                List.of(
                    JavaFileObjects.forResource("good/Database.java"),
                    JavaFileObjects.forResource("good/Ledger.java"),
                    JavaFileObjects.forResource("good/ConnectionPool.java"),
                    JavaFileObjects.forResource("good/Outer.java"),
                    JavaFileObjects.forResource("good/Batch.java"),
                    JavaFileObjects.forResource("good/Journal.java"),
                    JavaFileObjects.forResource("good/Kinds.java"),
                    JavaFileObjects.forResource("good/DollarNames.java"),
                    JavaFileObjects.forResource("good/UnicodeNames.java"),
                    JavaFileObjects.forResource("good/Throwing.java"),
                    JavaFileObjects.forResource("good/Tenancy.java")));

    assertThat(compilation).succeededWithoutWarnings();
    // DollarNames, UnicodeNames and Throwing also have generators: three Scopes classes besides
    // their 5 scopes.
    assertThat(compilation.generatedSourceFiles()).hasSize(20);
  }

  @Test
  void interfacesEnumsRecordsAndAbstractClassesGetScopes() {
    Compilation compilation = compile(JavaFileObjects.forResource("good/Kinds.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Kinds_GateScope").isNotNull();
    assertThat(compilation).generatedSourceFile("test.Kinds_SwitchScope").isNotNull();
    assertThat(compilation).generatedSourceFile("test.Kinds_LeaseScope").isNotNull();
    assertThat(compilation)
        .generatedSourceFile("test.Kinds_HandleScope")
        .contentsAsUtf8String()
        .contains(
            "final class Kinds_HandleScope<T extends Comparable<? super T>> extends"
                + " HookedScope<T>");
  }

  @Test
  void aPublicClassGetsAPublicScopeAndAPackagePrivateOneAPackagePrivateScope() {
    Compilation compilation =
        compile(
            JavaFileObjects.forResource("good/Database.java"),
            JavaFileObjects.forResource("good/Batch.java"));

    assertThat(compilation)
        .generatedSourceFile("test.DatabaseScope")
        .contentsAsUtf8String()
        .contains("public final class DatabaseScope");
    assertThat(compilation)
        .generatedSourceFile("test.BatchScope")
        .contentsAsUtf8String()
        .contains("\nfinal class BatchScope");
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ScopeProcessor()).compile(sources);
  }
}
