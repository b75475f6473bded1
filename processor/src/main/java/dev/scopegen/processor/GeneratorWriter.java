package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.ASYNC_SCOPE;
import static dev.scopegen.processor.ClassNames.COMPLETABLE_FUTURE;
import static dev.scopegen.processor.ClassNames.COMPLETION_STAGE;
import static dev.scopegen.processor.ClassNames.DECLARED;
import static dev.scopegen.processor.ClassNames.OBJECTS;
import static dev.scopegen.processor.WriterSupport.classBuilder;
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
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.scopegen.processor.WriterSupport.BlockingMethods;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Writes the {@code <Type>Scopes} class of a type with {@code @ScopedResource} methods: a static
 * factory per method, and per method a nested scope type that delegates to the runtime's generator
 * engine and declares the method's checked exceptions on {@code call} and {@code run}.
 *
 * <pre>{@code
 * public static SessionScope session(Driver d) {
 *   return new SessionScope(d);
 * }
 * }</pre>
 *
 * <p>The scope keeps the factory's arguments, and binds them to the method afresh for each use
 * ({@link #boundMethod}): the engine invokes that method object and does not keep it, so that
 * escape analysis can remove it, and a blocking method's {@code call} allocates nothing. An
 * asynchronous method's scope has a {@code use} of its own, the engine's shorter path.
 */
final class GeneratorWriter {

  private GeneratorWriter() {}

  /**
   * Returns the {@code Scopes} class of {@code scopes}.
   *
   * @param scopes a validated type with generator methods
   * @return the class, for {@link SourceFiles#write}
   */
  static TypeSpec scopesClass(GeneratorScopes scopes) {
    TypeSpec.Builder type =
        classBuilder(scopes.name(), scopes.element(), scopes.isPublic(), scopes.seesGenerated())
            .addJavadoc(
                wrap(
                    "The scopes of the {@code @ScopedResource} methods of {@link $T}: one factory"
                        + " per method, each returning a new single-use scope.",
                    ClassName.get(scopes.element())))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    if (scopes.isDeprecated()) {
      type.addAnnotation(Deprecated.class);
    }
    for (GeneratorMethod method : scopes.methods()) {
      type.addMethod(factory(scopes, method));
    }
    for (GeneratorMethod method : scopes.methods()) {
      type.addType(scopeType(method));
    }
    return type.build();
  }

  private static MethodSpec factory(GeneratorScopes scopes, GeneratorMethod method) {
    MethodSpec.Builder factory =
        MethodSpec.methodBuilder(method.name())
            .addJavadoc(
                wrap(
                    "Returns a new scope over $L. Entering it runs the method up to its yield;"
                        + " exiting it resumes the method with the body's outcome.",
                    link(method)))
            .addModifiers(STATIC)
            .addTypeVariables(method.typeVariables())
            .returns(scopeType(scopes, method, method.typeVariables()));
    if (method.isPublic()) {
      factory.addModifiers(PUBLIC);
    }
    if (method.isDeprecated()) {
      factory.addAnnotation(Deprecated.class);
    }
    method.receiver().ifPresent(factory::addParameter);
    factory.addParameters(method.parameters());
    factory.addJavadoc("\n");
    for (TypeVariableName variable : method.typeVariables()) {
      factory.addJavadoc("@param <$L> a type parameter of the scope\n", variable.name());
    }
    method
        .receiver()
        .ifPresent(
            receiver ->
                factory.addJavadoc("@param $N the object whose method the scope runs\n", receiver));
    for (ParameterSpec parameter : method.parameters()) {
      factory.addJavadoc("@param $N passed to {@code $N}\n", parameter, method.name());
    }
    factory.addJavadoc("@return a single-use scope, not entered yet\n");
    method
        .receiver()
        .ifPresent(
            receiver ->
                factory.addStatement(
                    "$T.requireNonNull($N, $S)", OBJECTS, receiver, receiver.name()));
    ClassName scope = scopes.name().nestedClass(method.scopeName());
    String diamond = method.typeVariables().isEmpty() ? "" : "<>";
    CodeBlock bound =
        Stream.concat(method.receiver().stream(), method.parameters().stream())
            .map(parameter -> CodeBlock.of("$N", parameter))
            .collect(CodeBlock.joining(",$W"));
    return factory.addStatement("return new $T$L($L)", scope, diamond, bound).build();
  }

  /** The receiver and the parameters of the factory, which the scope keeps. */
  private static List<ParameterSpec> bound(GeneratorMethod method) {
    return Stream.concat(method.receiver().stream(), method.parameters().stream()).toList();
  }

  /**
   * The target of the call of the method: the receiver, or the class that declares a static
   * method.
   */
  private static CodeBlock target(GeneratorMethod method) {
    return method.receiver().isPresent()
        ? CodeBlock.of("$N", method.receiver().get())
        : CodeBlock.of("$T", method.owner());
  }

  private static TypeSpec scopeType(GeneratorMethod method) {
    TypeName resource = method.resourceType();
    TypeName engine = ParameterizedTypeName.get(method.kind().engine(), resource);
    Set<String> taken = new HashSet<>();
    bound(method).forEach(parameter -> taken.add(parameter.name()));
    String generator = ScopeNames.fresh("generator", taken);
    String declared = ScopeNames.fresh("DECLARED", taken);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(method.scopeName())
            .addJavadoc(
                wrap(
                    "The scope of $L. Single-use: each call of the factory returns a new one.",
                    link(method)))
            .addModifiers(STATIC, FINAL)
            .addTypeVariables(method.typeVariables())
            .addSuperinterface(ParameterizedTypeName.get(ASYNC_SCOPE, resource));
    if (!method.exceptions().erasures().isEmpty()) {
      type.addField(declaredField(method, declared));
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(PRIVATE);
    for (ParameterSpec parameter : bound(method)) {
      type.addField(parameter.type(), parameter.name(), PRIVATE, FINAL);
      constructor
          .addParameter(parameter.type(), parameter.name())
          .addStatement("this.$1N = $1N", parameter.name());
    }
    constructor.addStatement(
        "this.$N = new $T<>($S, $L.class)",
        generator,
        method.kind().engine(),
        method.name(),
        method.scopeName());
    type.addField(engine, generator, PRIVATE, FINAL)
            .addMethod(constructor.build())
            .addMethod(
                MethodSpec.methodBuilder("enter")
                    .addJavadoc(
                        "Enters the scope: runs {@code $N} up to its yield.\n", method.name())
                    .addAnnotation(Override.class)
                    .addModifiers(PUBLIC)
                    .returns(stageOf(resource))
                    .addStatement("return $N.enter($L)", generator, invocation(method))
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("exit")
                    .addJavadoc(
                        "Exits the scope: resumes {@code $N} with the body's outcome.\n",
                        method.name())
                    .addAnnotation(Override.class)
                    .addModifiers(PUBLIC)
                    .returns(stageOf(TypeName.BOOLEAN.box()))
                    .addParameter(resource, "resource")
                    .addParameter(Throwable.class, "failure")
                    .addStatement("return $N.exit(resource, failure)", generator)
                    .build())
            .addMethods(blockingMethods(method, generator, declared))
            .addMethod(takesOneArgument(method) ? invoker(method) : boundMethod(method));
    if (method.isPublic()) {
      type.addModifiers(PUBLIC);
    }
    if (method.isDeprecated()) {
      type.addAnnotation(Deprecated.class);
    }
    return type.build();
  }

  /**
   * {@code call} and {@code run}, declaring the body's exception and the method's own: an
   * asynchronous method's through {@code Blocking}, after its own {@code use}; a blocking one's
   * inline in its engine.
   */
  private static List<MethodSpec> blockingMethods(
      GeneratorMethod method, String generator, String declared) {
    List<TypeName> mentioned = new ArrayList<>();
    mentioned.add(method.resourceType());
    mentioned.addAll(method.typeVariables());
    mentioned.addAll(method.exceptions().declared());
    mentioned.addAll(method.exceptions().erasures());
    boolean async = method.kind() == GeneratorMethod.Kind.ASYNC;
    BlockingMethods methods =
        BlockingMethods.of(
            method.resourceType(),
            mentioned,
            method.exceptions(),
            "{@code " + method.name() + "}",
            async || method.exceptions().beyondException(),
            true);
    CodeBlock declares =
        method.exceptions().erasures().isEmpty()
            ? CodeBlock.of("$T.NOTHING", DECLARED)
            : CodeBlock.of("$N", declared);
    if (async) {
      methods.delegateToBlocking(declares);
      return List.of(
          use(method, generator, methods.result()),
          methods.call().build(),
          methods.run().build());
    } else {
      methods
          .call()
          .addStatement(
              "return $N.<$T, $T>call(method(), body,$W$L)",
              generator,
              methods.result(),
              methods.failure(),
              declares);
      methods
          .run()
          .addStatement(
              "$N.<$T>run(method(), body,$W$L)", generator, methods.failure(), declares);
    }
    return List.of(methods.call().build(), methods.run().build());
  }

  /**
   * {@code DECLARED} (or a fresh name), the checked failures that {@code call} and {@code run} declare beside the
   * body's, for the engine to tell them from the ones it must wrap: a constant, where a lambda
   * would be one more method and call site for javac to write in every scope.
   */
  private static FieldSpec declaredField(GeneratorMethod method, String name) {
    return FieldSpec.builder(DECLARED, name, PRIVATE, STATIC, FINAL)
        .initializer(
            "$T.of($L)",
            DECLARED,
            method.exceptions().erasures().stream()
                .map(type -> CodeBlock.of("$T.class", type))
                .collect(CodeBlock.joining(",$W")))
        .build();
  }

  /**
   * {@code use} of an asynchronous method's scope: the engine's own, which runs the body on the spot
   * when the method yields before it returns.
   */
  private static MethodSpec use(GeneratorMethod method, String generator, TypeVariableName result) {
    TypeName resource = method.resourceType();
    return MethodSpec.methodBuilder("use")
        .addJavadoc(
            "Enters the scope, applies {@code body} to the resource, waits for the body's stage and"
                + " exits,\nwithout blocking.\n\n")
        .addJavadoc("@param body the asynchronous body\n")
        .addJavadoc("@return a future that completes after the scope has exited\n")
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .addTypeVariable(result)
        .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, result))
        .addParameter(
            ParameterizedTypeName.get(
                ClassName.get(Function.class),
                WildcardTypeName.supertypeOf(resource),
                WildcardTypeName.subtypeOf(ParameterizedTypeName.get(COMPLETION_STAGE, result))),
            "body")
        .addStatement("return $N.use($L, body)", generator, invocation(method))
        .build();
  }

  /**
   * Whether an asynchronous method takes one argument beside its yield (or is an instance method
   * that takes none, its receiver): then its engine takes that argument beside an invoker that
   * captures nothing, and a use creates no object to bind it.
   */
  private static boolean takesOneArgument(GeneratorMethod method) {
    return method.kind() == GeneratorMethod.Kind.ASYNC && bound(method).size() == 1;
  }

  /**
   * What {@code enter} and {@code use} hand the engine: the argument and {@code invoke}, or {@code
   * method()}.
   */
  private static CodeBlock invocation(GeneratorMethod method) {
    return takesOneArgument(method)
        ? CodeBlock.of("this.$N,$W$L::invoke", bound(method).get(0).name(), method.scopeName())
        : CodeBlock.of("method()");
  }

  /**
   * {@code invoke} of the scope of an asynchronous method of one argument: the method, with its
   * argument passed beside the yield, for a method reference that captures nothing.
   */
  private static MethodSpec invoker(GeneratorMethod method) {
    TypeName resource = method.resourceType();
    ParameterSpec argument = bound(method).get(0);
    CodeBlock arguments =
        Stream.concat(
                method.parameters().stream().map(parameter -> CodeBlock.of("$N", parameter)),
                Stream.of(CodeBlock.of("$N", method.yieldName())))
            .collect(CodeBlock.joining(",$W"));
    return MethodSpec.methodBuilder("invoke")
        .addJavadoc(
            "$L",
            wrap(
                "Invokes {@code "
                    + method.name()
                    + "} with this scope's argument: a method reference to it captures nothing."))
        .addModifiers(PRIVATE, STATIC)
        .addTypeVariables(method.typeVariables())
        .returns(ParameterizedTypeName.get(COMPLETION_STAGE, WildcardTypeName.subtypeOf(Object.class)))
        .addParameter(argument.type(), argument.name())
        .addParameter(
            ParameterizedTypeName.get(method.kind().yieldType(), resource), method.yieldName())
        .addException(Throwable.class)
        .addStatement("return $L.$N($L)", target(method), method.name(), arguments)
        .build();
  }

  /**
   * {@code method()} of a generator's scope: the method with the scope's arguments bound,
   * for the engine to invoke, created for each use. On JDK 17, escape analysis removes from {@code
   * call} a method object created there, but not one created with the scope and kept by the
   * engine: so {@code call} allocates nothing. The arguments are read into locals first, so that
   * the lambda does not hold the scope.
   */
  private static MethodSpec boundMethod(GeneratorMethod method) {
    TypeName resource = method.resourceType();
    MethodSpec.Builder bound =
        MethodSpec.methodBuilder("method")
            .addJavadoc(
                "$L",
                wrap(
                    "Returns {@code "
                        + method.name()
                        + "} with this scope's arguments bound, a new one for each use."))
            .addModifiers(PRIVATE)
            .returns(ParameterizedTypeName.get(method.kind().method(), resource));
    for (ParameterSpec parameter : bound(method)) {
      bound.addStatement("$T $N = this.$N", parameter.type(), parameter.name(), parameter.name());
    }
    CodeBlock arguments =
        Stream.concat(
                method.parameters().stream().map(parameter -> CodeBlock.of("$N", parameter)),
                Stream.of(CodeBlock.of("$N", method.yieldName())))
            .collect(CodeBlock.joining(",$W"));
    return bound
        .addStatement(
            "return $N ->$W$L.$N($L)",
            method.yieldName(),
            target(method),
            method.name(),
            arguments)
        .build();
  }

  private static TypeName scopeType(
      GeneratorScopes scopes, GeneratorMethod method, List<TypeVariableName> variables) {
    ClassName raw = scopes.name().nestedClass(method.scopeName());
    return variables.isEmpty()
        ? raw
        : ParameterizedTypeName.get(raw, variables.toArray(new TypeName[0]));
  }

  /**
   * A Javadoc link to the method: {@code Transactions#transaction(Connection,
   * dev.scopegen.runtime.Yield)}. The yield, which the generated code does not use otherwise, is
   * named in full: an import that only Javadoc uses is an unused import to compilers that do not
   * read Javadoc, such as Eclipse's.
   */
  private static CodeBlock link(GeneratorMethod method) {
    List<TypeName> signature = method.signature();
    List<CodeBlock> parameters = new ArrayList<>();
    for (TypeName type : signature.subList(0, signature.size() - 1)) {
      parameters.add(CodeBlock.of("$T", type));
    }
    parameters.add(CodeBlock.of("$L", method.kind().yieldType().canonicalName()));
    return CodeBlock.of(
        "{@link $T#$N($L)}", method.owner(), method.name(), CodeBlock.join(parameters, ", "));
  }
}
