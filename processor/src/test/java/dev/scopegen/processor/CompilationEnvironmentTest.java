package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.toList;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scopegen.Enter;
import dev.scopegen.runtime.AsyncScope;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processor adapts to the compilation it runs in: named modules that do not read {@code
 * java.compiler} and compilations without that module, where {@code @Generated} cannot be written,
 * and compilers without javac's tree API, where three checks cannot run.
 */
class CompilationEnvironmentTest {

  private static final String NOTE = Messages.TREE_CHECKS_SKIPPED.format();

  private static final JavaFileObject GATE =
      JavaFileObjects.forSourceLines(
          "app.Gate",
          "package app;",
          "",
          "import dev.scopegen.Enter;",
          "import dev.scopegen.Exit;",
          "",
          "public final class Gate {",
          "  @Enter String open() { return \"open\"; }",
          "  @Exit void close(String state) {}",
          "}");

  private static final JavaFileObject FILES =
      JavaFileObjects.forSourceLines(
          "app.Files",
          "package app;",
          "",
          "import dev.scopegen.ScopedResource;",
          "import dev.scopegen.runtime.Yield;",
          "",
          "public final class Files {",
          "  @ScopedResource",
          "  public static void opened(String name, Yield<String> y) { y.yield(name); }",
          "}");

  private static final JavaFileObject USES_BOTH =
      JavaFileObjects.forSourceLines(
          "app.Main",
          "package app;",
          "",
          "final class Main {",
          "  static String both() {",
          "    return GateScope.of(new Gate()).call(gate -> gate)",
          "        + FilesScopes.opened(\"f\").call(name -> name);",
          "  }",
          "}");

  @Test
  void namedModuleThatDoesNotReadJavaCompilerGetsNoGeneratedAnnotation(@TempDir Path dir)
      throws Exception {
    NamedModule module =
        new NamedModule(
            dir, "module app { requires static dev.scopegen; requires dev.scopegen.runtime; }");

    assertThat(module.diagnostics()).isEmpty();
    assertThat(module.generated("GateScope")).doesNotContain("@Generated");
    assertThat(module.generated("FilesScopes")).doesNotContain("@Generated");
  }

  @Test
  void namedModuleThatDoesNotReadJavaCompilerGetsNoGeneratedAnnotationWhereOtherModulesCould(
      @TempDir Path dir) throws Exception {
    // java.compiler is in the module graph, so @Generated exists, but module app cannot read it.
    NamedModule module =
        new NamedModule(
            dir,
            "module app { requires static dev.scopegen; requires dev.scopegen.runtime; }",
            "--add-modules",
            "java.compiler");

    assertThat(module.diagnostics()).isEmpty();
    assertThat(module.generated("GateScope")).doesNotContain("@Generated");
    assertThat(module.generated("FilesScopes")).doesNotContain("@Generated");
  }

  @Test
  void namedModuleThatReadsJavaCompilerGetsTheGeneratedAnnotation(@TempDir Path dir)
      throws Exception {
    NamedModule module =
        new NamedModule(
            dir,
            "module app {\n"
                + "  requires static dev.scopegen;\n"
                + "  requires dev.scopegen.runtime;\n"
                + "  requires static java.compiler;\n"
                + "}\n");

    assertThat(module.diagnostics()).isEmpty();
    assertThat(module.generated("GateScope"))
        .contains("@Generated(\"dev.scopegen.processor.ScopeProcessor\")");
    assertThat(module.generated("FilesScopes"))
        .contains("@Generated(\"dev.scopegen.processor.ScopeProcessor\")");
  }

  @Test
  void unnamedModuleGetsTheGeneratedAnnotation() {
    Compilation compilation =
        Compiler.javac().withProcessors(new ScopeProcessor()).compile(GATE, FILES, USES_BOTH);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("app.GateScope")
        .contentsAsUtf8String()
        .contains("@Generated(\"dev.scopegen.processor.ScopeProcessor\")");
    assertThat(compilation)
        .generatedSourceFile("app.FilesScopes")
        .contentsAsUtf8String()
        .contains("@Generated(\"dev.scopegen.processor.ScopeProcessor\")");
  }

