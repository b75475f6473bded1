package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/** What the processor's tests share: sources, compilations and processors that run beside ours. */
final class ProcessorTesting {

  private ProcessorTesting() {}

  /**
   * The test source {@code <folder>/<name>.java}: {@code good} (compiles, with golden files),
   * {@code bad} (breaks a rule) or {@code deferred} (refers to types generated in a later round).
   */
  static JavaFileObject source(String folder, String name) {
    return JavaFileObjects.forResource(folder + "/" + name + ".java");
  }

  /** The source {@code bad/<name>.java}, a class that breaks a rule. */
  static JavaFileObject badSource(String name) {
    return source("bad", name);
  }

  /**
   * Compiles {@code bad/<name>.java} and checks that the only error is {@code message}, on the line
   * containing {@code line}, and that nothing was written.
   */
  static void assertSingleError(String name, String message, String line) {
    JavaFileObject source = badSource(name);
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(processor.written).isEmpty();
  }

  /**
   * Runs the processor in an environment that forwards to javac's and records the source files it
   * creates: compile-testing shows generated files only when compilation succeeds. That environment
   * is not javac's own, as with some build tools, so javac's tree API refuses it and the processor
   * must do without (no check of local classes or of unused yields).
   */
  static final class RecordingProcessor extends AbstractProcessor {
    /** The qualified names of the source files created so far. */
    final List<String> written = new ArrayList<>();

    private final ScopeProcessor processor = new ScopeProcessor();
    private final RuntimeException writeFailure;

    /** Records the files the processor writes. */
    RecordingProcessor() {
      this(null);
    }

    /**
     * Records the files the processor writes, but makes each {@code createSourceFile} throw {@code
     * writeFailure} first, as a broken build tool's {@code Filer} could.
     */
    RecordingProcessor(RuntimeException writeFailure) {
      this.writeFailure = writeFailure;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      Filer filer =
          forwarding(
              Filer.class,
              env.getFiler(),
              (method, arguments) -> {
                if (method.getName().equals("createSourceFile")) {
                  if (writeFailure != null) {
                    throw writeFailure;
                  }
                  written.add(arguments[0].toString());
                }
                return null;
              });
      processor.init(
          forwarding(
              ProcessingEnvironment.class,
              env,
              (method, arguments) -> method.getName().equals("getFiler") ? filer : null));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return processor.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return processor.getSupportedSourceVersion();
    }

    // Claims exactly what the processor it stands in for claims.
    @SuppressWarnings("DoNotClaimAnnotations")
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return processor.process(annotations, round);
    }

    /**
     * An implementation of {@code type} that calls {@code override} first, then {@code delegate}
     * when the override returns {@code null}.
     */
    private static <T> T forwarding(
        Class<T> type, T delegate, BiFunction<Method, Object[], Object> override) {
      return type.cast(
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (proxy, method, arguments) -> {
                Object result = override.apply(method, arguments);
                if (result != null) {
                  return result;
                }
                try {
                  return method.invoke(delegate, arguments);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }));
    }
  }

  /** A processor that runs beside ScopeGen in every round, whatever the sources. */
  abstract static class ProcessorOfEverything extends AbstractProcessor {

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }
  }

  /**
   * Writes some source files in the first round, as another annotation processor could: types that
   * ScopeGen waits for, or a file that ScopeGen wants to write too.
   */
  static final class WritesSources extends ProcessorOfEverything {
    private final Map<String, String> sources;
    private boolean written;

    /**
     * @param sources the text of each file, by the qualified name of its type
     */
    WritesSources(Map<String, String> sources) {
      this.sources = sources;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      sources.forEach(
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
