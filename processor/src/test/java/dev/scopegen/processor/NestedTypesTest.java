package dev.scopegen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scopegen.processor.ProcessorTesting.WritesSources;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Raw, invisible and not-yet-generated types found wherever they hide in a signature: in type
 * arguments, array components, wildcard bounds and type variable bounds.
 */
class NestedTypesTest {

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ScopeProcessor()).compile(sources);
  }

  @Test
  void rawTypesNestedAnywhereInAGeneratorsSignatureAreReported() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.NestedRaw",
            "package test;",
            "",
            "import dev.scopegen.ScopedResource;",
            "import dev.scopegen.runtime.Yield;",
            "import java.util.*;",
            "",
            "@SuppressWarnings(\"rawtypes\")",
            "class NestedRaw {",
            "  @ScopedResource",
            "  static <T extends Comparable<Deque>> void open(",
            "      Map<String, List<Map>> inArgument,",
            "      Set[] inArray,",
            "      List<? extends Collection> inUpperBound,",
            "      List<? super Iterable> inLowerBound,",
            "      List<?> unbounded,",
            "      List<String>[] arrayOfGeneric,",
            "      int[] primitives,",
            "      T variable,",
            "      Yield<String> y) {",
            "    y.yield(\"resource\");",
            "  }",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(5);
    for (String raw : new String[] {"Map", "Set", "Collection", "Iterable", "Deque"}) {
      assertThat(compilation)
          .hadErrorContaining(
              "@ScopedResource method open uses the raw type " + raw + ", which its generated")
          .inFile(source)
          .onLineContaining("void open(");
    }
  }

  @Test
  void aRawTypeNestedInTheResourceTypeIsReported() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.RawResource",
            "package test;",
            "",
            "import dev.scopegen.Enter;",
            "import dev.scopegen.Exit;",
            "import java.util.List;",
            "",
            "@SuppressWarnings(\"rawtypes\")",
            "class RawResource {",
            "  static class InArray {",
            "    @Enter List<List[]> open() { return null; }",
            "    @Exit void close() {}",
            "  }",
            "",
            "  static class InWildcard {",
            "    @Enter List<? super List> open() { return null; }",
            "    @Exit void close() {}",
            "  }",
            "",
            "  static class Complete {",
            "    @Enter List<List<String>[]> open() { return null; }",
            "    @Exit void close() {}",
            "  }",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("@Enter method open returns the raw type List<List[]>")
        .inFile(source)
        .onLineContaining("List<List[]> open()");
    assertThat(compilation)
        .hadErrorContaining("@Enter method open returns the raw type List<? super List>")
        .inFile(source)
        .onLineContaining("List<? super List> open()");
  }

  @Test
  void invisibleTypesNestedAnywhereInAGeneratorsSignatureAreReported() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.NestedSecrets",
            "package test;",
            "",
            "import dev.scopegen.ScopedResource;",
            "import dev.scopegen.runtime.Yield;",
            "import java.util.List;",
            "",
            "class NestedSecrets {",
            "  private static class InArgument {}",
            "  private static class InArray {}",
            "  private static class InUpperBound {}",
            "  private static class InLowerBound {}",
            "  private static class InTypeVariableBound {}",
            "  private static class Hidden {",
            "    public static class Inner {}",
            "  }",
            "  public static class Visible {}",
            "",
            "  @ScopedResource",
            "  static <T extends Comparable<InTypeVariableBound>> void open(",
            "      List<List<InArgument>> inArgument,",
            "      InArray[] inArray,",
            "      List<? extends InUpperBound> inUpperBound,",
            "      List<? super InLowerBound> inLowerBound,",
            "      Hidden.Inner inHiddenClass,",
            "      List<? extends Visible>[] visible,",
            "      List<?> unbounded,",
            "      T variable,",
            "      Yield<String> y) {",
            "    y.yield(\"resource\");",
            "  }",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(6);
    for (String secret :
        new String[] {
          "InArgument", "InArray", "InUpperBound", "InLowerBound", "InTypeVariableBound", "Hidden"
        }) {
      assertThat(compilation)
          .hadErrorContaining(
              "@ScopedResource method open uses NestedSecrets."
                  + secret
                  + ", which is not visible in package test")
          .inFile(source)
          .onLineContaining("void open(");
    }
  }

  @Test
  void anInvisibleTypeNestedInTheResourceTypeIsReported() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.SecretResource",
            "package test;",
            "",
            "import dev.scopegen.Enter;",
            "import dev.scopegen.Exit;",
            "import java.util.List;",
            "",
            "class SecretResource {",
            "  private static class Secret {}",
            "",
            "  @Enter List<? extends Secret[]> open() { return null; }",
            "  @Exit void close() {}",
            "}");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Enter method open uses SecretResource.Secret, which is not visible")
        .inFile(source)
        .onLineContaining("open()");
  }

  /** Types that another processor writes in the first round. */
  private static final Map<String, String> LATER_TYPES =
      Map.of(
          "test.Later", "package test;\n\npublic class Later {}\n",
          "test.LaterBound", "package test;\n\npublic interface LaterBound {}\n",
          "test.LaterUpper", "package test;\n\npublic class LaterUpper {}\n",
          "test.LaterLower", "package test;\n\npublic class LaterLower {}\n");

  @Test
  void typesGeneratedLaterNestedInBoundsArraysAndWildcardsDeferTheClass() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor(), new WritesSources(LATER_TYPES))
            .compile(
                JavaFileObjects.forSourceLines(
                    "test.DeferredNested",
                    "package test;",
                    "",
                    "import dev.scopegen.Enter;",
                    "import dev.scopegen.Exit;",
                    "import java.util.List;",
                    "",
                    "class DeferredNested<B extends Comparable<LaterBound>> {",
                    "  @Enter String open() { return \"resource\"; }",
                    "  @Exit void close() {}",
                    "}",
                    "",
                    "class DeferredArray {",
                    "  @Enter Later[][] open() { return new Later[0][]; }",
                    "  @Exit void close() {}",
                    "}",
                    "",
                    "class DeferredUpper {",
                    "  @Enter List<? extends LaterUpper> open() { return List.of(); }",
                    "  @Exit void close() {}",
                    "}",
                    "",
                    "class DeferredLower {",
                    "  @Enter List<? super LaterLower> open() { return List.of(); }",
                    "  @Exit void close() {}",
                    "}",
                    "",
                    "class Unbounded {",
                    "  @Enter List<?> open() { return List.of(); }",
                    "  @Exit void close() {}",
                    "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation,
        "DeferredNestedScope",
        "final class DeferredNestedScope<B extends Comparable<LaterBound>>"
            + " implements SynchronousScope<String>");
    assertGenerated(compilation, "DeferredArrayScope", "implements SynchronousScope<Later[][]>");
    assertGenerated(
        compilation,
        "DeferredUpperScope",
        "implements SynchronousScope<List<? extends LaterUpper>>");
    assertGenerated(
        compilation, "DeferredLowerScope", "implements SynchronousScope<List<? super LaterLower>>");
    assertGenerated(compilation, "UnboundedScope", "implements SynchronousScope<List<?>>");
  }

  private static void assertGenerated(Compilation compilation, String scope, String text) {
    assertThat(compilation)
        .generatedSourceFile("test." + scope)
        .contentsAsUtf8String()
        .contains(text);
  }
}
