package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scopegen.processor.ProcessorTesting.RecordingProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Rules that the catalogue tests reach only in their simplest form: missing types nested in type
 * arguments, arrays, wildcards and bounds; the spellings of an annotation inside a local class; and
 * methods without a lifecycle annotation, whose types do not matter.
 */
class MutationGapsTest {

  private final RecordingProcessor scopeGen = new RecordingProcessor();

  @Test
  void missingTypeInATypeArgumentDefersTheClass() {
    assertMissing("@Enter java.util.List<Absent> open() { return null; }", "List<Absent>");
  }

  @Test
  void missingArrayComponentDefersTheClass() {
    assertMissing("@Enter Absent[] open() { return null; }", "Absent[]");
  }

  @Test
  void missingExtendsBoundOfAWildcardDefersTheClass() {
    assertMissing(
        "@Enter java.util.List<? extends Absent> open() { return null; }",
        "List<? extends Absent>");
  }

  @Test
  void missingSuperBoundOfAWildcardDefersTheClass() {
    assertMissing(
        "@Enter java.util.List<? super Absent> open() { return null; }", "List<? super Absent>");
  }

  @Test
  void missingTypeInAnExitParameterDefersTheClass() {
    JavaFileObject source =
        source(
            "test.Gap",
            "@Enter String open() { return null; }",
            "@Exit void close(String resource, java.util.Map<String, Absent[]> failure) {}");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining("ScopeGen cannot process test.Gap because it refers to Map<String,")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void missingBoundOfATypeVariableOfTheClassDefersIt() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.Enter;",
            "import dev.scopegen.Exit;",
            "",
            "class Gap<T extends Comparable<T>, B extends Absent> {",
            "  @Enter String open() { return null; }",
            "  @Exit void close() {}",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.Gap because it refers to Absent, which does not exist")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void missingTypeOfAMethodWithoutLifecycleAnnotationDoesNotStopTheScope() {
    JavaFileObject source =
        source(
            "test.Gap",
            "@Enter String open() { return null; }",
            "@Exit void close() {}",
            "Absent helper(java.util.List<Absent> values) { return null; }");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(scopeGen.written).containsExactly("test.GapScope");
  }

