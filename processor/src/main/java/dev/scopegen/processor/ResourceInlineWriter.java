package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.BLOCKING;
import static dev.scopegen.processor.ClassNames.FAILURES;
import static dev.scopegen.processor.WriterSupport.invocation;
import static dev.scopegen.processor.WriterSupport.wrap;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inline {@code call} and {@code run} of a resource class: plain try/catch code on the calling
 * thread, with no future and no allocation, and the private helpers it calls after a failure; and,
 * when every lifecycle method is synchronous, {@code enterNow} and {@code exitNow} of {@code
 * SynchronousScope}, the same code with the outcome returned or thrown.
 *
 * <p>An asynchronous method is called the same way, and its stage awaited on the spot through
 * {@code Blocking} (an enter's wait can be interrupted, a cleanup's cannot). A failure of its stage
 * that propagates from {@code call} goes through {@code Blocking.undeclared}, which wraps a checked
 * one that {@code call} does not declare in a {@code CompletionException}.
 *
 * <p>The code follows {@code ExitSequence} step for step:
 *
 * <ul>
 *   <li>After success: commit, then exit with no failure. A failing commit becomes the failure:
 *       rollback and exit see it, and it propagates unless exit suppresses it (then the body's
 *       result stands). A failing exit after success propagates.
 *   <li>After a body failure: rollback (or commit, for the types of {@code noRollbackFor}, and
 *       rollback after all if that commit fails), then exit with the failure. Their failures are
 *       added to it as suppressed, and it propagates unless exit suppresses it.
 * </ul>
 *
 * <p>Helpers: {@code abort} (rollback, then exit), {@code commitDespite} (the {@code
 * noRollbackFor} commit), {@code exitAfter} (exit after a failure, when two helpers need it) and
 * {@code rollsBackOn} (the {@code noRollbackFor} test). Each exists only when the class needs it.
 */
final class ResourceInlineWriter {

  private final ResourceClass resource;
  /** The resource as the code names it: the entered value, or the target itself. */
  private final String resourceName;
  private final boolean suppresses;
  private final boolean hasAbort;
  private final boolean hasNoRollbackFor;
  private final boolean hasExitAfter;
  /** Which checked failures {@code call} declares, for {@code Blocking}. */
  private final CodeBlock declares;

  ResourceInlineWriter(ResourceClass resource) {
    this.resource = resource;
    this.resourceName = resource.enter().valued() ? "resource" : "target";
    this.suppresses = resource.canSuppress();
    this.hasAbort = resource.rollback().isPresent() || resource.exit().isPresent();
    this.hasNoRollbackFor = !resource.noRollbackFor().isEmpty();
    this.hasExitAfter = hasNoRollbackFor && resource.exit().isPresent();
    this.declares = ResourceWriter.declared(resource);
  }

  /** The body of {@code call}, which returns the body's result of type {@code result}. */
  CodeBlock call(TypeVariableName result) {
    CodeBlock.Builder code = CodeBlock.builder().add(enter());
    String apply = "body.apply(" + resourceName + ")";
    if (hasAbort) {
      code.addStatement("$T result", result)
          .beginControlFlow("try")
          .addStatement("result = $L", apply)
          .nextControlFlow("catch ($T failure)", Throwable.class)
          .add(afterBodyFailure("return null"))
          .endControlFlow();
    } else {
      code.addStatement("$T result = $L", result, apply);
    }
    return code.add(afterSuccess("return result")).addStatement("return result").build();
  }

  /** The body of {@code run}. */
  CodeBlock run() {
    CodeBlock.Builder code = CodeBlock.builder().add(enter());
    String accept = "body.accept(" + resourceName + ")";
    if (hasAbort) {
      code.beginControlFlow("try")
          .addStatement("$L", accept)
          .nextControlFlow("catch ($T failure)", Throwable.class)
          .add(afterBodyFailure("return"))
          .endControlFlow();
    } else {
      code.addStatement("$L", accept);
    }
    return code.add(afterSuccess("return")).build();
  }

  /**
   * {@code enterNow} of {@code SynchronousScope}: what {@code enter} does, with the resource
   * returned and the failure thrown.
   */
  MethodSpec enterNow() {
    LifecycleMethod enter = resource.enter();
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("enterNow")
            .addJavadoc(
                "Enters the scope on the calling thread: calls {@code $N()}, as {@code enter()}"
                    + " does.\n\n",
                enter.name())
            .addJavadoc("@return the resource\n")
            .addJavadoc(throwsJavadoc(enter.exceptions()))
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .returns(resource.resourceType())
            .addExceptions(enter.exceptions());
    if (enter.valued()) {
      return method.addStatement("return target.$N()", enter.name()).build();
    }
    return method
        .addStatement("target.$N()", enter.name())
        .addStatement("return target")
        .build();
  }

