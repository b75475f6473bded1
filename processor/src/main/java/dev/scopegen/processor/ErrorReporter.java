package dev.scopegen.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports compile errors on the exact element (and annotation value) that causes them, and counts
 * them, so that a step can validate a whole type, report every problem it finds, and generate code
 * only when validating the type reported nothing:
 *
 * <pre>{@code
 * int before = reporter.errorCount();
 * ... validate, calling reporter.error(...) for each problem ...
 * if (reporter.errorCount() == before) { write the type }
 * }</pre>
 */
final class ErrorReporter {

  private final Messager messager;
  private int errorCount;

  ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /**
   * Reports an error on {@code element}.
   *
   * @param element the offending element
   * @param message the rule that it breaks
   * @param arguments the values of the message's placeholders
   */
  void error(Element element, Messages message, Object... arguments) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element);
  }

  /**
   * Reports an error on an annotation of {@code element}, so that the compiler points at the
   * annotation.
   *
   * @param element the annotated element
   * @param annotation the offending annotation
   * @param message the rule that it breaks
   * @param arguments the values of the message's placeholders
   */
  void error(
      Element element, AnnotationMirror annotation, Messages message, Object... arguments) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation);
  }

  /**
   * Reports an error on one value of an annotation of {@code element}.
   *
   * @param element the annotated element
   * @param annotation the annotation
   * @param value the offending value
   * @param message the rule that it breaks
   * @param arguments the values of the message's placeholders
   */
  void error(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Messages message,
      Object... arguments) {
    errorCount++;
    messager.printMessage(
        Diagnostic.Kind.ERROR, message.format(arguments), element, annotation, value);
  }

  /**
   * Reports an error on a syntax tree, for the checks that read method bodies, whose elements
   * annotation processing does not model.
   *
   * @param trees javac's tree API
   * @param tree the offending tree
   * @param file the file that contains it
   * @param message the rule that it breaks
   * @param arguments the values of the message's placeholders
   */
  void error(
      Trees trees, Tree tree, CompilationUnitTree file, Messages message, Object... arguments) {
    errorCount++;
    trees.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), tree, file);
  }

  /**
   * Reports a warning on a syntax tree: a likely bug in a method body that the code may also mean.
   * Warnings do not count as errors: the scope is generated all the same.
   *
   * @param trees javac's tree API
   * @param tree the tree to point at
   * @param file the file that contains it
   * @param message what is likely wrong, and how to fix or silence it
   * @param arguments the values of the message's placeholders
   */
  void warning(
      Trees trees, Tree tree, CompilationUnitTree file, Messages message, Object... arguments) {
    trees.printMessage(Diagnostic.Kind.WARNING, message.format(arguments), tree, file);
  }

  /**
   * Reports a note that concerns the whole compilation rather than one element.
   *
   * @param message what the user should know
   * @param arguments the values of the message's placeholders
   */
  void note(Messages message, Object... arguments) {
    messager.printMessage(Diagnostic.Kind.NOTE, message.format(arguments));
  }

  /**
   * Reports an unexpected exception thrown while processing {@code type} as an error on it, so that
   * a bug in the processor becomes a compile error with a stack trace instead of a javac crash.
   *
   * @param type the type being processed
   * @param exception what went wrong
   */
  void internalError(Element type, Throwable exception) {
    StringWriter stackTrace = new StringWriter();
    exception.printStackTrace(new PrintWriter(stackTrace));
    error(type, Messages.INTERNAL_ERROR, type, stackTrace);
  }

  /**
   * Returns how many errors this reporter reported so far.
   *
   * @return the number of errors
   */
  int errorCount() {
    return errorCount;
  }
}
