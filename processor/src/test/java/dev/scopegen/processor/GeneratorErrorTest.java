package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scopegen.processor.ProcessorTesting.assertSingleError;
import static dev.scopegen.processor.ProcessorTesting.badSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.scopegen.processor.ProcessorTesting.RecordingProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The error catalogue of {@code @ScopedResource} methods: one test per rule, each asserting the
 * message, the file and the line, and that no {@code Scopes} class was written.
 */
class GeneratorErrorTest {

  @Test
  void noYieldParameter() {
    assertSingleError(
        "GeneratorNoYield",
        "@ScopedResource method open has no Yield or AsyncYield parameter; add one as its last"
            + " parameter and call its yield(resource) where the body runs",
        "static void open(String name)");
  }

  @Test
  void moreThanOneYieldParameter() {
    assertSingleError(
        "GeneratorTwoYields",
        "@ScopedResource method open has more than one yield parameter (first, second); keep"
            + " exactly one, as its last parameter",
        "static void open(");
  }

  @Test
  void yieldParameterThatIsNotLast() {
    assertSingleError(
        "GeneratorYieldNotLast",
        "@ScopedResource method open must take its yield parameter y last; move it to the end of"
            + " the parameter list",
        "static void open(Yield<String> y, String name)");
  }

  @Test
  void returnTypeThatDoesNotMatchTheYield() {
    JavaFileObject source = badSource("GeneratorReturns");
    Compilation compilation = compileWithErrors(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method blocking returns CompletionStage<Void>, but a method that takes"
                + " a Yield must return void; change the return type or the yield parameter")
        .inFile(source)
        .onLineContaining("blocking(Yield<String> y)");
    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method async returns void, but a method that takes an AsyncYield must"
                + " return a CompletionStage, such as CompletionStage<Void>")
        .inFile(source)
        .onLineContaining("async(AsyncYield<String> y)");
    assertThat(compilation)
        .hadErrorContaining("@ScopedResource method notAStage returns String")
        .inFile(source)
        .onLineContaining("notAStage(AsyncYield<String> y)");
  }

  @Test
  void privateMethod() {
    assertSingleError(
        "GeneratorPrivateMethod",
        "@ScopedResource methods must not be private; make hidden package-private or wider",
        "private static void hidden");
  }

  @Test
  void yieldParameterThatIsNeverUsed() {
    // javac's own environment, which the tree API needs.
    JavaFileObject source = badSource("GeneratorUnusedYield");
    Compilation compilation = Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method forgetful never uses its yield parameter unused; call"
                + " unused.yield(resource) once, where the body of the scope runs")
        .inFile(source)
        .onLineContaining("Yield<String> unused");
  }

  @Test
  void unusedYieldIsNotReportedWithoutTheTreeApi() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new RecordingProcessor())
            .compile(badSource("GeneratorUnusedYield"));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.GeneratorUnusedYieldScopes").isNotNull();
  }

  @Test
  void lifecycleAnnotationOnAGeneratorMethod() {
    JavaFileObject source = badSource("GeneratorLifecycle");
    Compilation compilation = compileWithErrors(source);

    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method open cannot also be @Enter: a generator method is a whole scope"
                + " by itself; remove one of the two annotations")
        .inFile(source)
        .onLineContaining("void open(Yield<String> y)");
  }

  @Test
  void instanceMethodOfAnInnerClass() {
    assertSingleError(
        "GeneratorInnerClass",
        "@ScopedResource method open is an instance method of inner class"
            + " GeneratorInnerClass.Inner, which its factory cannot take as a receiver; make"
            + " GeneratorInnerClass.Inner static, or the method static",
        "void open(Yield<String> y)");
  }

  @Test
  void methodOfAPrivateClass() {
    assertSingleError(
        "GeneratorPrivateClass",
        "@ScopedResource method open is in private class GeneratorPrivateClass.Hidden, which its"
            + " generated scope cannot reach; make GeneratorPrivateClass.Hidden package-private or"
            + " wider",
        "static void open(Yield<String> y)");
  }

  @Test
  void methodOfAPrivateClassThatNamesItInItsSignature() {
    assertSingleError(
        "GeneratorPrivateClassInSignature",
        "@ScopedResource method open is in private class GeneratorPrivateClassInSignature.Hidden",
        "static void open(Hidden hidden");
  }

  @Test
  void methodOfALocalOrAnonymousClass() {
    // javac's own environment, which the tree API needs.
    JavaFileObject source = badSource("GeneratorLocalClass");
    Compilation compilation = Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method open is in a local or anonymous class, which its generated"
                + " Scopes class cannot reach; move it to a top-level or static nested type")
        .inFile(source)
        .onLineContaining("void open(");
    assertThat(compilation)
        .hadErrorContaining("@ScopedResource method acquire is in a local or anonymous class")
        .inFile(source)
        .onLineContaining("void acquire(");
  }

  @Test
  void typeVariableThatHidesOneOfTheClass() {
    assertSingleError(
        "GeneratorTypeVariable",
        "@ScopedResource method open declares type variable T, which hides the one of class"
            + " GeneratorTypeVariable that its factory also needs; rename it",
        "<T> void open");
  }

  @Test
  void methodsThatWouldGenerateTheSameNames() {
    JavaFileObject source = badSource("GeneratorNameClash");
    Compilation compilation = compileWithErrors(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method Open would generate the type"
                + " GeneratorNameClashScopes.OpenScope, as open(Yield) does; rename one of the two"
                + " methods")
        .inFile(source)
        .onLineContaining("static void Open(");
    assertThat(compilation)
        .hadErrorContaining(
            "@ScopedResource method lease would generate the factory"
                + " GeneratorNameClashScopes.lease(GeneratorNameClash), as"
                + " lease(GeneratorNameClash, Yield) does; rename one of the two methods")
        .inFile(source)
        .onLineContaining("CompletionStage<Void> lease(");
  }

  @Test
  void scopesClassThatAlreadyExists() {
    assertSingleError(
        "GeneratorExisting",
        "Cannot generate GeneratorExistingScopes for GeneratorExisting because a type with that"
            + " name already exists; rename one of them",
        "class GeneratorExisting {");
  }

  @Test
  void rawType() {
    assertSingleError(
        "GeneratorRawType",
        "@ScopedResource method open uses the raw type List, which its generated scope would"
            + " repeat; add its type arguments",
        "static void open(List names");
  }

  @Test
  void typeTheGeneratedClassCannotAccess() {
    assertSingleError(
        "GeneratorInaccessible",
        "@ScopedResource method open uses GeneratorInaccessible.Secret, which is not visible in"
            + " package test where the scope is generated",
        "static void open(Secret secret");
  }

  @Test
  void typeThatNeverExists() {
    JavaFileObject source = badSource("GeneratorMissing");
    Compilation compilation = compileWithErrors(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.GeneratorMissing because it refers to DoesNotExist,"
                + " which does not exist")
        .inFile(source)
        .onLineContaining("class GeneratorMissing");
  }

  /** Compiles {@code source}, and checks that the processor wrote nothing. */
  private static Compilation compileWithErrors(JavaFileObject source) {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(source);
    assertThat(processor.written).isEmpty();
    return compilation;
  }
}