  /**
   * {@code exitNow} of {@code SynchronousScope}: what {@code exit}'s {@code ExitSequence} does, on
   * the calling thread, with the code of {@code call}.
   */
  MethodSpec exitNow() {
    Set<TypeName> exceptions = new LinkedHashSet<>();
    resource.commit().ifPresent(commit -> exceptions.addAll(commit.exceptions()));
    resource.exit().ifPresent(exit -> exceptions.addAll(exit.exceptions()));
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("exitNow")
            .addJavadoc(
                "$L",
                wrap(
                    "Exits the scope on the calling thread, as {@code exit(resource, failure)}"
                        + " does, with the outcome returned or thrown instead of held in a stage."
                        + " Cleanup failures after {@code failure} are added to it as"
                        + " suppressed."))
            .addJavadoc("\n@param resource the resource {@code enterNow()} returned\n")
            .addJavadoc("@param failure the failure in flight, or {@code null}\n")
            .addJavadoc(
                "@return $L\n",
                suppresses
                    ? "{@code true} if the exit suppressed {@code failure}"
                    : "{@code false}")
            .addJavadoc(throwsJavadoc(List.copyOf(exceptions)))
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .returns(boolean.class)
            .addParameter(resource.resourceType(), "resource")
            .addParameter(Throwable.class, "failure")
            .addExceptions(exceptions);
    if (!hasAbort) {
      // Only a commit, after success.
      return method
          .beginControlFlow("if (failure == null)")
          .addCode(commit("resource", "commitFailure", "return true"))
          .endControlFlow()
          .addStatement("return false")
          .build();
    }
    method.beginControlFlow("if (failure != null)");
    if (suppresses) {
      method.addStatement("return $L", suppressedAfterFailure("resource"));
    } else {
      method.addCode(cleanupAfterFailure("resource")).addStatement("return false");
    }
    method.endControlFlow().addCode(commit("resource", "commitFailure", "return true"));
    Optional<LifecycleMethod> exit = resource.exit();
    if (exit.isPresent() && exit.get().valued()) {
      return method.addStatement("return $L", invocation(exit.get(), "resource", null)).build();
    }
    exit.ifPresent(close -> method.addStatement("$L", invocation(close, "resource", null)));
    return method.addStatement("return false").build();
  }

  private static CodeBlock throwsJavadoc(List<TypeName> exceptions) {
    CodeBlock.Builder javadoc = CodeBlock.builder();
    for (TypeName exception : exceptions) {
      javadoc.add("@throws $T if a lifecycle method fails with it\n", exception);
    }
    return javadoc.build();
  }

  /** The private helpers that {@link #call} and {@link #run} use. */
  List<MethodSpec> helpers() {
    List<MethodSpec> helpers = new ArrayList<>();
    if (hasAbort) {
      helpers.add(abort());
    }
    if (hasNoRollbackFor && resource.commit().isPresent()) {
      helpers.add(commitDespite());
    }
    if (hasExitAfter) {
      helpers.add(exitAfter());
    }
    if (hasNoRollbackFor && !ResourceExitWriter.hooked(resource)) {
      // A hooked scope's rollsBackOn overrides HookedScope's, and the inline code calls that one.
      helpers.add(rollsBackOn());
    }
    return helpers;
  }

  private CodeBlock enter() {
    LifecycleMethod enter = resource.enter();
    CodeBlock.Builder code = CodeBlock.builder();
    if (enter.async() && enter.valued()) {
      return code.addStatement(
              "$T resource =$W$T.enter(this, target.$N(),$W$L)",
              resource.resourceType(),
              BLOCKING,
              enter.name(),
              declares)
          .build();
    }
    if (enter.async()) {
      return code.addStatement(
              "$T.enter(this, target.$N(), target,$W$L)", BLOCKING, enter.name(), declares)
          .build();
    }
    if (enter.valued()) {
      return code.addStatement("$T resource = target.$N()", resource.resourceType(), enter.name())
          .build();
    }
    return code.addStatement("target.$N()", enter.name()).build();
  }

  /**
   * The call of a commit, rollback or exit method, as a statement: an asynchronous method's stage
   * is awaited.
   */
  private static CodeBlock step(LifecycleMethod method, String named, String failure) {
    CodeBlock call = invocation(method, named, failure);
    return method.async() ? CodeBlock.of("$T.await($L)", BLOCKING, call) : call;
  }

  /** The call of an exit method that can suppress, as a {@code boolean} expression. */
  private static CodeBlock suppressing(LifecycleMethod exit, String named, String failure) {
    CodeBlock call = invocation(exit, named, failure);
    return exit.async()
        ? CodeBlock.of("$T.TRUE.equals($T.await($L))", Boolean.class, BLOCKING, call)
        : call;
  }

