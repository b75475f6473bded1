package dev.scopegen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code exitNow} of a synchronous scope declares what its cleanup declares: the exit's checked
 * exceptions too when nothing commits, or the commit declares others.
 */
class SynchronousScopeWriterTest {

  @Test
  void exitNowDeclaresTheExceptionsOfTheExitWhenTheCommitDeclaresOthers() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Spool",
            "package test;",
            "",
            "import dev.scopegen.Commit;",
            "import dev.scopegen.Enter;",
            "import dev.scopegen.Exit;",
            "",
            "final class Spool {",
            "  @Enter String open() { return \"spool\"; }",
            "  @Commit void flush(String spool) throws InterruptedException {}",
            "  @Exit void close(String spool) throws java.io.IOException {}",
            "}");

    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.SpoolScope")
        .contentsAsUtf8String()
        .containsMatch(
            "public boolean exitNow\\(String resource, Throwable failure\\) throws"
                + "\\s+InterruptedException,\\s+IOException \\{");
  }
}
