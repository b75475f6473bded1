package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scopegen.processor.ProcessorTesting.assertSingleError;
import static dev.scopegen.processor.ProcessorTesting.badSource;
import static dev.scopegen.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.scopegen.processor.ProcessorTesting.RecordingProcessor;
import dev.scopegen.processor.ProcessorTesting.WritesSources;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The error catalogue of resource classes: one test per rule, each asserting the message, the file
 * and the line, and that no scope was written.
 */
class ResourceErrorTest {

  private final RecordingProcessor scopeGen = new RecordingProcessor();

  @Test
  void aSecondMethodWithTheSameAnnotation() {
    JavaFileObject source = badSource("DuplicateMethods");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(
            "A class may have only one @Enter method, and open already has it; remove one of the"
                + " two")
        .inFile(source)
        .onLineContaining("reopen()");
    assertThat(compilation)
        .hadErrorContaining("only one @Commit method, and commit already has it")
        .inFile(source)
        .onLineContaining("commitAgain()");
    assertThat(compilation)
        .hadErrorContaining("only one @Rollback method, and rollback already has it")
        .inFile(source)
        .onLineContaining("rollbackAgain()");
    assertThat(compilation)
        .hadErrorContaining("only one @Exit method, and close already has it")
        .inFile(source)
        .onLineContaining("closeAgain()");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void releaseMethodsWithoutEnter() {
    JavaFileObject source = badSource("WithoutEnter");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "@Commit method commit needs an @Enter method in WithoutEnter that acquires the"
                + " resource; add one, or remove the annotation")
        .inFile(source)
        .onLineContaining("@Commit");
    assertThat(compilation)
        .hadErrorContaining("@Rollback method rollback needs an @Enter method in WithoutEnter")
        .inFile(source)
        .onLineContaining("@Rollback");
    assertThat(compilation)
        .hadErrorContaining("@Exit method close needs an @Enter method in WithoutEnter")
        .inFile(source)
        .onLineContaining("@Exit");
  }

  @Test
  void enterWithoutAnythingThatReleases() {
    assertSingleError(
        "EnterAlone",
        "@Enter method open needs an @Exit, @Commit or @Rollback method in EnterAlone that"
            + " releases the resource; add one",
        "@Enter");
  }

  @Test
  void privateMethod() {
    assertSingleError(
        "PrivateMethod",
        "@Exit methods must not be private; make close package-private or wider",
        "private void close()");
  }

  @Test
  void staticMethod() {
    assertSingleError(
        "StaticMethod",
        "@Enter methods must be instance methods; remove static from open",
        "static String open()");
  }

  @Test
  void genericMethod() {
    assertSingleError(
        "GenericMethod",
        "@Exit methods must not declare type parameters; remove them from close",
        "<T> void close");
  }

  @Test
  void enterWithParameters() {
    assertSingleError(
        "EnterWithParameters",
        "@Enter methods take no parameters; remove (String url, int timeout) from open",
        "String open(");
  }

  @Test
  void extraParameters() {
    assertSingleError(
        "ExtraParameters",
        "@Exit method close takes (String, Throwable, boolean); it must take (), (String),"
            + " (Throwable) or (String, Throwable)",
        "void close(");
  }

  @Test
  void reorderedParameters() {
    assertSingleError(
        "ReorderedParameters",
        "@Rollback method rollback takes (Throwable, String); it must take (), (String),"
            + " (Throwable) or (String, Throwable)",
        "void rollback(");
  }

  @Test
  void commitWithAFailureParameter() {
    assertSingleError(
        "CommitWithFailure",
        "@Commit method commit takes (Throwable); it must take () or (String)",
        "void commit(");
  }

  @Test
  void secondParameterThatIsNotAFailure() {
    assertSingleError(
        "SecondParameterNotAFailure",
        "@Exit method close takes (String, String); it must take (), (String), (Throwable) or"
            + " (String, Throwable)",
        "void close(");
  }

