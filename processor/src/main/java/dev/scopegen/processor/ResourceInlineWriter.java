package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.FAILURES;
import static dev.scopegen.processor.WriterSupport.invocation;
import static dev.scopegen.processor.WriterSupport.wrap;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inline {@code call} and {@code run} of a resource class whose lifecycle methods are all
 * synchronous: plain try/catch code on the calling thread, with no future and no allocation, and
 * the private helpers it calls after a failure.
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

  ResourceInlineWriter(ResourceClass resource) {
    this.resource = resource;
    this.resourceName = resource.enter().valued() ? "resource" : "target";
    this.suppresses = resource.canSuppress();
    this.hasAbort = resource.rollback().isPresent() || resource.exit().isPresent();
    this.hasNoRollbackFor = !resource.noRollbackFor().isEmpty();
    this.hasExitAfter = hasNoRollbackFor && resource.exit().isPresent();
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
    if (hasNoRollbackFor) {
      helpers.add(rollsBackOn());
    }
    return helpers;
  }

  private CodeBlock enter() {
    LifecycleMethod enter = resource.enter();
    if (enter.valued()) {
      return CodeBlock.builder()
          .addStatement("$T resource = target.$N()", resource.resourceType(), enter.name())
          .build();
    }
    return CodeBlock.builder().addStatement("target.$N()", enter.name()).build();
  }

  /** Commit, then exit with no failure; a commit failure aborts. */
  private CodeBlock afterSuccess(String returnWhenSuppressed) {
    CodeBlock.Builder code = CodeBlock.builder();
    resource
        .commit()
        .ifPresent(
            commit -> {
              CodeBlock call = invocation(commit, resourceName, null);
              if (hasAbort) {
                code.beginControlFlow("try")
                    .addStatement("$L", call)
                    .nextControlFlow("catch ($T failure)", Throwable.class)
                    .add(abortAndRethrow(returnWhenSuppressed))
                    .endControlFlow();
              } else {
                code.addStatement("$L", call);
              }
            });
    resource
        .exit()
        .ifPresent(
            exit -> code.addStatement("$L", invocation(exit, resourceName, null)));
    return code.build();
  }

  /** Inside {@code catch (Throwable failure)} around the body. */
  private CodeBlock afterBodyFailure(String returnWhenSuppressed) {
    if (!hasNoRollbackFor) {
      return abortAndRethrow(returnWhenSuppressed);
    }
    String abort = "abort(" + resourceName + ", failure)";
    Optional<String> commitInstead =
        resource.commit().isPresent()
            ? Optional.of("commitDespite(" + resourceName + ", failure)")
            : resource.exit().map(exit -> "exitAfter(" + resourceName + ", failure)");
    CodeBlock.Builder code = CodeBlock.builder();
    if (commitInstead.isEmpty()) {
      code.beginControlFlow("if (rollsBackOn(failure))").addStatement("$L", abort).endControlFlow();
    } else if (suppresses) {
      code.beginControlFlow("if (rollsBackOn(failure) ? $L : $L)", abort, commitInstead.get())
          .addStatement("$L", returnWhenSuppressed)
          .endControlFlow();
    } else {
      code.beginControlFlow("if (rollsBackOn(failure))")
          .addStatement("$L", abort)
          .nextControlFlow("else")
          .addStatement("$L", commitInstead.get())
          .endControlFlow();
    }
    return code.addStatement("throw failure").build();
  }

  private CodeBlock abortAndRethrow(String returnWhenSuppressed) {
    String abort = "abort(" + resourceName + ", failure)";
    CodeBlock.Builder code = CodeBlock.builder();
    if (suppresses) {
      code.beginControlFlow("if ($L)", abort)
          .addStatement("$L", returnWhenSuppressed)
          .endControlFlow();
    } else {
      code.addStatement("$L", abort);
    }
    return code.addStatement("throw failure").build();
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
                    suppressingFailure(
                        invocation(rollback, "resource", "failure"),
                        "rollbackFailure")));
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
        .addStatement("$L", invocation(commit, "resource", "failure"))
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
    CodeBlock call = invocation(exit, "resource", "failure");
    if (!suppresses) {
      return suppressingFailure(call, "exitFailure");
    }
    return CodeBlock.builder()
        .beginControlFlow("try")
        .addStatement("return $L", call)
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