  /**
   * How a catch block rethrows {@code caught}, a failure that propagates from a step: as it is
   * after a synchronous method, which {@code call} declares; through {@code Blocking.undeclared}
   * after an asynchronous one.
   */
  private CodeBlock rethrow(LifecycleMethod method, String caught) {
    return method.async()
        ? CodeBlock.builder()
            .addStatement("throw $T.undeclared($N,$W$L)", BLOCKING, caught, declares)
            .build()
        : CodeBlock.builder().addStatement("throw $N", caught).build();
  }

  /** Commit, then exit with no failure; a commit failure aborts. */
  private CodeBlock afterSuccess(String returnWhenSuppressed) {
    CodeBlock.Builder code =
        CodeBlock.builder().add(commit(resourceName, "failure", returnWhenSuppressed));
    resource
        .exit()
        .ifPresent(
            exit -> {
              CodeBlock call = step(exit, resourceName, null);
              if (exit.async()) {
                code.beginControlFlow("try")
                    .addStatement("$L", call)
                    .nextControlFlow("catch ($T failure)", Throwable.class)
                    .add(rethrow(exit, "failure"))
                    .endControlFlow();
              } else {
                code.addStatement("$L", call);
              }
            });
    return code.build();
  }

  /**
   * The commit after success, if the class has one; its failure, caught as {@code caught}, aborts
   * and propagates unless the exit suppresses it.
   */
  private CodeBlock commit(String named, String caught, String returnWhenSuppressed) {
    CodeBlock.Builder code = CodeBlock.builder();
    resource
        .commit()
        .ifPresent(
            commit -> {
              CodeBlock call = step(commit, named, null);
              if (hasAbort) {
                code.beginControlFlow("try")
                    .addStatement("$L", call)
                    .nextControlFlow("catch ($T $N)", Throwable.class, caught)
                    .add(abortAndRethrow(named, caught, returnWhenSuppressed))
                    .add(rethrow(commit, caught))
                    .endControlFlow();
              } else if (commit.async()) {
                code.beginControlFlow("try")
                    .addStatement("$L", call)
                    .nextControlFlow("catch ($T $N)", Throwable.class, caught)
                    .add(rethrow(commit, caught))
                    .endControlFlow();
              } else {
                code.addStatement("$L", call);
              }
            });
    return code.build();
  }

  /** Inside {@code catch (Throwable failure)} around the body. */
  private CodeBlock afterBodyFailure(String returnWhenSuppressed) {
    CodeBlock.Builder code = CodeBlock.builder();
    if (suppresses) {
      code.beginControlFlow("if ($L)", suppressedAfterFailure(resourceName))
          .addStatement("$L", returnWhenSuppressed)
          .endControlFlow();
    } else {
      code.add(cleanupAfterFailure(resourceName));
    }
    return code.addStatement("throw failure").build();
  }

  /**
   * When the exit can suppress: the rollback (or the {@code noRollbackFor} commit) and the exit
   * after {@code failure}, as an expression that tells whether the exit suppressed it.
   */
  private String suppressedAfterFailure(String named) {
    String abort = "abort(" + named + ", failure)";
    if (!hasNoRollbackFor) {
      return abort;
    }
    String commitInstead =
        resource.commit().isPresent()
            ? "commitDespite(" + named + ", failure)"
            : "exitAfter(" + named + ", failure)";
    return "rollsBackOn(failure) ? " + abort + " : " + commitInstead;
  }

  /**
   * When the exit cannot suppress: the rollback (or the {@code noRollbackFor} commit) and the exit
   * after {@code failure}, as statements.
   */
  private CodeBlock cleanupAfterFailure(String named) {
    String abort = "abort(" + named + ", failure)";
    if (!hasNoRollbackFor) {
      return CodeBlock.builder().addStatement("$L", abort).build();
    }
    Optional<String> commitInstead =
        resource.commit().isPresent()
            ? Optional.of("commitDespite(" + named + ", failure)")
            : resource.exit().map(exit -> "exitAfter(" + named + ", failure)");
    CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("if (rollsBackOn(failure))");
    code.addStatement("$L", abort);
    commitInstead.ifPresent(
        commit -> code.nextControlFlow("else").addStatement("$L", commit));
    return code.endControlFlow().build();
  }

  /** The abort after {@code caught}, a commit failure; the caller adds the rethrow. */
  private CodeBlock abortAndRethrow(String named, String caught, String returnWhenSuppressed) {
    String abort = "abort(" + named + ", " + caught + ")";
    CodeBlock.Builder code = CodeBlock.builder();
    if (suppresses) {
      code.beginControlFlow("if ($L)", abort)
          .addStatement("$L", returnWhenSuppressed)
          .endControlFlow();
    } else {
      code.addStatement("$L", abort);
    }
    return code.build();
  }

