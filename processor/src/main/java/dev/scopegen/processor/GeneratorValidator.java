package dev.scopegen.processor;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.scopegen.processor.GeneratorMethod.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates the {@code @ScopedResource} methods of one type and builds the model of its {@code
 * Scopes} class. Every problem is reported on the element at fault, all of them before giving up;
 * the model exists only when nothing was reported. {@link ScopeNames} names what the class
 * declares.
 */
final class GeneratorValidator {

  private static final String ANNOTATION = "ScopedResource";

  private final Elements elements;
  private final Types types;
  private final TypeInspector inspector;
  private final ErrorReporter reporter;
  private final GeneratorYieldUsage yieldUsage;
  private final ScopeNames names;

  GeneratorValidator(ProcessingEnvironment env, ErrorReporter reporter) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.inspector = new TypeInspector(env);
    this.reporter = reporter;
    this.yieldUsage = GeneratorYieldUsage.create(env, reporter);
    this.names = new ScopeNames(env);
  }

  /**
   * Validates {@code methods}, the {@code @ScopedResource} methods of {@code type}.
   *
   * @param type the type that declares the methods
   * @param methods the methods, in declaration order
   * @param existingTypes the qualified names of the types that exist or are generated already
   * @return the model of the {@code Scopes} class, or empty when errors were reported
   */
  Optional<GeneratorScopes> validate(
      TypeElement type, List<ExecutableElement> methods, Set<String> existingTypes) {
    int errorsBefore = reporter.errorCount();
    String packageName = inspector.packageOf(type);
    ClassName scopesName = ScopeNames.generatorScopes(packageName, inspector.nameOf(type));
    if (existingTypes.contains(scopesName.canonicalName())) {
      reporter.error(type, Messages.NAME_CLASH, scopesName.simpleName(), inspector.nameOf(type));
    }
    boolean isPublic = TypeInspector.isPublic(type);
    Map<String, Integer> namesakes = new HashMap<>();
    methods.forEach(method -> namesakes.merge(method.getSimpleName().toString(), 1, Integer::sum));
    List<GeneratorMethod> models = new ArrayList<>();
    for (ExecutableElement method : methods) {
      boolean overloaded = namesakes.get(method.getSimpleName().toString()) > 1;
      method(type, method, overloaded, isPublic, packageName).ifPresent(models::add);
    }
    checkClashes(scopesName, models);
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new GeneratorScopes(
            type,
            scopesName,
            isPublic,
            inspector.seesGenerated(type),
            elements.isDeprecated(type),
            models));
  }

  private Optional<GeneratorMethod> method(
      TypeElement type,
      ExecutableElement method,
      boolean overloaded,
      boolean scopesPublic,
      String packageName) {
    int errorsBefore = reporter.errorCount();
    Optional<VariableElement> yield = check(type, method, packageName);
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(model(type, method, yield.orElseThrow(), overloaded, scopesPublic));
  }

  /** Reports every problem of {@code method}; returns its yield parameter if it has one. */
  private Optional<VariableElement> check(
      TypeElement type, ExecutableElement method, String packageName) {
    String name = method.getSimpleName().toString();
    for (Lifecycle lifecycle : Lifecycle.values()) {
      if (method.getAnnotation(lifecycle.annotation()) != null) {
        reporter.error(method, Messages.GENERATOR_LIFECYCLE, name, lifecycle.simpleName());
      }
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(method, Messages.PRIVATE_METHOD, ANNOTATION, name);
    }
    Optional<TypeElement> privateType = checkEnclosing(type, method);
    Optional<VariableElement> yield = yieldParameter(method);
    yield.ifPresent(parameter -> checkReturnType(method, kindOf(parameter.asType())));
    yield
        .filter(parameter -> yieldUsage.readBody(method, parameter, kindOf(parameter.asType())))
        .ifPresent(
            parameter ->
                reporter.error(
                    parameter, Messages.GENERATOR_UNUSED_YIELD, name, parameter.getSimpleName()));
    if (!isStatic(method)) {
      checkTypeVariables(type, method);
    }
    List<TypeParameterElement> typeParameters = typeParameters(type, method);
    checkVisible(method, typeParameters, packageName, privateType);
    checkRawTypes(method, typeParameters);
    return yield;
  }

  /** The model of a valid method. */
  private GeneratorMethod model(
      TypeElement type,
      ExecutableElement method,
      VariableElement yield,
      boolean overloaded,
      boolean scopesPublic) {
    List<? extends VariableElement> parameters =
        method.getParameters().subList(0, method.getParameters().size() - 1);
    ScopeNames.Variables variables = names.variables(type, method);
    List<ParameterSpec> parameterSpecs = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      parameterSpecs.add(
          ParameterSpec.builder(
                  TypeName.get(parameters.get(i).asType()), variables.parameters().get(i))
              .build());
    }
    String yieldName = variables.parameters().get(parameters.size());
    Optional<ParameterSpec> receiver =
        variables
            .receiver()
            .map(name -> ParameterSpec.builder(TypeName.get(type.asType()), name).build());
    return new GeneratorMethod(
        method,
        kindOf(yield.asType()),
        method.getSimpleName().toString(),
        names.scopeType(method, overloaded),
        scopesPublic && method.getModifiers().contains(Modifier.PUBLIC),
        elements.isDeprecated(method),
        typeParameters(type, method).stream().map(TypeVariableName::get).collect(toList()),
        receiver,
        parameterSpecs,
        yieldName,
        resourceType((DeclaredType) yield.asType()),
        inspector.scopeExceptions(method.getThrownTypes()),
        ClassName.get(type),
        method.getParameters().stream()
            .map(parameter -> TypeName.get(types.erasure(parameter.asType())))
            .collect(toList()));
  }

  /** The type variables of the factory: the class's for an instance method, then the method's. */
  private static List<TypeParameterElement> typeParameters(
      TypeElement type, ExecutableElement method) {
    List<TypeParameterElement> typeParameters = new ArrayList<>();
    if (!isStatic(method)) {
      typeParameters.addAll(type.getTypeParameters());
    }
    typeParameters.addAll(method.getTypeParameters());
    return typeParameters;
  }

  private static boolean isStatic(ExecutableElement method) {
    return method.getModifiers().contains(Modifier.STATIC);
  }

  /** Finds the one yield parameter, last; reports its absence, duplicates or misplacement. */
  private Optional<VariableElement> yieldParameter(ExecutableElement method) {
    List<? extends VariableElement> parameters = method.getParameters();
    List<VariableElement> yields =
        parameters.stream()
            .filter(parameter -> kindOf(parameter.asType()) != null)
            .collect(toList());
    String name = method.getSimpleName().toString();
    if (yields.isEmpty()) {
      reporter.error(method, Messages.GENERATOR_NO_YIELD, name);
      return Optional.empty();
    }
    if (yields.size() > 1) {
      reporter.error(
          method,
          Messages.GENERATOR_YIELDS,
          name,
          yields.stream().map(VariableElement::getSimpleName).collect(joining(", ")));
      return Optional.empty();
    }
    VariableElement yield = yields.get(0);
    if (!yield.equals(parameters.get(parameters.size() - 1))) {
      reporter.error(yield, Messages.GENERATOR_YIELD_NOT_LAST, name, yield.getSimpleName());
      return Optional.empty();
    }
    return Optional.of(yield);
  }

  /** The kind of generator a parameter of this type makes, or {@code null} for no yield. */
  private static Kind kindOf(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    String name = ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    for (Kind kind : Kind.values()) {
      if (kind.yieldType().canonicalName().equals(name)) {
        return kind;
      }
    }
    return null;
  }

  private void checkReturnType(ExecutableElement method, Kind kind) {
    TypeMirror returned = method.getReturnType();
    boolean matches =
        kind == Kind.BLOCKING ? returned.getKind() == TypeKind.VOID : inspector.isStage(returned);
    if (!matches) {
      reporter.error(
          method,
          Messages.GENERATOR_RETURN,
          method.getSimpleName(),
          TypeInspector.describe(returned),
          kind == Kind.BLOCKING ? "a Yield" : "an AsyncYield",
          kind == Kind.BLOCKING ? "void" : "a CompletionStage, such as CompletionStage<Void>");
    }
  }

  /**
   * Checks that the generated class can name the type and call the method on a receiver; returns
   * the private type reported, if that is what prevents it.
   */
  private Optional<TypeElement> checkEnclosing(TypeElement type, ExecutableElement method) {
    for (Element current = type;
        current instanceof TypeElement;
        current = current.getEnclosingElement()) {
      if (current.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(
            method,
            Messages.GENERATOR_PRIVATE_CLASS,
            method.getSimpleName(),
            inspector.nameOf((TypeElement) current));
        return Optional.of((TypeElement) current);
      }
    }
    if (!isStatic(method)
        && type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(
          method, Messages.GENERATOR_INNER_CLASS, method.getSimpleName(), inspector.nameOf(type));
    }
    return Optional.empty();
  }

  /** Reports a type variable of an instance method that hides one of its class. */
  private void checkTypeVariables(TypeElement type, ExecutableElement method) {
    Set<String> classVariables = new HashSet<>();
    type.getTypeParameters()
        .forEach(parameter -> classVariables.add(parameter.getSimpleName().toString()));
    for (TypeParameterElement parameter : method.getTypeParameters()) {
      if (classVariables.contains(parameter.getSimpleName().toString())) {
        reporter.error(
            parameter,
            Messages.GENERATOR_TYPE_VARIABLE,
            method.getSimpleName(),
            parameter.getSimpleName(),
            inspector.nameOf(type));
      }
    }
  }

  /**
   * Reports types in the method's signature that the generated class cannot access, except the
   * private enclosing type already reported.
   */
  private void checkVisible(
      ExecutableElement method,
      List<TypeParameterElement> typeParameters,
      String packageName,
      Optional<TypeElement> reported) {
    String user = "@" + ANNOTATION + " method " + method.getSimpleName();
    Stream.of(
            method.getParameters().stream().map(Element::asType),
            method.getThrownTypes().stream(),
            typeParameters.stream().flatMap(parameter -> parameter.getBounds().stream()))
        .flatMap(stream -> stream)
        .map(type -> inspector.firstInvisible(type, packageName))
        .flatMap(Optional::stream)
        .filter(invisible -> !reported.equals(Optional.of(invisible)))
        .distinct()
        .forEach(
            invisible ->
                reporter.error(
                    method,
                    Messages.INACCESSIBLE_TYPE,
                    user,
                    inspector.nameOf(invisible),
                    packageName));
  }

  /** Reports raw types in the parameters and type variable bounds that generated code repeats. */
  private void checkRawTypes(ExecutableElement method, List<TypeParameterElement> typeParameters) {
    Stream.concat(
            method.getParameters().stream().map(Element::asType),
            typeParameters.stream().flatMap(parameter -> parameter.getBounds().stream()))
        .map(TypeInspector::firstRaw)
        .flatMap(Optional::stream)
        .map(TypeInspector::describe)
        .distinct()
        .forEach(
            raw ->
                reporter.error(method, Messages.GENERATOR_RAW_TYPE, method.getSimpleName(), raw));
  }

  /**
   * Reports two methods that would generate the same scope type or the same factory.
   *
   * @param scopesName the {@code Scopes} class
   * @param methods the models of the valid methods
   */
  private void checkClashes(ClassName scopesName, List<GeneratorMethod> methods) {
    Map<String, GeneratorMethod> scopeTypes = new LinkedHashMap<>();
    Map<String, GeneratorMethod> factories = new LinkedHashMap<>();
    for (GeneratorMethod method : methods) {
      String scopeType = "the type " + scopesName.simpleName() + "." + method.scopeName();
      String factory = "the factory " + scopesName.simpleName() + "." + factorySignature(method);
      GeneratorMethod first = scopeTypes.putIfAbsent(scopeType, method);
      String clash = scopeType;
      if (first == null) {
        first = factories.putIfAbsent(factory, method);
        clash = factory;
      }
      if (first != null) {
        reporter.error(
            method.element(),
            Messages.GENERATOR_NAME_CLASH,
            method.name(),
            clash,
            describe(first.element()));
      }
    }
  }

  private String factorySignature(GeneratorMethod method) {
    ExecutableElement element = method.element();
    Stream<TypeMirror> receiver =
        method.receiver().isPresent()
            ? Stream.of(element.getEnclosingElement().asType())
            : Stream.empty();
    Stream<TypeMirror> parameters =
        element.getParameters().subList(0, element.getParameters().size() - 1).stream()
            .map(Element::asType);
    return Stream.concat(receiver, parameters)
        .map(type -> TypeInspector.describe(types.erasure(type)))
        .collect(joining(", ", method.name() + "(", ")"));
  }

  /** A method as a user would name it among overloads: {@code open(Path, Yield)}. */
  private String describe(ExecutableElement method) {
    return method.getParameters().stream()
        .map(parameter -> TypeInspector.describe(types.erasure(parameter.asType())))
        .collect(joining(", ", method.getSimpleName() + "(", ")"));
  }

  /** The scope's resource type: the yield's type argument, or its bound for a wildcard. */
  private static TypeName resourceType(DeclaredType yield) {
    TypeMirror argument = yield.getTypeArguments().get(0);
    if (argument.getKind() == TypeKind.WILDCARD) {
      return TypeInspector.boundOf((WildcardType) argument)
          .map(TypeName::get)
          .orElse(ClassName.OBJECT);
    }
    return TypeName.get(argument);
  }
}
