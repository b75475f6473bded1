package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.STAGES;
import static dev.scopegen.processor.ClassNames.SYNCHRONOUS_EXIT;
import static dev.scopegen.processor.WriterSupport.code;
import static dev.scopegen.processor.WriterSupport.invocation;
import static dev.scopegen.processor.WriterSupport.rollsBackOn;
import static dev.scopegen.processor.WriterSupport.stageOf;
import static dev.scopegen.processor.WriterSupport.wrap;
import static javax.lang.model.element.Modifier.PROTECTED;
import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes how a scope exits. A scope whose exit waits on stages extends {@code HookedScope}, whose
 * {@code exit} runs an {@code ExitSequence} over hooks that the scope overrides: {@code commit},
 * {@code rollback} and {@code close} call the {@code @Commit}, {@code @Rollback} and {@code @Exit}
 * methods, each returning a stage. The hooks are methods of the scope, not of an anonymous {@code
 * ExitSequence} in {@code exit}, which would be one more class for javac to compile per scope. A
 * synchronous scope writes {@code exit} over {@code exitNow}, with its outcome in a completed
 * stage, or inherits it from {@code SynchronousScope}.
 */
final class ResourceExitWriter {

  /** {@code CompletionStage<?>}, what the commit and rollback hooks return. */
  private static final TypeName ANY_STAGE = stageOf(WildcardTypeName.subtypeOf(Object.class));

  private static final TypeName BOOLEAN = TypeName.BOOLEAN.box();

  private ResourceExitWriter() {}

  /**
   * Whether the scope extends {@code HookedScope}, whose {@code exit} runs the hooks that {@link
   * #hooks} writes: unless {@code exit} is written over {@code exitNow}.
   */
  static boolean hooked(ResourceClass resource) {
    return !exitsNow(resource);
  }

  /**
   * Returns the hooks of a {@link #hooked} scope that override {@code HookedScope}'s: one per
   * lifecycle method after {@code @Enter}, and {@code rollsBackOn} for {@code noRollbackFor}.
   *
   * @param resource a validated resource class
   * @return the methods
   */
  static List<MethodSpec> hooks(ResourceClass resource) {
    TypeName resourceType = resource.resourceType();
    List<MethodSpec> hooks = new ArrayList<>();
    resource
        .commit()
        .ifPresent(
            commit ->
                hooks.add(
                    hook("commit", "Commits", resourceType, false, ANY_STAGE, commit)
                        .addCode(stepCall(commit))
                        .build()));
    resource
        .rollback()
        .ifPresent(
            rollback ->
                hooks.add(
                    hook("rollback", "Rolls back", resourceType, true, ANY_STAGE, rollback)
                        .addCode(stepCall(rollback))
                        .build()));
    resource
        .exit()
        .ifPresent(
            exit ->
                hooks.add(
                    hook("close", "Exits", resourceType, true, stageOf(BOOLEAN), exit)
                        .addCode(closeCall(exit))
                        .build()));
    if (!resource.noRollbackFor().isEmpty()) {
      hooks.add(
          MethodSpec.methodBuilder("rollsBackOn")
              .addJavadoc(
                  "$L",
                  wrap(
                      "Whether {@code failure} rolls back; the types that {@code noRollbackFor}"
                          + " lists commit instead."))
              .addAnnotation(Override.class)
              .addModifiers(PROTECTED)
              .returns(boolean.class)
              .addParameter(Throwable.class, "failure")
              .addStatement("return $L", rollsBackOn(resource))
              .build());
    }
    return hooks;
  }