  private MethodSpec abort() {
    List<String> steps = new ArrayList<>();
    resource.rollback().ifPresent(rollback -> steps.add("Rolls back"));
    resource.exit().ifPresent(exit -> steps.add(steps.isEmpty() ? "Exits" : "exits"));
    MethodSpec.Builder abort =
        helper("abort", String.join(" and ", steps) + " after {@code failure}");
    resource
        .rollback()
        .ifPresent(
            rollback ->
                abort.addCode(
                    suppressingFailure(step(rollback, "resource", "failure"), "rollbackFailure")));
    resource
        .exit()
        .ifPresent(
            exit -> {
              if (hasExitAfter) {
                abort.addStatement(
                    suppresses ? "return exitAfter(resource, failure)" : "exitAfter(resource, failure)");
              } else {
                abort.addCode(exitSuppressingFailure(exit));
              }
            });
    return abort.build();
  }

  private MethodSpec commitDespite() {
    LifecycleMethod commit = resource.commit().orElseThrow();
    boolean exits = resource.exit().isPresent();
    MethodSpec.Builder helper =
        helper(
            "commitDespite",
            "Commits although the body failed with {@code failure}, which {@code noRollbackFor}"
                + " lists, "
                + (exits ? "then exits; rolls back after all" : "and rolls back after all")
                + " if the commit fails");
    helper
        .beginControlFlow("try")
        .addStatement("$L", step(commit, "resource", "failure"))
        .nextControlFlow("catch ($T commitFailure)", Throwable.class)
        .addStatement("$T.addSuppressed(failure, commitFailure)", FAILURES);
    if (suppresses) {
      helper.addStatement("return abort(resource, failure)").endControlFlow();
      return helper.addStatement("return exitAfter(resource, failure)").build();
    }
    helper.addStatement("abort(resource, failure)");
    if (exits) {
      helper.addStatement("return").endControlFlow().addStatement("exitAfter(resource, failure)");
    } else {
      helper.endControlFlow();
    }
    return helper.build();
  }

  private MethodSpec exitAfter() {
    return helper("exitAfter", "Exits after {@code failure}")
        .addCode(exitSuppressingFailure(resource.exit().orElseThrow()))
        .build();
  }

  private MethodSpec rollsBackOn() {
    return MethodSpec.methodBuilder("rollsBackOn")
        .addJavadoc(
            "$L",
            wrap(
                "Whether {@code failure} rolls back; the types that {@code noRollbackFor} lists"
                    + " commit instead."))
        .addModifiers(PRIVATE, STATIC)
        .returns(boolean.class)
        .addParameter(Throwable.class, "failure")
        .addStatement("return $L", WriterSupport.rollsBackOn(resource))
        .build();
  }

  /**
   * A private helper taking the resource and a failure; it returns whether {@code @Exit}
   * suppressed the failure when the exit method can suppress.
   */
  private MethodSpec.Builder helper(String name, String summary) {
    String javadoc =
        summary
            + (suppresses ? "; returns whether the exit suppressed it" : "")
            + ". Cleanup failures are added to {@code failure} as suppressed.";
    return MethodSpec.methodBuilder(name)
        .addJavadoc("$L", wrap(javadoc))
        .addModifiers(PRIVATE)
        .returns(suppresses ? TypeName.BOOLEAN : TypeName.VOID)
        .addParameter(resource.resourceType(), "resource")
        .addParameter(Throwable.class, "failure");
  }

  /** The exit after {@code failure}, its own failure suppressed onto it. */
  private CodeBlock exitSuppressingFailure(LifecycleMethod exit) {
    if (!suppresses) {
      return suppressingFailure(step(exit, "resource", "failure"), "exitFailure");
    }
    return CodeBlock.builder()
        .beginControlFlow("try")
        .addStatement("return $L", suppressing(exit, "resource", "failure"))
        .nextControlFlow("catch ($T exitFailure)", Throwable.class)
        .addStatement("$T.addSuppressed(failure, exitFailure)", FAILURES)
        .endControlFlow()
        .addStatement("return false")
        .build();
  }

  /** {@code try { call; } catch (Throwable name) { Failures.addSuppressed(failure, name); }} */
  private static CodeBlock suppressingFailure(CodeBlock call, String name) {
    return CodeBlock.builder()
        .beginControlFlow("try")
        .addStatement("$L", call)
        .nextControlFlow("catch ($T $N)", Throwable.class, name)
        .addStatement("$T.addSuppressed(failure, $N)", FAILURES, name)
        .endControlFlow()
        .build();
  }
}
