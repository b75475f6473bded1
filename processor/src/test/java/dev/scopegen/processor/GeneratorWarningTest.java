package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.scopegen.processor.ProcessorTesting.RecordingProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warnings about cleanup after a yield that the body's failure skips: each message with its
 * text, file and line, the shapes that warn, the shapes that stay silent, and the suppression key.
 * The sources are in {@code warnings/}; a line that warns is marked {@code // warns (method)}.
 */
class GeneratorWarningTest {

  private static final JavaFileObject UNPROTECTED =
      ProcessorTesting.source("warnings", "Unprotected");

  /**
   * javac's own environment, which the tree API needs, with every lint the build uses. Each test
   * compiles for itself: mutation testing credits a test only with the work done inside it.
   */
  private static Compilation compile(JavaFileObject source) {
    return Compiler.javac()
        .withProcessors(new ScopeProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(source);
  }

  @Test
  void cleanupAfterABlockingYield() {
    Compilation compilation = compile(UNPROTECTED);

    assertThat(compilation)
        .hadWarningContaining(
            "c.close() after the yield of @ScopedResource method plain does not run when the body"
                + " fails; put the yield in try { ... } finally { ... } with the cleanup in the"
                + " finally block, or, if it must run only on success, add"
                + " @SuppressWarnings(\"scopegen-unprotected-cleanup\")")
        .inFile(UNPROTECTED)
        .onLineContaining("// warns (plain)");
  }

  @Test
  void cleanupChainedOnAnAsyncYieldWithAStepThatSkipsFailures() {
    Compilation compilation = compile(UNPROTECTED);

    assertThat(compilation)
        .hadWarningContaining(
            "thenRun(() -> c.close()) on the yield's stage of @ScopedResource method thenRun does"
                + " not run when the body fails; chain the cleanup with andFinally or onFailure of"
                + " YieldStage (or handle or whenComplete), which run after a failure too, or, if"
                + " it must run only on success, add"
                + " @SuppressWarnings(\"scopegen-unprotected-cleanup\")")
        .inFile(UNPROTECTED)
        .onLineContaining("// warns (thenRun)");
  }

  @Test
  void aSkippingStepAfterAYieldComposedIntoTheChainWarns() {
    Compilation compilation = compile(UNPROTECTED);

    // thenCompose(y::yield): the composed stage completes with the yield's outcome.
    assertThat(compilation)
        .hadWarningContaining(
            "thenAcceptAsync(v -> System.out.println(\"done\")) on the yield's stage of"
                + " @ScopedResource method composed does not run when the body fails")
        .inFile(UNPROTECTED)
        .onLineContaining("// warns (composed)");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain | c.close() after the yield",
        "afterTryFinally | c.close() after the yield",
        "afterRethrowingCatch | c.close() after the yield",
        "narrowCatch | c.close() after the yield",
        "branches, then | if (c != null) ... after the yield",
        "branches, else | if (c != null) ... after the yield",
        "inALambda | c.close() after the yield",
        "aReference | c.close() after the yield",
        "inASwitch | c.close() after the yield",
        "arrowCase | c.close() after the yield",
        "returnInALambda | c.close() after the yield",
        "thenRun | thenRun(() -> c.close()) on the yield's stage",
        "afterAndFinally | thenCompose(v -> c.closeAsync()) on the yield's stage",
        "composed | thenAcceptAsync(v -> System.out.println(\"done\")) on the yield's stage",
        "composedLambda | thenApply(v -> open()) on the yield's stage",
        "composedExpression | thenRun(Unprotected::open) on the yield's stage",
        "throughAnotherMethod | thenRunAsync(c::close) on the yield's stage",
        "narrowMultiCatch | c.close() after the yield",
        "quotedInFull | System.out.println(\"sixty characters long, quoted in full!\") after the"
            + " yield",
        "workInABlock | thenAccept(v -> { if (v == null) { c.close(); } }) on the yield's stage",
        "parenthesized | thenRun(c::close) on the yield's stage",
      })
  void everyUnprotectedShapeWarnsOnceWhereItsMarkSays(String mark, String quote) {
    Compilation compilation = compile(UNPROTECTED);
    String method = mark.contains(",") ? mark.substring(0, mark.indexOf(',')) : mark;

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(21);
    assertThat(compilation)
        .hadWarningContaining(quote + " of @ScopedResource method " + method + " does not run")
        .inFile(UNPROTECTED)
        .onLineContaining("// warns (" + mark + ")");
  }

  @Test
  void protectedShapesAndShapesWithoutCleanupAreSilent() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(ProcessorTesting.source("warnings", "Protected"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.ProtectedScopes").isNotNull();
  }

  @Test
  void theKeyOnTheMethodOrAnEnclosingClassSilencesTheWarningAndJavacIgnoresIt() {
    JavaFileObject source = ProcessorTesting.source("warnings", "Suppressed");
    Compilation compilation = compile(source);

    // Only the method whose @SuppressWarnings names another key warns: javac itself accepts the
    // unknown key under -Xlint:all without a warning of its own.
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("commit() after the yield of @ScopedResource method warns")
        .inFile(source)
        .onLineContaining("y.yield(\"other\")");
  }

  @Test
  void withoutTheTreeApiNothingIsWarnedAndTheScopesAreWritten() {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(UNPROTECTED);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    assertThat(processor.written).containsExactly("test.UnprotectedScopes");
  }
}
