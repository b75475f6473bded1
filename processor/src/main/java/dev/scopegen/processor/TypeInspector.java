package dev.scopegen.processor;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The questions about types that validating a resource class or a generator method asks: which
 * types are stages and of what, which exceptions are checked, which types are raw, and which
 * classes the generated code can see.
 */
final class TypeInspector {

  private final Types types;
  private final Elements elements;
  private final TypeMirror throwable;
  private final TypeMirror exception;
  private final TypeMirror runtimeException;
  private final TypeMirror error;
  private final TypeMirror completionStage;
  private final TypeMirror booleanType;
  private final TypeMirror voidType;

  /** {@link #seesGenerated} by module name, {@code ""} for the unnamed module. */
  private final Map<String, Boolean> seesGenerated = new HashMap<>();

  TypeInspector(ProcessingEnvironment env) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.throwable = typeOf(Throwable.class);
    this.exception = typeOf(Exception.class);
    this.runtimeException = typeOf(RuntimeException.class);
    this.error = typeOf(Error.class);
    this.completionStage = types.erasure(typeOf(CompletionStage.class));
    this.booleanType = typeOf(Boolean.class);
    this.voidType = typeOf(Void.class);
  }

  /** Whether {@code type} is {@link CompletionStage} or a subtype, such as a future. */
  boolean isStage(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && types.isSubtype(types.erasure(type), completionStage);
  }

  /**
   * The type argument of {@code CompletionStage} as {@code type}, a stage type, sees it; empty for
   * a raw type.
   */
  Optional<TypeMirror> stageValue(TypeMirror type) {
    if (types.isSameType(types.erasure(type), completionStage)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      return arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.get(0));
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (isStage(supertype)) {
        return stageValue(supertype);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code type} is a stage of {@code Void}. */
  boolean isVoidStage(TypeMirror type) {
    return isStage(type) && stageValue(type).map(this::isVoid).orElse(false);
  }

  boolean isVoid(TypeMirror type) {
    return types.isSameType(type, voidType);
  }

  boolean isBoolean(TypeMirror type) {
    return types.isSameType(type, booleanType);
  }

  /** Whether {@code type} is {@code ? extends Boolean}. */
  boolean isBooleanWildcard(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return false;
    }
    TypeMirror bound = ((WildcardType) type).getExtendsBound();
    return bound != null && isBoolean(bound);
  }

  /** Whether {@code type} is exactly {@link Throwable}. */
  boolean isThrowable(TypeMirror type) {
    return types.isSameType(type, throwable);
  }

  /** Whether {@code type} is {@link Throwable} or a subtype. */
  boolean isFailure(TypeMirror type) {
    return types.isSubtype(type, throwable);
  }

  /** Whether a method that throws {@code thrown} must declare it. */
  boolean isChecked(TypeMirror thrown) {
    return !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error);
  }

  /** The checked exceptions {@code method} declares, without duplicates or subsumed types. */
  List<TypeMirror> checkedExceptions(ExecutableElement method) {
    return withoutSubsumed(
        method.getThrownTypes().stream().filter(this::isChecked).collect(toList()));
  }

  /**
   * The checked exceptions that {@code call} and {@code run} declare for methods that declare
   * {@code thrown}: {@code Exception} in place of a checked {@code Throwable} that is not an
   * {@code Exception}, which {@code AsyncScope}'s {@code call} and {@code run} cannot declare.
   *
   * @param thrown the types that the methods declare, checked or not
   * @return the exceptions, with their erasures
   */
  CheckedExceptions scopeExceptions(List<? extends TypeMirror> thrown) {
    List<TypeMirror> checked = thrown.stream().filter(this::isChecked).collect(toList());
    List<TypeMirror> declared =
        withoutSubsumed(
            checked.stream()
                .map(type -> types.isSubtype(type, exception) ? type : exception)
                .collect(toList()));
    return new CheckedExceptions(
        declared.stream().map(TypeName::get).collect(toList()),
        withoutSubsumed(declared.stream().map(types::erasure).collect(toList())).stream()
            .map(TypeName::get)
            .collect(toList()),
        checked.stream().anyMatch(type -> !types.isSubtype(type, exception)));
  }

  /**
   * Removes duplicates and types that are subtypes of another type in the list, keeping the order
   * of first appearance.
   */
  List<TypeMirror> withoutSubsumed(List<TypeMirror> list) {
    List<TypeMirror> kept = new ArrayList<>();
    for (TypeMirror candidate : list) {
      boolean subsumed =
          list.stream()
              .anyMatch(
                  other ->
                      types.isSubtype(candidate, other) && !types.isSameType(candidate, other));
      boolean seen = kept.stream().anyMatch(other -> types.isSameType(candidate, other));
      if (!subsumed && !seen) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  /** Finds a raw use of a generic class in {@code type}, which generated code must not name. */
  static Optional<TypeMirror> firstRaw(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (declared.getTypeArguments().isEmpty()
            && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty()) {
          return Optional.of(type);
        }
        return declared.getTypeArguments().stream()
            .map(TypeInspector::firstRaw)
            .flatMap(Optional::stream)
            .findFirst();
      case ARRAY:
        return firstRaw(((ArrayType) type).getComponentType());
      case WILDCARD:
        return boundOf((WildcardType) type).flatMap(TypeInspector::firstRaw);
      default:
        return Optional.empty();
    }
  }

  /** Finds a class named in {@code type} that code in {@code packageName} cannot access. */
  Optional<TypeElement> firstInvisible(TypeMirror type, String packageName) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        for (Element current = declared.asElement();
            current instanceof TypeElement;
            current = current.getEnclosingElement()) {
          Set<Modifier> modifiers = current.getModifiers();
          boolean samePackage =
              elements.getPackageOf(current).getQualifiedName().contentEquals(packageName);
          if (modifiers.contains(Modifier.PRIVATE)
              || (!modifiers.contains(Modifier.PUBLIC) && !samePackage)) {
            return Optional.of((TypeElement) current);
          }
        }
        return declared.getTypeArguments().stream()
            .map(argument -> firstInvisible(argument, packageName))
            .flatMap(Optional::stream)
            .findFirst();
      case ARRAY:
        return firstInvisible(((ArrayType) type).getComponentType(), packageName);
      case WILDCARD:
        return boundOf((WildcardType) type).flatMap(bound -> firstInvisible(bound, packageName));
      default:
        return Optional.empty();
    }
  }

  /** The bound of a wildcard, {@code extends} or {@code super}; empty for {@code ?}. */
  static Optional<TypeMirror> boundOf(WildcardType wildcard) {
    return Optional.ofNullable(
        wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound());
  }

  /** Whether the type and all its enclosing types are visible outside their package. */
  static boolean isPublic(TypeElement type) {
    for (Element current = type;
        current instanceof TypeElement;
        current = current.getEnclosingElement()) {
      Set<Modifier> modifiers = current.getModifiers();
      if (!modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PROTECTED)) {
        return false;
      }
    }
    return true;
  }

  /** The package of {@code type}, {@code ""} for the unnamed package. */
  String packageOf(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  /** The name of a type as its package sees it: {@code Outer.Inner}. */
  String nameOf(TypeElement type) {
    String qualified = type.getQualifiedName().toString();
    PackageElement pkg = elements.getPackageOf(type);
    return pkg.isUnnamed() ? qualified : qualified.substring(pkg.getQualifiedName().length() + 1);
  }

  /**
   * Whether code in the module of {@code origin} can refer to {@code @Generated}. It lives in
   * module {@code java.compiler}, which the unnamed module reads whenever the compilation has it,
   * but which a named module reads only when it requires it: annotating a class of a module that
   * does not would make it fail to compile. javac resolves a name looked up in a module as code of
   * that module would, so an annotation it cannot read is not found.
   */
  boolean seesGenerated(TypeElement origin) {
    ModuleElement module = elements.getModuleOf(origin);
    boolean unnamed = module == null || module.isUnnamed();
    // Looking a name up costs a search of every module; the answer is the same for all the classes
    // of a module, so it is asked once per module.
    return seesGenerated.computeIfAbsent(
        unnamed ? "" : module.getQualifiedName().toString(),
        key -> {
          String generated = ClassNames.GENERATED.canonicalName();
          return unnamed
              ? elements.getTypeElement(generated) != null
              : elements.getTypeElement(module, generated) != null;
        });
  }

  /** A type as a user writes it: simple class names, with type arguments. */
  static String describe(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = declared.asElement().getSimpleName().toString();
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        return declared.getTypeArguments().stream()
            .map(TypeInspector::describe)
            .collect(joining(", ", name + "<", ">"));
      case ARRAY:
        return describe(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + describe(wildcard.getExtendsBound());
        }
        if (wildcard.getSuperBound() != null) {
          return "? super " + describe(wildcard.getSuperBound());
        }
        return "?";
      default:
        return type.toString();
    }
  }

  private TypeMirror typeOf(Class<?> type) {
    return elements.getTypeElement(type.getCanonicalName()).asType();
  }
}
