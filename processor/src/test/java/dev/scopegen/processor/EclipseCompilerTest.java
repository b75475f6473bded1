package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code generated for every golden input compiles without a warning under the Eclipse compiler
 * too, which warns about things javac does not (an import that only Javadoc uses, for one).
 *
 * <p>javac runs the processor; the Eclipse compiler then compiles the inputs and the generated
 * sources, without processors, in process through its {@code javax.tools} API.
 */
class EclipseCompilerTest {

  /** Every good source whose generated code the golden files check. */
  private static final List<String> SOURCES =
      List.of(
          "Database",
          "Ledger",
          "ConnectionPool",
          "Outer",
          "Batch",
          "Journal",
          "Kinds",
          "DollarNames",
          "UnicodeNames",
          "Throwing",
          "Tenancy",
          "GeneratorTransactions",
          "GeneratorPool",
          "GeneratorNames",
          "GeneratorScope");

  @Test
  void generatedCodeCompilesWithoutWarningsUnderTheEclipseCompiler(@TempDir Path folder)
      throws IOException {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .compile(
                SOURCES.stream()
                    .map(source -> JavaFileObjects.forResource("good/" + source + ".java"))
                    .toArray(JavaFileObject[]::new));
    assertThat(compilation).succeeded();
    List<Path> inputs = new ArrayList<>();
    for (String source : SOURCES) {
      inputs.add(
          write(
              folder.resolve("input"),
              "test/" + source + ".java",
              JavaFileObjects.forResource("good/" + source + ".java")));
    }
    List<Path> generated = new ArrayList<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      generated.add(write(folder.resolve("generated"), file.getName(), file));
    }

    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    boolean compiled =
        compileWithEcj(folder.resolve("classes"), inputs, generated, diagnostics, output);

    // A warning that the input gets too is the input's: a type parameter named Throwable hides
    // java.lang.Throwable in the user's method and, necessarily, in its generated factory.
    Set<String> warningsOnInputs = new HashSet<>();
    List<String> warningsOnGeneratedCode = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.NOTE || diagnostic.getSource() == null) {
        continue;
      }
      String message = diagnostic.getMessage(Locale.ROOT);
      if (diagnostic.getSource().toUri().getPath().contains("/generated/")) {
        warningsOnGeneratedCode.add(
            diagnostic.getKind()
                + " "
                + diagnostic.getSource().getName()
                + ":"
                + diagnostic.getLineNumber()
                + " "
                + message);
      } else {
        warningsOnInputs.add(message);
      }
    }
    warningsOnGeneratedCode.removeIf(
        warning -> warningsOnInputs.stream().anyMatch(warning::endsWith));
    assertWithMessage("the Eclipse compiler failed:\n%s", output).that(compiled).isTrue();
    assertThat(warningsOnGeneratedCode).isEmpty();
    assertThat(generated).hasSize(compilation.generatedSourceFiles().size());
    assertThat(generated.size()).isAtLeast(SOURCES.size());
  }

  private static boolean compileWithEcj(
      Path classes,
      List<Path> inputs,
      List<Path> generated,
      DiagnosticCollector<JavaFileObject> diagnostics,
      Writer output)
      throws IOException {
    Files.createDirectories(classes);
    JavaCompiler ecj = new EclipseCompiler();
    try (StandardJavaFileManager files =
        ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<Path> all = new ArrayList<>(inputs);
      all.addAll(generated);
      List<String> options =
          List.of(
              "--release",
              "17",
              "-proc:none",
              "-encoding",
              "UTF-8",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString());
      return ecj.getTask(
              output, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(all))
          .call();
    }
  }

  private static Path write(Path root, String name, JavaFileObject file) throws IOException {
    String relative = name.startsWith("/") ? name.substring(1) : name;
    Path path = root.resolve(relative.replace('/', File.separatorChar));
    Files.createDirectories(path.getParent());
    Files.writeString(path, file.getCharContent(true), StandardCharsets.UTF_8);
    return path;
  }
}
