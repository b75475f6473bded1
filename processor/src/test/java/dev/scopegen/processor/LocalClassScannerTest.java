package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scopegen.processor.ProcessorTesting.ProcessorOfEverything;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The local-class check reads each file's syntax trees on its own: a file whose trees cannot be read
 * is an error on its type, not a javac crash, and the other files are still checked. The files of
 * the classes that the processor wrote are not read.
 */
class LocalClassScannerTest {

  private static final JavaFileObject GAP =
      JavaFileObjects.forSourceLines(
          "test.Gap",
          "package test;",
          "",
          "import dev.scopegen.Rollback;",
          "",
          "class Gap {",
          "  void method() {",
          "    class Local {",
          "      @Rollback void undo() {}",
          "    }",
          "  }",
          "}");

  @Test
  void aRootWhoseTreesCannotBeReadIsAnErrorOnItAndTheNextRootIsStillChecked() {
    ScansUnreadableRootFirst processor = new ScansUnreadableRootFirst();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(GAP);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Rollback method undo is in a local or anonymous class")
        .inFile(GAP)
        .onLineContaining("void undo()");
    assertThat(processor.messages).hasSize(1);
    assertThat(processor.messages.get(0))
        .startsWith(
            "ERROR on test.Gap: ScopeGen failed unexpectedly while processing test.Gap; please"
                + " report this bug");
    assertThat(processor.messages.get(0)).contains(IllegalArgumentException.class.getName());
    assertThat(processor.errorCount).isEqualTo(2);
  }

  @Test
  void aFileOfAClassThatTheProcessorWroteIsNotRead() {
    ScansRoots skipsGap = new ScansRoots(Set.of("test.Gap"));
    assertThat(Compiler.javac().withProcessors(skipsGap).compile(GAP)).succeeded();
    assertThat(skipsGap.errorCount).isEqualTo(0);

    ScansRoots skipsOther = new ScansRoots(Set.of("test.Other"));
    assertThat(Compiler.javac().withProcessors(skipsOther).compile(GAP)).hadErrorCount(1);
    assertThat(skipsOther.errorCount).isEqualTo(1);
  }

  /** Runs the scanner on the roots of each round, as if it had written the classes named. */
  private static final class ScansRoots extends ProcessorOfEverything {
    private final Set<String> written;
    int errorCount;

    ScansRoots(Set<String> written) {
      this.written = written;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      ErrorReporter reporter = new ErrorReporter(processingEnv.getMessager());
      LocalClassScanner.create(processingEnv, reporter).report(round.getRootElements(), written);
      errorCount += reporter.errorCount();
      return false;
    }
  }

  /**
   * Runs the scanner on two roots: first a stand-in for {@code test.Gap} that javac's tree API
   * refuses because javac did not create it, then {@code test.Gap} itself. The scanner's errors on
   * elements go to a recording {@link Messager} (javac's would refuse the stand-in too); its errors
   * on trees go to javac.
   */
  private static final class ScansUnreadableRootFirst extends ProcessorOfEverything {
    final List<String> messages = new ArrayList<>();
    int errorCount = -1;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (round.processingOver()) {
        return false;
      }
      ErrorReporter reporter = new ErrorReporter(new RecordingMessager(messages));
      TypeElement gap = processingEnv.getElementUtils().getTypeElement("test.Gap");
      TypeElement standIn =
          (TypeElement)
              Proxy.newProxyInstance(
                  TypeElement.class.getClassLoader(),
                  new Class<?>[] {TypeElement.class},
                  (proxy, method, arguments) -> {
                    try {
                      return method.invoke(gap, arguments);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      LocalClassScanner.create(processingEnv, reporter)
          .report(new LinkedHashSet<>(List.of(standIn, gap)));
      errorCount = reporter.errorCount();
      return false;
    }
  }

  /** Records each message on an element as {@code "KIND on element: text"}. */
  private static final class RecordingMessager implements Messager {
    private final List<String> messages;

    RecordingMessager(List<String> messages) {
      this.messages = messages;
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence message) {
      messages.add(kind + ": " + message);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence message, Element element) {
      messages.add(kind + " on " + element + ": " + message);
    }

    @Override
    public void printMessage(
        Diagnostic.Kind kind, CharSequence message, Element element, AnnotationMirror annotation) {
      printMessage(kind, message, element);
    }

    @Override
    public void printMessage(
        Diagnostic.Kind kind,
        CharSequence message,
        Element element,
        AnnotationMirror annotation,
        AnnotationValue value) {
      printMessage(kind, message, element);
    }
  }
}
