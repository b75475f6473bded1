package dev.scopegen.processor;

import static java.util.stream.Collectors.joining;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * The naming rules of generated code, in one place.
 *
 * <p>The rules, which the generated code and the README document:
 *
 * <ul>
 *   <li>The scope of a resource class is {@code <Type>Scope}, and the class of a type's generator
 *       methods {@code <Type>Scopes}, in the type's package; for a nested type {@code Outer.Inner},
 *       {@code Outer_InnerScope} and {@code Outer_InnerScopes}.
 *   <li>Each method gets a factory of the same name, and a scope type named after it: {@code
 *       transaction} gives {@code TransactionScope}.
 *   <li>Overloaded methods add the simple names of their parameter types, erased, without the
 *       yield: {@code open(Path, Yield)} and {@code open(Path, Charset, Yield)} give {@code
 *       OpenPathScope} and {@code OpenPathCharsetScope}; an array adds {@code Array}, a primitive
 *       its capitalized name ({@code int[]} gives {@code IntArray}).
 *   <li>A variable or type variable that generated code introduces keeps its preferred name unless
 *       that is taken; then it gets the first free of {@code name2}, {@code name3}...
 * </ul>
 */
final class ScopeNames {

  private final Elements elements;
  private final Types types;

  ScopeNames(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  /**
   * The scope of a resource class: {@code DatabaseScope}, {@code Outer_InnerScope}.
   *
   * @param packageName the package of the class
   * @param nameInPackage the name of the class in its package: {@code Outer.Inner}
   * @return the name of the scope
   */
  static ClassName resourceScope(String packageName, String nameInPackage) {
    return ClassName.get(packageName, nameInPackage.replace('.', '_') + "Scope");
  }

  /**
   * The class of a type's generator methods: {@code TransactionsScopes}, {@code
   * Outer_InnerScopes}.
   *
   * @param packageName the package of the type
   * @param nameInPackage the name of the type in its package: {@code Outer.Inner}
   * @return the name of the class
   */
  static ClassName generatorScopes(String packageName, String nameInPackage) {
    return ClassName.get(packageName, nameInPackage.replace('.', '_') + "Scopes");
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

  /**
   * Picks {@code base}, or it followed by 2, 3 and so on, the first that is a valid name and not
   * taken, and takes it.
   *
   * @param base the preferred name
   * @param taken the names in use, to which the result is added
   * @return the name
   */
  static String fresh(String base, Set<String> taken) {
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
