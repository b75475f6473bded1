package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scopegen.Enter;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The round loop of a step: a type deferred until the last round whose step then fails gets an
 * error on itself, not a javac crash.
 */
class StepRoundsTest {

  @Test
  void aStepThatFailsWhileReportingAMissingTypeBecomesAnErrorOnTheType() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "test.Gap",
            "package test;",
            "",
            "class Gap {",
            "  @dev.scopegen.Enter String open() { return null; }",
            "}");
    AlwaysDeferred step = new AlwaysDeferred();
    Compilation compilation = Compiler.javac().withProcessors(new Rounds(step)).compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ScopeGen failed unexpectedly while processing test.Gap; please report this bug with"
                + " the code that triggers it. Details: java.lang.IllegalStateException: broken")
        .inFile(source)
        .onLineContaining("class Gap");
    assertThat(step.processed).isEmpty();
  }

  /** Defers every type while rounds go on, then fails when asked what is missing at the end. */
  private static final class AlwaysDeferred implements StepRounds.Step {
    final List<TypeElement> processed = new ArrayList<>();
    private int asked;

    @Override
    public List<Class<? extends Annotation>> annotations() {
      return List.of(Enter.class);
    }

    @Override
    public Optional<String> missingType(TypeElement type) {
      if (++asked > 1) {
        throw new IllegalStateException("broken");
      }
      return Optional.of("Later");
    }

    @Override
    public void process(TypeElement type) {
      processed.add(type);
    }
  }

  /** Runs one step's rounds, as ScopeProcessor does. */
  @SupportedAnnotationTypes("dev.scopegen.*")
  private static final class Rounds extends AbstractProcessor {
    private final StepRounds.Step step;
    private StepRounds rounds;

    Rounds(StepRounds.Step step) {
      this.step = step;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (rounds == null) {
        rounds =
            new StepRounds(
                processingEnv.getElementUtils(),
                new ErrorReporter(processingEnv.getMessager()),
                step);
      }
      rounds.process(round);
      return false;
    }
  }
}
