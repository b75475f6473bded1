package dev.scopegen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * A resource class that refers to types another processor generates is deferred to the next
 * round instead of being reported, and gets its scope once the types exist.
 */
class ResourceDeferralTest {

  @Test
  void classReferringToTypesGeneratedLaterGetsItsScope() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor(), new GeneratesLaterTypes())
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
            .withProcessors(new ScopeProcessor(), new GeneratesLaterTypes())
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
            .withProcessors(new GeneratesLaterTypes(), new ScopeProcessor())
            .compile(JavaFileObjects.forResource("deferred/Deferred.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.DeferredScope").isNotNull();
  }

  /** Generates the types Deferred.java refers to, in the first round only. */
  private static final class GeneratesLaterTypes extends AbstractProcessor {
    private static final Map<String, String> SOURCES =
        Map.of(
            "test.Later", "package test;\n\npublic class Later {}\n",
            "test.LaterBound", "package test;\n\npublic interface LaterBound {}\n",
            "test.LaterFailure",
            "package test;\n\npublic class LaterFailure extends RuntimeException {\n"
                + "  private static final long serialVersionUID = 1L;\n}\n");

    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      SOURCES.forEach(
          (name, text) -> {
            try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
              writer.write(text);
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          });
      return false;
    }
  }
}
