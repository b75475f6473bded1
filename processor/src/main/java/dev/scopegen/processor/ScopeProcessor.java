package dev.scopegen.processor;

import static java.util.stream.Collectors.toSet;

import com.google.auto.service.AutoService;
import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.ScopedResource;
import java.lang.annotation.Annotation;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The ScopeGen annotation processor: writes a {@code <Name>Scope} for every class with an
 * {@link Enter @Enter} method and a {@code <Enclosing>Scopes} for every type with {@link
 * ScopedResource @ScopedResource} methods.
 *
 * <p>This class only dispatches: {@link LocalClassScanner} reports annotated methods that no step
 * can see, {@link ResourceStep} handles resource classes and {@link GeneratorStep} generator
 * methods. All of them report through one {@link ErrorReporter}, and both steps write through one
 * {@link SourceFiles}, so that a generated name that clashes with a class the other step wrote is
 * reported too. Each step validates a whole type, reports every error on the offending element, and
 * generates only when the type is clean. Types that refer to classes not generated yet are
 * deferred to the next round.
 *
 * <p>Three checks read method bodies with javac's tree API: local classes, unused yield
 * parameters, and the warnings about cleanup after a yield that the body's failure skips. With
 * another compiler (such as Eclipse's) they cannot run, and the first round says so in one note.
 */
@AutoService(Processor.class)
public final class ScopeProcessor extends AbstractProcessor {

  /** The annotations this processor handles, searched for once per round for both steps. */
  private static final Set<Class<? extends Annotation>> ANNOTATIONS =
      Set.of(Enter.class, Exit.class, Commit.class, Rollback.class, ScopedResource.class);

  private ErrorReporter reporter;
  private SourceFiles files;
  private LocalClassScanner localClasses;
  private StepRounds resources;
  private StepRounds generators;
  private boolean started;

  /** Creates the processor; compilers find it through {@code META-INF/services}. */
  public ScopeProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    reporter = new ErrorReporter(processingEnv.getMessager());
    files = new SourceFiles(processingEnv, reporter);
    localClasses = LocalClassScanner.create(processingEnv, reporter);
    resources =
        new StepRounds(
            processingEnv.getElementUtils(),
            reporter,
            new ResourceStep(processingEnv, reporter, files));
    generators =
        new StepRounds(
            processingEnv.getElementUtils(),
            reporter,
            new GeneratorStep(processingEnv, reporter, files));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS.stream().map(Class::getCanonicalName).collect(toSet());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!started) {
      started = true;
      if (!localClasses.readsTrees()) {
        reporter.note(Messages.TREE_CHECKS_SKIPPED);
      }
    }
    files.addRootTypes(round);
    localClasses.report(round.getRootElements(), files.writtenTypes());
    Set<? extends Element> annotated =
        round.processingOver() ? Set.of() : round.getElementsAnnotatedWithAny(ANNOTATIONS);
    resources.process(round, annotated);
    generators.process(round, annotated);
    return false;
  }
}