  @Test
  void missingBoundOfAGeneratorMethodDefersItsClass() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.ScopedResource;",
            "import dev.scopegen.runtime.Yield;",
            "",
            "class Gap {",
            "  @ScopedResource",
            "  static <T extends Absent> void open(T value, Yield<T> y) { y.yield(value); }",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.Gap because it refers to Absent, which does not exist")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void missingParameterTypeOfAGeneratorMethodDefersItsClass() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.ScopedResource;",
            "import dev.scopegen.runtime.Yield;",
            "",
            "class Gap {",
            "  @ScopedResource",
            "  static void open(Absent[] value, Yield<String> y) { y.yield(\"r\"); }",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.Gap because it refers to Absent[], which does not exist")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void localClassAnnotationImportedByAWildcardIsReported() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.*;",
            "",
            "class Gap {",
            "  void method() {",
            "    class Local {",
            "      @Rollback void undo() {}",
            "    }",
            "  }",
            "}",
            "",
            "/** Only here so that javac runs ScopeGen: it sees no annotation inside method bodies. */",
            "class Visible {",
            "  @dev.scopegen.Enter String begin() { return null; }",
            "  @dev.scopegen.Exit void end() {}",
            "}");
    Compilation compilation = Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Rollback method undo is in a local or anonymous class, which cannot have a scope")
        .inFile(source)
        .onLineContaining("void undo()");
  }

  @Test
  void localClassAnnotationOfTheSamePackageNeedsNoImport() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "dev.scopegen.Gap",
            "package dev.scopegen;",
            "",
            "class Gap {",
            "  Object field = new Object() {",
            "    @Commit void save() {}",
            "  };",
            "}",
            "",
            "/** Only here so that javac runs ScopeGen: it sees no annotation inside method bodies. */",
            "class Visible {",
            "  @dev.scopegen.Enter String begin() { return null; }",
            "  @dev.scopegen.Exit void end() {}",
            "}");
    Compilation compilation = Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Commit method save is in a local or anonymous class, which cannot have a scope")
        .inFile(source)
        .onLineContaining("void save()");
  }

  @Test
  void localClassAnnotationOfTheSameSimpleNameFromElsewhereIsNotReported() {
    JavaFileObject annotation =
        JavaFileObjects.forSourceLines(
            "test.other.Exit", "package test.other;", "", "public @interface Exit {}");
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.Enter;",
            "import test.other.Exit;",
            "",
            "class Gap {",
            "  void method() {",
            "    class Local {",
            "      @Exit void close() {}",
            "      @test.other.Exit void end() {}",
            "    }",
            "    class Other {",
            "      @Enter String open() { return null; }",
            "    }",
            "  }",
            "}",
            "",
            "/** Only here so that javac runs ScopeGen: it sees no annotation inside method bodies. */",
            "class Visible {",
            "  @dev.scopegen.Enter String begin() { return null; }",
            "  @dev.scopegen.Exit void end() {}",
            "}");
    Compilation compilation =
        Compiler.javac().withProcessors(new ScopeProcessor()).compile(annotation, source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Enter method open is in a local or anonymous class")
        .inFile(source)
        .onLineContaining("String open()");
  }

  @Test
  void staticImportOfTheAnnotationsPackageMembersDoesNotImportThem() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import static dev.scopegen.Rollback.*;",
            "",
            "class Gap {",
            "  @interface Rollback {}",
            "  void method() {",
            "    class Local {",
            "      @Rollback void undo() {}",
            "    }",
            "  }",
            "}",
            "",
            "/** Only here so that javac runs ScopeGen: it sees no annotation inside method bodies. */",
            "class Visible {",
            "  @dev.scopegen.Enter String begin() { return null; }",
            "  @dev.scopegen.Exit void end() {}",
            "}");
    Compilation compilation = Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void uncheckedExceptionsOfTheStepsAreNotDeclaredByTheScope() {
    JavaFileObject source =
        source(
            "test.Gap",
            "@Enter String open() throws IllegalStateException, java.io.IOException {"
                + " return null; }",
            "@Exit void close() throws AssertionError {}");
    Compilation compilation = Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.GapScope")
        .contentsAsUtf8String()
        .contains("throws IOException");
    assertThat(compilation)
        .generatedSourceFile("test.GapScope")
        .contentsAsUtf8String()
        .doesNotContainMatch("IllegalStateException|AssertionError");
  }

  @Test
  void unboundedWildcardIsQuotedAsAQuestionMark() {
    JavaFileObject source =
        source(
            "test.Gap",
            "@Enter String open() { return null; }",
            "@dev.scopegen.Commit java.util.List<?> commit() { return null; }");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Commit method commit returns List<?>; it must return void or a CompletionStage")
        .inFile(source)
        .onLineContaining("commit()");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void boundOfATypeVariableOfTheClassThatTheScopeCannotSee() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.Enter;",
            "import dev.scopegen.Exit;",
            "import other.Base;",
            "",
            "class Gap extends Base {",
            "  static class Res<T extends Token> {",
            "    @Enter String open() { return null; }",
            "    @Exit void close() {}",
            "  }",
            "}");
    Compilation compilation =
        compile(source, JavaFileObjects.forResource("bad/other/Base.java"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "Class Gap.Res uses Base.Token, which is not visible in package test where the scope"
                + " is generated; make Base.Token visible there")
        .inFile(source)
        .onLineContaining("class Res<");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void noRollbackForOfAPrivateExceptionIsTheOnlyErrorAndStopsTheScope() {
    JavaFileObject source =
        source(
            "test.Gap",
            "private static class Quiet extends RuntimeException {",
            "  private static final long serialVersionUID = 1L;",
            "}",
            "@Enter String open() { return null; }",
            "@dev.scopegen.Rollback(noRollbackFor = Quiet.class) void rollback() {}");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Rollback method rollback uses Gap.Quiet, which is not visible in package test where"
                + " the scope is generated; make Gap.Quiet visible there")
        .inFile(source)
        .onLineContaining("noRollbackFor = Quiet.class");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void missingBoundOfATypeVariableOfAGeneratorClassDefersIt() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "import dev.scopegen.ScopedResource;",
            "import dev.scopegen.runtime.Yield;",
            "",
            "class Gap<B extends Absent> {",
            "  @ScopedResource",
            "  static void open(Yield<String> y) { y.yield(\"r\"); }",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.Gap because it refers to Absent, which does not exist")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(scopeGen.written).isEmpty();
  }

  private void assertMissing(String enter, String described) {
    JavaFileObject source = source("test.Gap", enter, "@Exit void close() {}");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.Gap because it refers to "
                + described
                + ", which does not exist; fix the reference or the annotation processor that"
                + " should generate it")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(scopeGen.written).isEmpty();
  }

  private Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(scopeGen).compile(sources);
  }

  private static JavaFileObject source(String name, String... members) {
    StringBuilder text = new StringBuilder();
    text.append("package test;\n\nimport dev.scopegen.Enter;\nimport dev.scopegen.Exit;\n\n")
        .append("class ")
        .append(name.substring(name.lastIndexOf('.') + 1))
        .append(" {\n");
    for (String member : members) {
      text.append("  ").append(member).append('\n');
    }
    return JavaFileObjects.forSourceString(name, text.append("}\n").toString());
  }
}
