package dev.scopegen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scopegen.processor.ProcessorTesting.WritesSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resource class that refers to types another processor generates is deferred to the next
 * round instead of being reported, and gets its scope once the types exist.
 */
class ResourceDeferralTest {

  /** The types that Deferred.java refers to, which another processor writes in the first round. */
  private static final Map<String, String> LATER_TYPES =
      Map.of(
          "test.Later", "package test;\n\npublic class Later {}\n",
          "test.LaterBound", "package test;\n\npublic interface LaterBound {}\n",
          "test.LaterFailure",
          "package test;\n\npublic class LaterFailure extends RuntimeException {\n"
              + "  private static final long serialVersionUID = 1L;\n}\n");

  @Test
  void classReferringToTypesGeneratedLaterGetsItsScope() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor(), new WritesSources(LATER_TYPES))
            .compile(JavaFileObjects.forResource("deferred/Deferred.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.DeferredScope")
        .contentsAsUtf8String()
        .contains("final class DeferredScope<B extends LaterBound> implements AsyncScope<Later>");
    assertThat(compilation)
        .generatedSourceFile("test.DeferredScope")
        .contentsAsUtf8String()
        .contains("return !(failure instanceof LaterFailure);");
  }

  @Test
  void classLiteralOfATypeGeneratedLaterIsDeferredToo() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor(), new WritesSources(LATER_TYPES))
            .compile(JavaFileObjects.forResource("deferred/DeferredFailure.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.DeferredFailureScope")
        .contentsAsUtf8String()
        .contains("return !(failure instanceof LaterFailure);");
  }

  @Test
  void processorsOrderDoesNotMatter() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new WritesSources(LATER_TYPES), new ScopeProcessor())
            .compile(JavaFileObjects.forResource("deferred/Deferred.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.DeferredScope").isNotNull();
  }
}
