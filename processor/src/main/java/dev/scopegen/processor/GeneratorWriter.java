package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.ASYNC_SCOPE;
import static dev.scopegen.processor.ClassNames.BLOCKING;
import static dev.scopegen.processor.ClassNames.COMPLETION_STAGE;
import static dev.scopegen.processor.ClassNames.OBJECTS;
import static dev.scopegen.processor.ClassNames.SCOPE_CONSUMER;
import static dev.scopegen.processor.ClassNames.SCOPE_FUNCTION;
import static dev.scopegen.processor.WriterSupport.classBuilder;
import static dev.scopegen.processor.WriterSupport.declares;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the {@code <Type>Scopes} class of a type with {@code @ScopedResource} methods: a static
 * factory per method, and per method a nested scope type that delegates to the runtime's generator
 * engine and declares the method's checked exceptions on {@code call} and {@code run}.
 *
 * <pre>{@code
 * public static TransactionScope transaction(Connection c) {
 *   return new TransactionScope(y -> Transactions.transaction(c, y));
 * }
 * }</pre>
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
            .addJavadoc("The scopes of the {@code @ScopedResource} methods of\n")
            .addJavadoc(
                "{@link $T}: one factory per method, each returning a\n",
                ClassName.get(scopes.element()))
            .addJavadoc("new single-use scope.\n")
            .addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    if (scopes.isDeprecated()) {
      type.addAnnotation(Deprecated.class);
    }
    for (GeneratorMethod method : scopes.methods()) {
      type.addMethod(factory(scopes, method));
    }
    for (GeneratorMethod method : scopes.methods()) {
      type.addType(scopeType(scopes, method));
    }
    return type.build();
  }

  private static MethodSpec factory(GeneratorScopes scopes, GeneratorMethod method) {
    MethodSpec.Builder factory =
        MethodSpec.methodBuilder(method.name())
            .addJavadoc("Returns a new scope over\n$L.\n", link(method))
            .addJavadoc(
                "Entering it runs the method up to its yield; exiting it resumes the method\n")
            .addJavadoc("with the body's outcome.\n")
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
    String yield = method.yieldName();
    CodeBlock target =
        method.receiver().isPresent()
            ? CodeBlock.of("$N", method.receiver().get())
            : CodeBlock.of("$T", method.owner());
    CodeBlock arguments =
        Stream.concat(
                method.parameters().stream().map(parameter -> CodeBlock.of("$N", parameter)),
                Stream.of(CodeBlock.of("$N", yield)))
            .collect(CodeBlock.joining(",$W"));
    return factory
        .addStatement(
            "return new $T$L($N ->$W$L.$N($L))",
            scopes.name().nestedClass(method.scopeName()),
            method.typeVariables().isEmpty() ? "" : "<>",
            yield,
            target,
            method.name(),
            arguments)
        .build();
  }

  private static TypeSpec scopeType(GeneratorScopes scopes, GeneratorMethod method) {
    TypeName resource = method.resourceType();
    TypeName engine = ParameterizedTypeName.get(method.kind().engine(), resource);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(method.scopeName())
            .addJavadoc("The scope of\n$L.\n", link(method))
            .addJavadoc("Single-use: each call of the factory returns a new one.\n")
            .addModifiers(STATIC, FINAL)
            .addTypeVariables(method.typeVariables())
            .addSuperinterface(ParameterizedTypeName.get(ASYNC_SCOPE, resource))
            .addField(engine, "generator", PRIVATE, FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(PRIVATE)
                    .addParameter(
                        ParameterizedTypeName.get(method.kind().method(), resource), "method")
                    .addStatement(
                        "this.generator = new $T<>($S, method)",
                        method.kind().engine(),
                        method.name())
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("enter")
                    .addAnnotation(Override.class)
                    .addModifiers(PUBLIC)
                    .returns(ParameterizedTypeName.get(COMPLETION_STAGE, resource))
                    .addStatement("return generator.enter()")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("exit")
                    .addAnnotation(Override.class)
                    .addModifiers(PUBLIC)
                    .returns(ParameterizedTypeName.get(COMPLETION_STAGE, TypeName.BOOLEAN.box()))
                    .addParameter(resource, "resource")
                    .addParameter(Throwable.class, "failure")
                    .addStatement("return generator.exit(resource, failure)")
                    .build())
            .addMethods(blockingMethods(method));
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
   * asynchronous method's through {@code Blocking}, a blocking one's inline in its engine.
   */
  private static List<MethodSpec> blockingMethods(GeneratorMethod method) {
    List<TypeName> mentioned = new ArrayList<>();
    mentioned.add(method.resourceType());
    mentioned.addAll(method.typeVariables());
    mentioned.addAll(method.exceptions().declared());
    mentioned.addAll(method.exceptions().erasures());
    Set<String> taken = TypeNames.simpleNames(mentioned);
    TypeVariableName result = TypeVariableName.get(ScopeNames.fresh("R", taken));
    TypeVariableName failure = TypeVariableName.get(ScopeNames.fresh("X", taken), Throwable.class);
    TypeName resource = WildcardTypeName.supertypeOf(method.resourceType());
    List<TypeName> exceptions = new ArrayList<>();
    exceptions.add(failure);
    exceptions.addAll(method.exceptions().declared());
    CodeBlock declares = declares(method.exceptions());
    boolean async = method.kind() == GeneratorMethod.Kind.ASYNC;
    MethodSpec.Builder call =
        MethodSpec.methodBuilder("call")
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .addTypeVariables(List.of(result, failure))
            .returns(result)
            .addParameter(
                ParameterizedTypeName.get(
                    SCOPE_FUNCTION, resource, WildcardTypeName.subtypeOf(result), failure),
                "body")
            .addExceptions(exceptions);
    MethodSpec.Builder run =
        MethodSpec.methodBuilder("run")
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .addTypeVariable(failure)
            .addParameter(ParameterizedTypeName.get(SCOPE_CONSUMER, resource, failure), "body")
            .addExceptions(exceptions);
    if (async) {
      call.addStatement("return $T.call(generator, body,$W$L)", BLOCKING, declares);
      run.addStatement("$T.run(generator, body,$W$L)", BLOCKING, declares);
    } else {
      call.addStatement("return generator.call(body,$W$L)", declares);
      run.addStatement("generator.run(body,$W$L)", declares);
    }
    return List.of(call.build(), run.build());
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
