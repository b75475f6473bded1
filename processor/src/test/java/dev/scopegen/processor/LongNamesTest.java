package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/**
 * Very long names (the golden files cover {@code $} and letters outside ASCII): the generated code
 * compiles without a warning, and its Javadoc keeps each name whole on one line.
 */
class LongNamesTest {

  /** A class name that still fits the file systems' 255 bytes once "Scopes.java" is appended. */
  private static final String TYPE = "Long" + "Name".repeat(50);

  private static final String METHOD = "method" + "_with_a_long_name".repeat(60);
  private static final String PARAMETER = "parameter" + "WithALongName".repeat(80);
  private static final String VARIABLE = "V" + "ariable".repeat(40);

  @Test
  void classScopesAndGeneratorsWithVeryLongNamesCompileWithoutWarnings() {
    String source =
        String.join(
            "\n",
            "package test;",
            "",
            "import dev.scopegen.Enter;",
            "import dev.scopegen.Exit;",
            "import dev.scopegen.ScopedResource;",
            "import dev.scopegen.runtime.Yield;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "public class " + TYPE + "<" + VARIABLE + "> {",
            "  @Enter public CompletionStage<String> " + METHOD + "() {",
            "    return CompletableFuture.completedFuture(\"\");",
            "  }",
            "  @Exit public void " + METHOD + "_exit(String " + PARAMETER + ") {}",
            "  @ScopedResource public static <" + VARIABLE + "> void " + METHOD + "_generator(",
            "      " + VARIABLE + " " + PARAMETER + ", Yield<" + VARIABLE + "> y) {",
            "    y.yield(" + PARAMETER + ");",
            "  }",
            "}",
            "");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(JavaFileObjects.forSourceString("test." + TYPE, source));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test." + TYPE + "Scope")
        .contentsAsUtf8String()
        .contains("\n * {@code " + METHOD + "()}\n * and exits with\n * {@code " + METHOD + "_exit()}.");
    assertThat(compilation)
        .generatedSourceFile("test." + TYPE + "Scopes")
        .contentsAsUtf8String()
        .contains("public static <" + VARIABLE + "> ");
    assertThat(METHOD.length()).isGreaterThan(1000);
  }
}