  @Test
  void resourceParameterOfAnotherType() {
    JavaFileObject source = badSource("WrongResourceParameter");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@Commit method commit cannot receive the resource in parameter text: String is not a"
                + " supertype of the resource type CharSequence; declare the parameter as"
                + " CharSequence")
        .inFile(source)
        .onLineContaining("void commit(");
    assertThat(compilation)
        .hadErrorContaining(
            "@Exit method close cannot receive the resource in parameter path: Path is not a"
                + " supertype of the resource type CharSequence")
        .inFile(source)
        .onLineContaining("void close(");
  }

  @Test
  void failureParameterNarrowerThanThrowable() {
    JavaFileObject source = badSource("NarrowFailureParameter");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@Rollback method rollback must accept any failure in parameter failure, but"
                + " RuntimeException is narrower than Throwable; declare the parameter as Throwable")
        .inFile(source)
        .onLineContaining("void rollback(");
    assertThat(compilation)
        .hadErrorContaining(
            "@Exit method close must accept any failure in parameter failure, but IOException is"
                + " narrower than Throwable")
        .inFile(source)
        .onLineContaining("void close(");
  }

  @Test
  void exitReturningSomethingElse() {
    assertSingleError(
        "ExitReturns",
        "@Exit method close returns Boolean; it must return void, boolean,"
            + " CompletionStage<Boolean> (to suppress failures) or another CompletionStage",
        "Boolean close()");
  }

  @Test
  void exitReturningAStageOfAWildcardBoolean() {
    assertSingleError(
        "ExitReturnsBooleanWildcard",
        "@Exit method close returns CompletionStage<? extends Boolean>; it must return void,"
            + " boolean, CompletionStage<Boolean>",
        "close()");
  }

  @Test
  void commitAndRollbackReturningValues() {
    JavaFileObject source = badSource("StepReturns");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "@Commit method commit returns boolean; it must return void or a CompletionStage")
        .inFile(source)
        .onLineContaining("boolean commit()");
    assertThat(compilation)
        .hadErrorContaining(
            "@Rollback method rollback returns String; it must return void or a CompletionStage")
        .inFile(source)
        .onLineContaining("String rollback()");
  }

  @Test
  void rawTypes() {
    JavaFileObject source = badSource("RawTypes");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "@Enter method open returns the raw type CompletionStage; add its type arguments")
        .inFile(source)
        .onLineContaining("CompletionStage open()");
    assertThat(compilation)
        .hadErrorContaining("@Enter method open returns the raw type List")
        .inFile(source)
        .onLineContaining("List open()");
    assertThat(compilation)
        .hadErrorContaining("@Exit method close returns the raw type CompletionStage")
        .inFile(source)
        .onLineContaining("CompletionStage close()");
  }

  @Test
  void wildcardResource() {
    assertSingleError(
        "WildcardResource",
        "@Enter method open returns CompletionStage<? extends CharSequence>; name the resource"
            + " type without a wildcard, for example CompletionStage<Connection>",
        "open()");
  }

  @Test
  void privateClassOrEnclosingClass() {
    JavaFileObject source = badSource("PrivateClass");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "Class PrivateClass.Hidden has lifecycle annotations but is private, so its scope"
                + " cannot reach it; make it package-private or wider")
        .inFile(source)
        .onLineContaining("class Hidden");
    assertThat(compilation)
        .hadErrorContaining("Class PrivateClass.Enclosing has lifecycle annotations but is private")
        .inFile(source)
        .onLineContaining("class Nested");
  }

  @Test
  void privateClassThatIsItsOwnResource() {
    assertSingleError(
        "PrivateClassAsResource",
        "Class PrivateClassAsResource.Hidden has lifecycle annotations but is private",
        "class Hidden");
  }

  @Test
  void innerClass() {
    assertSingleError(
        "InnerClass",
        "Class InnerClass.Inner has lifecycle annotations but is an inner class; make it static"
            + " so its scope can name it",
        "class Inner {");
  }

  @Test
  void localAndAnonymousClasses() {
    JavaFileObject source = badSource("LocalClass");
    Compilation compilation =
        Compiler.javac().withProcessors(new ScopeProcessor()).compile(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "@Enter method open is in a local or anonymous class, which cannot have a scope; move"
                + " it to a top-level or static nested class")
        .inFile(source)
        .onLineContaining("String open()");
    assertThat(compilation)
        .hadErrorContaining("@Exit method close is in a local or anonymous class")
        .inFile(source)
        .onLineContaining("void close()");
    assertThat(compilation)
        .hadErrorContaining("@Enter method acquire is in a local or anonymous class")
        .inFile(source)
        .onLineContaining("String acquire()");
  }

  @Test
  void annotationType() {
    assertSingleError(
        "AnnotationType",
        "Annotation type AnnotationType cannot have lifecycle methods; put them in a class,"
            + " interface, enum or record",
        "@interface AnnotationType");
  }

  @Test
  void typesTheScopeCannotAccess() {
    JavaFileObject source = badSource("InaccessibleTypes");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "@Enter method open uses InaccessibleTypes.Secret, which is not visible in package"
                + " test where the scope is generated; make InaccessibleTypes.Secret visible"
                + " there")
        .inFile(source)
        .onLineContaining("Secret open()");
    assertThat(compilation)
        .hadErrorContaining("@Rollback method rollback uses InaccessibleTypes.SecretFailure")
        .inFile(source)
        .onLineContaining("void rollback()");
    assertThat(compilation)
        .hadErrorContaining("@Rollback method rollback uses InaccessibleTypes.Forgiven")
        .inFile(source)
        .onLineContaining("Forgiven.class");
  }

  @Test
  void protectedTypeOfAnotherPackage() {
    JavaFileObject source = badSource("ProtectedElsewhere");
    Compilation compilation = compile(source, badSource("other/Base"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Enter method open uses Base.Token, which is not visible in package test")
        .inFile(source)
        .onLineContaining("Token open()");
  }

  @Test
  void scopeNameThatExists() {
    assertSingleError(
        "NameClash",
        "Cannot generate NameClashScope for NameClash because a type with that name already"
            + " exists; rename one of them",
        "class NameClash {");
  }

  @Test
  void twoClassesWithTheSameScopeName() {
    JavaFileObject source = badSource("NestedNameClash");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "Cannot generate NestedNameClash_InnerScope for NestedNameClash_Inner because a type"
                + " with that name already exists")
        .inFile(source)
        .onLineContaining("class NestedNameClash_Inner {");
    assertThat(scopeGen.written).containsExactly("test.NestedNameClash_InnerScope");
  }

  @Test
  void typeThatNeverExists() {
    JavaFileObject source = badSource("Missing");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.Missing because it refers to DoesNotExist, which does"
                + " not exist; fix the reference or the annotation processor that should generate"
                + " it")
        .inFile(source)
        .onLineContaining("class Missing");
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void classLiteralThatNeverExists() {
    JavaFileObject source = badSource("MissingFailure");
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen cannot process test.MissingFailure because it refers to a class named in"
                + " @Rollback(noRollbackFor), which does not exist")
        .inFile(source)
        .onLineContaining("class MissingFailure");
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(scopeGen.written).isEmpty();
  }

  @Test
  void fileThatAnotherProcessorAlreadyWrote() {
    JavaFileObject source = source("good", "Database");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new WritesSources(
                    Map.of("test.DatabaseScope", "package test;\n\nclass DatabaseScope {}\n")),
                new ScopeProcessor())
            .compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("Cannot write DatabaseScope: ")
        .inFile(source)
        .onLineContaining("public class Database");
    assertThat(compilation)
        .hadErrorContaining(
            "check that no other annotation processor writes a file of that name");
  }

  @Test
  void unexpectedExceptionBecomesAnErrorOnTheTypeNotAJavacCrash() {
    // The processor's own catch is what turns the exception into an error: javac would otherwise
    // report "An annotation processor threw an uncaught exception" and fail without a location.
    JavaFileObject database = source("good", "Database");
    JavaFileObject generators = source("good", "GeneratorTransactions");
    RecordingProcessor failing = new RecordingProcessor(new IllegalStateException("broken"));
    Compilation compilation = Compiler.javac().withProcessors(failing).compile(database, generators);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen failed unexpectedly while processing test.Database; please report this bug"
                + " with the code that triggers it. Details: java.lang.IllegalStateException:"
                + " broken")
        .inFile(database)
        .onLineContaining("public class Database");
    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen failed unexpectedly while processing test.GeneratorTransactions; please"
                + " report this bug")
        .inFile(generators)
        .onLineContaining("class GeneratorTransactions");
    assertThat(failing.written).isEmpty();
  }

  @Test
  void everyErrorOfAClassIsReportedAndCleanClassesStillGetTheirScope() {
    JavaFileObject source = badSource("SeveralErrors");
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("@Enter methods must not be private")
        .inFile(source)
        .onLineContaining("private String open()");
    assertThat(compilation)
        .hadErrorContaining("@Exit method close returns int")
        .inFile(source)
        .onLineContaining("int close(");
    assertThat(scopeGen.written).containsExactly("test.CleanScope");
  }

  private Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(scopeGen).compile(sources);
  }
}
