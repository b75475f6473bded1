package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.HOOKED_SCOPE;
import static dev.scopegen.processor.ClassNames.BLOCKING;
import static dev.scopegen.processor.ClassNames.COMPLETABLE_FUTURE;
import static dev.scopegen.processor.ClassNames.DECLARED;
import static dev.scopegen.processor.ClassNames.OBJECTS;
import static dev.scopegen.processor.ClassNames.SCOPE_EVENTS;
import static dev.scopegen.processor.ClassNames.STAGES;
import static dev.scopegen.processor.ClassNames.SYNCHRONOUS_SCOPE;
import static dev.scopegen.processor.WriterSupport.classBuilder;
import static dev.scopegen.processor.WriterSupport.code;
import static dev.scopegen.processor.WriterSupport.stageOf;
import static dev.scopegen.processor.WriterSupport.wrap;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.scopegen.processor.WriterSupport.BlockingMethods;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the scope of a {@link ResourceClass}: a final class implementing {@code AsyncScope} with a
 * static factory {@code of}, {@code enter}, {@code exit} ({@link ResourceExitWriter}: inherited
 * from {@code HookedScope}, which runs an {@code ExitSequence} over the scope's hooks for the
 * lifecycle methods, or over {@code exitNow} when they are all synchronous) and blocking {@code
 * call} and {@code run}.
 *
 * <p>When every lifecycle method is synchronous, the scope implements the runtime's {@code
 * SynchronousScope}: {@code enterNow} and {@code exitNow} enter and exit it without a stage, so
 * that {@code ExitStack} and {@code Scopes.all} do. Whatever the methods, {@code call} and {@code
 * run} are inline try/catch code that waits for each asynchronous method's stage in turn, on the
 * calling thread (unless a method declares a checked {@code Throwable} that they cannot declare:
 * then they wait on the asynchronous protocol through {@code Blocking}), all with small private
 * helpers ({@link ResourceInlineWriter}).
 */
final class ResourceWriter {

  private ResourceWriter() {}

  /**
   * Returns the scope of {@code resource}.
   *
   * @param resource a validated resource class
   * @return the scope class, for {@link SourceFiles#write}
   */
  static TypeSpec scope(ResourceClass resource) {
    ResourceInlineWriter inline = new ResourceInlineWriter(resource);
    TypeSpec.Builder scope =
        classBuilder(
                resource.scopeName(),
                resource.element(),
                resource.isPublic(),
                resource.seesGenerated())
            .addJavadoc(classJavadoc(resource))
            .addTypeVariables(resource.typeVariables());
    boolean hooked = ResourceExitWriter.hooked(resource);
    if (hooked) {
      // HookedScope implements AsyncScope; its exit runs the hooks below.
      scope.superclass(ParameterizedTypeName.get(HOOKED_SCOPE, resource.resourceType()));
    }
    if (resource.isSynchronous()) {
      scope.addSuperinterface(
          ParameterizedTypeName.get(SYNCHRONOUS_SCOPE, resource.resourceType()));
    }
    scope
        .addFields(declaredField(resource))
        .addField(resource.targetType(), "target", PRIVATE, FINAL)
        .addMethod(constructor(resource))
        .addMethod(factory(resource));
    if (resource.isSynchronous()) {
      // SynchronousScope's enter() and exit() hold what these return in a completed stage.
      ResourceExitWriter.overridden(resource).ifPresent(scope::addMethod);
      scope.addMethod(inline.enterNow()).addMethod(inline.exitNow());
    } else {
      scope.addMethod(enter(resource));
    }
    if (hooked) {
      scope.addMethods(ResourceExitWriter.hooks(resource));
    }
    scope.addMethods(blockingMethods(resource, inline));
    if (resource.hasInlineHelpers()) {
      scope.addMethods(inline.helpers());
    }
    return scope.build();
  }

  /**
   * Which checked failures {@code call} and {@code run} declare, for {@code Blocking}: {@code
   * Declared.NOTHING}, or the constant {@code DECLARED} of the scope ({@link #declaredField}).
   */
  static CodeBlock declared(ResourceClass resource) {
    return resource.exceptions().erasures().isEmpty()
        ? CodeBlock.of("$T.NOTHING", DECLARED)
        : CodeBlock.of("DECLARED");
  }

  /** {@code DECLARED}, when {@code call} and {@code run} declare a checked failure. */
  private static List<FieldSpec> declaredField(ResourceClass resource) {
    List<TypeName> erasures = resource.exceptions().erasures();
    if (erasures.isEmpty()) {
      return List.of();
    }
    return List.of(
        FieldSpec.builder(DECLARED, "DECLARED", PRIVATE, STATIC, FINAL)
            .initializer(
                "$T.of($L)",
                DECLARED,
                erasures.stream()
                    .map(type -> CodeBlock.of("$T.class", type))
                    .collect(CodeBlock.joining(",$W")))
            .build());
  }

  private static CodeBlock classJavadoc(ResourceClass resource) {
    return CodeBlock.builder()
        .add("The scope generated for {@link $T}.\n", rawTarget(resource))
        .add("$L", wrap("It " + steps(resource) + "."))
        .add("\n")
        .add(
            "$L",
            wrap(
                "<p>Generated by ScopeGen from the annotations on {@code "
                    + String.join(".", rawTarget(resource).simpleNames())
                    + "}. Use {@code "
                    + resource.scopeName().simpleName()
                    + ".of(target)} to enter it with {@code use}, {@code call} or {@code run}."))
        .build();
  }