  /**
   * {@code exit} of a synchronous scope, unless {@code SynchronousScope}'s default does what it
   * would: when the scope neither commits nor rolls back, and its stage has nothing more to say
   * than what {@code exitNow} returns.
   *
   * @param resource a class whose lifecycle methods are all synchronous
   * @return the method, or empty
   */
  static Optional<MethodSpec> overridden(ResourceClass resource) {
    if (!exitsNow(resource) || (resource.commit().isEmpty() && resource.rollback().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        MethodSpec.methodBuilder("exit")
            .addJavadoc("$L", wrap("Exits the scope: " + exitSteps(resource) + "."))
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .returns(stageOf(BOOLEAN))
            .addParameter(resource.resourceType(), "resource")
            .addParameter(Throwable.class, "failure")
            .addCode(overExitNow(resource))
            .build());
  }

  /**
   * Whether {@code exit} is written over {@code exitNow}: when every method is synchronous, unless
   * the class commits and its exit can suppress. There, {@code exitNow} returns {@code true} after
   * success both when the exit suppressed a commit failure (the exit rolled back) and when it
   * returned {@code true} with nothing to suppress (the exit committed), which the JFR event tells
   * apart.
   */
  private static boolean exitsNow(ResourceClass resource) {
    return resource.isSynchronous()
        && !(resource.commit().isPresent() && resource.canSuppress());
  }

  /**
   * {@code exit} of a synchronous scope that commits or rolls back: {@code exitNow}, with the
   * outcome held in a completed stage, which says for the JFR event what the exit did, as an {@code ExitSequence}'s stage
   * would: committed when the commit ran and succeeded (after success, or after a failure that
   * {@code noRollbackFor} lists), rolled back when the rollback ran. Which of these ran follows
   * from the outcome: a commit or rollback that failed after a failure has been added to it as
   * suppressed, and the event then reports a failure whatever the kind.
   */
  private static CodeBlock overExitNow(ResourceClass resource) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .addStatement("boolean suppress")
            .beginControlFlow("try")
            .addStatement("suppress = exitNow(resource, failure)")
            .nextControlFlow("catch ($T exitFailure)", Throwable.class)
            .addStatement("return $T.failed(exitFailure)", STAGES)
            .endControlFlow();
    boolean noRollbackFor = !resource.noRollbackFor().isEmpty();
    String committed = "return $T.committed(suppress)";
    if (resource.rollback().isPresent()) {
      code.beginControlFlow(
              noRollbackFor ? "if (failure != null && rollsBackOn(failure))" : "if (failure != null)")
          .addStatement("return $T.rolledBack(suppress)", SYNCHRONOUS_EXIT)
          .endControlFlow();
      if (resource.commit().isPresent()) {
        // The commit ran in every other case.
        return code.addStatement(committed, SYNCHRONOUS_EXIT).build();
      }
    } else {
      code.beginControlFlow(
              noRollbackFor ? "if (failure == null || !rollsBackOn(failure))" : "if (failure == null)")
          .addStatement(committed, SYNCHRONOUS_EXIT)
          .endControlFlow();
    }
    return code.addStatement("return $T.of(suppress)", STAGES).build();
  }

  private static String exitSteps(ResourceClass resource) {
    List<String> steps = new ArrayList<>();
    resource.commit().ifPresent(method -> steps.add(code(method) + " after success"));
    resource.rollback().ifPresent(method -> steps.add(code(method) + " after a failure"));
    String sequence = String.join(" or ", steps);
    Optional<String> exit = resource.exit().map(WriterSupport::code);
    if (sequence.isEmpty()) {
      return "calls " + exit.orElseThrow();
    }
    return "calls " + sequence + exit.map(close -> ", then " + close).orElse("");
  }

  /** The hook of {@code HookedScope} that calls {@code method}, without its body. */
  private static MethodSpec.Builder hook(
      String name,
      String does,
      TypeName resourceType,
      boolean takesFailure,
      TypeName returns,
      LifecycleMethod method) {
    MethodSpec.Builder hook =
        MethodSpec.methodBuilder(name)
            .addJavadoc("$L: calls {@code $N()}.\n", does, method.name())
            .addAnnotation(Override.class)
            .addModifiers(PROTECTED)
            .returns(returns)
            .addParameter(resourceType, "resource");
    if (takesFailure) {
      hook.addParameter(Throwable.class, "failure");
    }
    return hook.addExceptions(method.exceptions());
  }

  /** The body of the commit or rollback hook: the call, and a completed stage if synchronous. */
  private static CodeBlock stepCall(LifecycleMethod method) {
    CodeBlock call = invocation(method, "resource", "failure");
    if (method.async()) {
      return CodeBlock.builder().addStatement("return $L", call).build();
    }
    return CodeBlock.builder()
        .addStatement("$L", call)
        .addStatement("return $T.done()", STAGES)
        .build();
  }

  /** The body of the close hook, which completes with whether to suppress the failure. */
  private static CodeBlock closeCall(LifecycleMethod exit) {
    CodeBlock call = invocation(exit, "resource", "failure");
    if (exit.async() && exit.valued()) {
      return CodeBlock.builder().addStatement("return $L", call).build();
    }
    if (exit.async()) {
      return CodeBlock.builder().addStatement("return $T.thenFalse($L)", STAGES, call).build();
    }
    if (exit.valued()) {
      return CodeBlock.builder().addStatement("return $T.of($L)", STAGES, call).build();
    }
    return CodeBlock.builder()
        .addStatement("$L", call)
        .addStatement("return $T.of(false)", STAGES)
        .build();
  }
}
