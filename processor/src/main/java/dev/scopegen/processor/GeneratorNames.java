package dev.scopegen.processor;

import static java.util.stream.Collectors.joining;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Names what a {@code Scopes} class declares, and reports two methods that would get the same name.
 *
 * <p>The rules, which the generated code and the README document:
 *
 * <ul>
 *   <li>The class is {@code <Type>Scopes} in the type's package; for a nested type {@code
 *       Outer.Inner}, {@code Outer_InnerScopes}.
 *   <li>Each method gets a factory of the same name, and a scope type named after it: {@code
 *       transaction} gives {@code TransactionScope}.
 *   <li>Overloaded methods add the simple names of their parameter types, erased, without the
 *       yield: {@code open(Path, Yield)} and {@code open(Path, Charset, Yield)} give {@code
 *       OpenPathScope} and {@code OpenPathCharsetScope}; an array adds {@code Array}, a primitive
 *       its capitalized name ({@code int[]} gives {@code IntArray}).
 * </ul>
 */
final class GeneratorNames {

  private final Elements elements;
  private final Types types;
  private final ErrorReporter reporter;

  GeneratorNames(ProcessingEnvironment env, ErrorReporter reporter) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.reporter = reporter;
  }

  /**
   * The names of a factory's variables.
   *
   * @param parameters the names of the method's parameters, in order, the yield last
   * @param receiver the name of the receiver, for an instance method
   */
  record Variables(List<String> parameters, Optional<String> receiver) {}

  /**
   * Names the variables of the factory of {@code method}: each parameter keeps its name unless it
   * would obscure a type name, and the receiver is named after the class.
   *
   * @param type the type that declares the method
   * @param method a valid generator method
   * @return the names, all different
   */
  Variables variables(TypeElement type, ExecutableElement method) {
    Set<String> taken = new HashSet<>();
    method.getParameters().forEach(parameter -> taken.add(parameter.getSimpleName().toString()));
    Set<String> obscuring = obscuringNames(type);
    taken.addAll(obscuring);
    List<String> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(unobscured(parameter, obscuring, taken));
    }
    Optional<String> receiver =
        method.getModifiers().contains(Modifier.STATIC)
            ? Optional.empty()
            : Optional.of(fresh(receiverName(type), taken));
    return new Variables(parameters, receiver);
  }

  /**
   * The name of the scope type of {@code method}: {@code TransactionScope} for {@code
   * transaction}, with the parameter types of an overloaded method.
   *
   * @param method a generator method
   * @param overloaded whether the type has other generator methods of the same name
   * @return the simple name of the nested scope type
   */
  String scopeType(ExecutableElement method, boolean overloaded) {
    String overloadSuffix =
        overloaded
            ? method.getParameters().subList(0, method.getParameters().size() - 1).stream()
                .map(parameter -> simpleName(parameter.asType()))
                .collect(joining())
            : "";
    return capitalize(method.getSimpleName().toString()) + overloadSuffix + "Scope";
  }

  /**
   * Reports two methods that would generate the same scope type or the same factory.
   *
   * @param scopesName the {@code Scopes} class
   * @param methods the models of the valid methods
   */
  void checkClashes(ClassName scopesName, List<GeneratorMethod> methods) {
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

  /** The simple name of an erased type, as overloaded scope names add it: {@code IntArray}. */
  private String simpleName(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    switch (erased.getKind()) {
      case DECLARED:
        return ((DeclaredType) erased).asElement().getSimpleName().toString();
      case ARRAY:
        return simpleName(((ArrayType) erased).getComponentType()) + "Array";
      default:
        return capitalize(erased.getKind().name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * The names that generated code must not give a variable in the factory: the first segment of the
   * names by which it refers to the type, which a variable of that name would obscure (JLS 6.4.2).
   */
  private Set<String> obscuringNames(TypeElement type) {
    Set<String> names = new HashSet<>();
    Element outermost = type;
    while (outermost.getEnclosingElement() instanceof TypeElement) {
      outermost = outermost.getEnclosingElement();
    }
    names.add(outermost.getSimpleName().toString());
    PackageElement pkg = elements.getPackageOf(type);
    if (!pkg.isUnnamed()) {
      String packageName = pkg.getQualifiedName().toString();
      int dot = packageName.indexOf('.');
      names.add(dot < 0 ? packageName : packageName.substring(0, dot));
    }
    return names;
  }

  /** The parameter's own name, unless it would obscure a type name; then a fresh one. */
  private static String unobscured(
      VariableElement parameter, Set<String> obscuring, Set<String> taken) {
    String name = parameter.getSimpleName().toString();
    return obscuring.contains(name) ? fresh(name, taken) : name;
  }

  /** The receiver's name: the class's simple name, decapitalized. */
  private static String receiverName(TypeElement type) {
    String simple = type.getSimpleName().toString();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  /** {@code base}, or {@code base2}, {@code base3}... whichever is not taken; then takes it. */
  private static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name) || !SourceVersion.isName(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