  /** What the scope calls, as in "enters with {@code connect()}, ... and exits with ...". */
  private static String steps(ResourceClass resource) {
    List<String> steps = new ArrayList<>();
    steps.add("enters with " + code(resource.enter()));
    resource.commit().ifPresent(method -> steps.add("commits with " + code(method)));
    resource.rollback().ifPresent(method -> steps.add("rolls back with " + code(method)));
    resource.exit().ifPresent(method -> steps.add("exits with " + code(method)));
    if (steps.size() == 1) {
      return steps.get(0);
    }
    return String.join(", ", steps.subList(0, steps.size() - 1))
        + " and "
        + steps.get(steps.size() - 1);
  }

  private static MethodSpec constructor(ResourceClass resource) {
    return MethodSpec.constructorBuilder()
        .addModifiers(PRIVATE)
        .addParameter(resource.targetType(), "target")
        .addStatement("this.target = target")
        .build();
  }

  private static MethodSpec factory(ResourceClass resource) {
    TypeName scopeType =
        resource.typeVariables().isEmpty()
            ? resource.scopeName()
            : ParameterizedTypeName.get(
                resource.scopeName(), resource.typeVariables().toArray(new TypeName[0]));
    String nullMessage = resource.scopeName().simpleName() + ".of(target): target is null";
    CodeBlock.Builder javadoc =
        CodeBlock.builder().add("Returns a scope over {@code target}.\n\n");
    for (TypeVariableName variable : resource.typeVariables()) {
      javadoc.add("@param <$1L> the {@code $1L} of the target's class\n", variable.name());
    }
    javadoc
        .add("@param target the object whose lifecycle methods the scope calls\n")
        .add("@return a new scope, not entered yet\n");
    return MethodSpec.methodBuilder("of")
        .addJavadoc(javadoc.build())
        .addModifiers(PUBLIC, STATIC)
        .addTypeVariables(resource.typeVariables())
        .returns(scopeType)
        .addParameter(resource.targetType(), "target")
        .addStatement("$T.requireNonNull(target, $S)", OBJECTS, nullMessage)
        .addStatement(
            "return new $T$L(target)",
            resource.scopeName(),
            resource.typeVariables().isEmpty() ? "" : "<>")
        .build();
  }

  private static MethodSpec enter(ResourceClass resource) {
    LifecycleMethod enter = resource.enter();
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("try");
    if (enter.async() && enter.valued()) {
      body.addStatement("return target.$N()", enter.name());
    } else if (enter.async()) {
      body.addStatement("return target.$N().thenApply(ignored -> target)", enter.name());
    } else if (enter.valued()) {
      body.addStatement("return $T.completedFuture(target.$N())", COMPLETABLE_FUTURE, enter.name());
    } else {
      body.addStatement("target.$N()", enter.name())
          .addStatement("return $T.completedFuture(target)", COMPLETABLE_FUTURE);
    }
    body.nextControlFlow("catch ($T failure)", Throwable.class)
        .addStatement("return $T.failed(failure)", STAGES)
        .endControlFlow();
    return MethodSpec.methodBuilder("enter")
        .addJavadoc("Enters the scope: calls {@code $N()}.\n", enter.name())
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .returns(stageOf(resource.resourceType()))
        .addCode(body.build())
        .build();
  }

  /**
   * {@code call} and {@code run}: inline code when the class is inline, otherwise waiting on
   * {@code enter} and {@code exit} through {@code Blocking}.
   */
  private static List<MethodSpec> blockingMethods(
      ResourceClass resource, ResourceInlineWriter inline) {
    List<TypeName> mentioned = new ArrayList<>();
    mentioned.add(resource.resourceType());
    mentioned.add(resource.targetType());
    mentioned.addAll(resource.exceptions().declared());
    mentioned.addAll(resource.exceptions().erasures());
    mentioned.addAll(resource.noRollbackFor());
    mentioned.addAll(resource.typeVariables());
    BlockingMethods methods =
        BlockingMethods.of(
            resource.resourceType(),
            mentioned,
            resource.exceptions(),
            "a lifecycle method",
            resource.wrapsUndeclared(),
            resource.canSuppress());
    CodeBlock declares = declared(resource);
    if (resource.isInline()) {
      methods
          .call()
          .addCode(
              whileRecording(
                  CodeBlock.builder()
                      .addStatement(
                          "return $T.$Lcall(this, body,$W$L)",
                          BLOCKING,
                          methods.callTypes(),
                          declares)
                      .build()))
          .addCode(inline.call(methods.result()));
      methods
          .run()
          .addCode(
              whileRecording(
                  CodeBlock.builder()
                      .addStatement(
                          "$T.$Lrun(this, body,$W$L)", BLOCKING, methods.runTypes(), declares)
                      .addStatement("return")
                      .build()))
          .addCode(inline.run());
    } else {
      methods.delegateToBlocking(declares);
    }
    return List.of(methods.call().build(), methods.run().build());
  }

  /**
   * The branch that records a JFR event while a recording runs: the scope then takes the protocol
   * path through {@code Blocking}, which records; the inline code below stays free of timing.
   */
  private static CodeBlock whileRecording(CodeBlock statements) {
    return CodeBlock.builder()
        .add("// While a JFR recording runs, the use is recorded on the scope protocol.\n")
        .beginControlFlow("if ($T.enabled())", SCOPE_EVENTS)
        .add(statements)
        .endControlFlow()
        .build();
  }

  private static ClassName rawTarget(ResourceClass resource) {
    TypeName target = resource.targetType();
    return target instanceof ParameterizedTypeName
        ? ((ParameterizedTypeName) target).rawType()
        : (ClassName) target;
  }
}