  @Test
  void unnamedModuleOfACompilationWithoutJavaCompilerGetsNoGeneratedAnnotation() {
    // javac's --limit-modules leaves java.compiler out of the module graph: then even the unnamed
    // module has no @Generated to refer to.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .withOptions("--limit-modules", "java.base")
            .compile(GATE, FILES, USES_BOTH);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("app.GateScope")
        .contentsAsUtf8String()
        .doesNotContain("@Generated");
    assertThat(compilation)
        .generatedSourceFile("app.FilesScopes")
        .contentsAsUtf8String()
        .doesNotContain("@Generated");
  }

  @Test
  void withoutTheTreeApiOneNoteNamesTheChecksThatDoNotRun() {
    // RecordingProcessor hands the processor an environment that javac's tree API refuses, as
    // Eclipse's compiler does. Generated scopes give further rounds; the note must come once.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ProcessorTesting.RecordingProcessor())
            .compile(GATE, FILES, USES_BOTH);

    assertThat(compilation).succeeded();
    assertThat(notesContaining(compilation, NOTE)).hasSize(1);
    assertThat(NOTE).contains("uses its yield parameter");
    assertThat(NOTE).contains("local and anonymous classes");
  }

  @Test
  void withJavacEveryCheckRunsAndNothingIsNoted() {
    Compilation compilation =
        Compiler.javac().withProcessors(new ScopeProcessor()).compile(GATE, FILES, USES_BOTH);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(notesContaining(compilation, "ScopeGen")).isEmpty();
  }

  /**
   * Module {@code app}, compiled from files on disk with the annotations and the runtime on the
   * module path, as a build tool compiles it (compile-testing's in-memory files cannot hold a
   * module).
   */
  private static final class NamedModule {
    private final Path root;
    private final List<String> diagnostics = new ArrayList<>();

    NamedModule(Path root, String moduleInfo, String... extraOptions) throws Exception {
      this.root = root;
      Path sources = Files.createDirectories(root.resolve("src"));
      Files.writeString(sources.resolve("module-info.java"), moduleInfo);
      List<Path> files = new ArrayList<>(List.of(sources.resolve("module-info.java")));
      for (JavaFileObject source : List.of(GATE, FILES, USES_BOTH)) {
        Path file = sources.resolve(source.getName().substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getCharContent(true));
        files.add(file);
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
      try (StandardJavaFileManager fileManager =
          javac.getStandardFileManager(collector, Locale.ROOT, UTF_8)) {
        List<String> options =
            new ArrayList<>(
                List.of(
                    "-Xlint:all,-processing",
                    "--module-path",
                    location(Enter.class) + File.pathSeparator + location(AsyncScope.class),
                    "-d",
                    Files.createDirectories(root.resolve("classes")).toString(),
                    "-s",
                    Files.createDirectories(root.resolve("generated")).toString()));
        options.addAll(List.of(extraOptions));
        JavaCompiler.CompilationTask task =
            javac.getTask(
                null,
                fileManager,
                collector,
                options,
                null,
                fileManager.getJavaFileObjectsFromPaths(files));
        task.setProcessors(List.of(new ScopeProcessor()));
        boolean success = task.call();
        collector.getDiagnostics().forEach(d -> diagnostics.add(d.toString()));
        if (!success) {
          diagnostics.add("compilation failed");
        }
      }
    }

    /** Every diagnostic of the compilation, and whether it failed. */
    List<String> diagnostics() {
      return diagnostics;
    }

    /** The text of the generated class {@code app.<name>}. */
    String generated(String name) throws IOException {
      return Files.readString(root.resolve("generated/app/" + name + ".java"));
    }

    private static Path location(Class<?> type) throws URISyntaxException {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
  }

  private static List<String> notesContaining(Compilation compilation, String text) {
    return compilation.notes().stream()
        .map(note -> note.getMessage(Locale.ROOT))
        .filter(message -> message.contains(text))
        .collect(toList());
  }
}
