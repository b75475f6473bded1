package dev.scopegen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scopegen.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.scopegen.processor.ProcessorTesting.WritesSources;
import java.util.Map;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A resource class or a generator method that refers to types another processor generates is
 * deferred to the next round instead of being reported, and gets its scope once the types exist,
 * whichever processor runs first.
 */
class DeferralTest {

  /** The types that the deferred sources refer to, which another processor writes in round one. */
  private static final Map<String, String> LATER_TYPES =
      Map.of(
          "test.Later", "package test;\n\npublic class Later {}\n",
          "test.LaterBound", "package test;\n\npublic interface LaterBound {}\n",
          "test.LaterFailure",
          "package test;\n\npublic class LaterFailure extends RuntimeException {\n"
              + "  private static final long serialVersionUID = 1L;\n}\n");

  @ParameterizedTest(name = "{0}, ScopeGen first: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Deferred          | test.DeferredScope           \
          | final class DeferredScope<B extends LaterBound> implements SynchronousScope<Later> | true
          Deferred          | test.DeferredScope           \
          | final class DeferredScope<B extends LaterBound> implements SynchronousScope<Later> | false
          DeferredGenerator | test.DeferredGeneratorScopes | static OpenScope open(LaterBound bound) | true
          DeferredGenerator | test.DeferredGeneratorScopes | static OpenScope open(LaterBound bound) | false
          """)
  void codeReferringToTypesGeneratedLaterGetsItsScope(
      String source, String scope, String declaration, boolean scopeGenFirst) {
    Processor scopeGen = new ScopeProcessor();
    Processor later = new WritesSources(LATER_TYPES);

    Compilation compilation =
        Compiler.javac()
            .withProcessors(scopeGenFirst ? scopeGen : later, scopeGenFirst ? later : scopeGen)
            .compile(source("deferred", source));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile(scope).contentsAsUtf8String().contains(declaration);
  }

  @Test
  void typesGeneratedLaterReachTheGeneratedRollbackCheck() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor(), new WritesSources(LATER_TYPES))
            .compile(source("deferred", "Deferred"), source("deferred", "DeferredFailure"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.DeferredScope")
        .contentsAsUtf8String()
        .contains("return !(failure instanceof LaterFailure);");
    assertThat(compilation)
        .generatedSourceFile("test.DeferredFailureScope")
        .contentsAsUtf8String()
        .contains("return !(failure instanceof LaterFailure);");
  }
}
