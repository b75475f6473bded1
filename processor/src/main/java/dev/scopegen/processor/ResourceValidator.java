package dev.scopegen.processor;

import static dev.scopegen.processor.Lifecycle.COMMIT;
import static dev.scopegen.processor.Lifecycle.ENTER;
import static dev.scopegen.processor.Lifecycle.EXIT;
import static dev.scopegen.processor.Lifecycle.ROLLBACK;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.scopegen.processor.LifecycleMethod.Argument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a class with lifecycle methods against the rules of {@code @Enter}, {@code @Exit}, {@code
 * @Commit} and {@code @Rollback}, and turns it into a {@link ResourceClass}.
 *
 * <p>Every problem is reported on the element (or annotation) that causes it, and the whole class
 * is checked before giving up, so that one compilation shows every error. The model is returned
 * only when the class is clean.
 *
 * <p>Beyond the rules of the annotations, the class must be reachable from its scope (not private,
 * not an inner class) and every type the scope has to name must be visible in its package. Classes,
 * abstract classes, interfaces, enums and records are all accepted: the scope wraps an instance and
 * only calls its methods.
 */
final class ResourceValidator {

  private final Types types;
  private final Elements elements;
  private final ErrorReporter reporter;
  private final TypeMirror throwable;
  private final TypeMirror runtimeException;
  private final TypeMirror error;
  private final TypeMirror completionStage;
  private final TypeMirror booleanType;
  private final TypeMirror voidType;

  ResourceValidator(ProcessingEnvironment env, ErrorReporter reporter) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.reporter = reporter;
    this.throwable = typeOf(Throwable.class);
    this.runtimeException = typeOf(RuntimeException.class);
    this.error = typeOf(Error.class);
    this.completionStage =
        types.erasure(typeOf(java.util.concurrent.CompletionStage.class));
    this.booleanType = typeOf(Boolean.class);
    this.voidType = typeOf(Void.class);
  }

  /**
   * Validates {@code type} and returns its model, or reports what is wrong.
   *
   * @param type a type with at least one lifecycle method
   * @param existingTypes the qualified names of the types that already exist, to detect clashes
   *     with the scope's name
   * @return the model, or empty when an error was reported
   */
  Optional<ResourceClass> validate(TypeElement type, Set<String> existingTypes) {
    int errorsBefore = reporter.errorCount();
    Map<Lifecycle, ExecutableElement> methods = lifecycleMethods(type);
    if (type.getKind() == ElementKind.ANNOTATION_TYPE) {
      reporter.error(type, Messages.ANNOTATION_TYPE, nameOf(type));
      return Optional.empty();
    }
    checkReachable(type);
    ExecutableElement enter = methods.get(ENTER);
    if (enter == null) {
      methods.forEach(
          (lifecycle, method) ->
              reporter.error(
                  method,
                  lifecycle.on(method),
                  Messages.MISSING_ENTER,
                  lifecycle.simpleName(),
                  method.getSimpleName(),
                  nameOf(type)));
      return Optional.empty();
    }
    if (methods.size() == 1) {
      reporter.error(
          enter,
          ENTER.on(enter),
          Messages.MISSING_RELEASE,
          enter.getSimpleName(),
          nameOf(type));
    }
    methods.forEach(this::checkModifiers);

    Optional<TypeMirror> resource = resourceType(type, enter);
    Map<Lifecycle, LifecycleMethod> models = new EnumMap<>(Lifecycle.class);
    methods.forEach(
        (lifecycle, method) ->
            models.put(lifecycle, lifecycleMethod(type, lifecycle, method, resource)));
    List<TypeMirror> noRollbackFor =
        Optional.ofNullable(methods.get(ROLLBACK)).map(this::noRollbackFor).orElse(List.of());
    List<TypeMirror> exceptions =
        withoutSubsumed(
            methods.values().stream()
                .flatMap(method -> method.getThrownTypes().stream())
                .filter(this::isChecked)
                .collect(toList()));

    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    checkVisibility(type, methods, resource, packageName);
    ClassName scopeName = scopeName(type, packageName);
    if (existingTypes.contains(scopeName.canonicalName())) {
      reporter.error(type, Messages.NAME_CLASH, scopeName.simpleName(), nameOf(type));
    }

    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceClass(
            type,
            scopeName,
            isPublic(type),
            type.getTypeParameters().stream().map(TypeVariableName::get).collect(toList()),
            TypeName.get(type.asType()),
            TypeName.get(resource.orElseThrow()),
            models.get(ENTER),
            Optional.ofNullable(models.get(COMMIT)),
            Optional.ofNullable(models.get(ROLLBACK)),
            Optional.ofNullable(models.get(EXIT)),
            withoutSubsumed(noRollbackFor).stream().map(TypeName::get).collect(toList()),
            exceptions.stream().map(TypeName::get).collect(toList())));
  }

  /** Collects the lifecycle methods declared by {@code type}, reporting duplicates. */
  private Map<Lifecycle, ExecutableElement> lifecycleMethods(TypeElement type) {
    Map<Lifecycle, ExecutableElement> methods = new EnumMap<>(Lifecycle.class);
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      for (Lifecycle lifecycle : Lifecycle.values()) {
        AnnotationMirror annotation = lifecycle.on(method);
        if (annotation == null) {
          continue;
        }
        ExecutableElement first = methods.putIfAbsent(lifecycle, method);
        if (first != null) {
          reporter.error(
              method,
              annotation,
              Messages.DUPLICATE_METHOD,
              lifecycle.simpleName(),
              first.getSimpleName());
        }
      }
    }
    return methods;
  }

  /** Checks that the scope, a top-level class of the same package, can name {@code type}. */
  private void checkReachable(TypeElement type) {
    for (Element current = type;
        current instanceof TypeElement;
        current = current.getEnclosingElement()) {
      TypeElement enclosing = (TypeElement) current;
      if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(type, Messages.PRIVATE_CLASS, nameOf(enclosing));
        return;
      }
      if (enclosing.getNestingKind() == NestingKind.MEMBER
          && !enclosing.getModifiers().contains(Modifier.STATIC)) {
        reporter.error(type, Messages.INNER_CLASS, nameOf(enclosing));
        return;
      }
    }
  }

  private void checkModifiers(Lifecycle lifecycle, ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      reporter.error(
          method, Messages.PRIVATE_METHOD, lifecycle.simpleName(), method.getSimpleName());
    }
    if (modifiers.contains(Modifier.STATIC)) {
      reporter.error(
          method, Messages.STATIC_METHOD, lifecycle.simpleName(), method.getSimpleName());
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(
          method, Messages.GENERIC_METHOD, lifecycle.simpleName(), method.getSimpleName());
    }
  }

  /**
   * Returns the resource type {@code enter} produces: the type it returns (boxed if primitive) or
   * completes its stage with, or {@code type} itself when it returns {@code void} or {@code
   * CompletionStage<Void>}. Empty when the return type is not supported (the error is reported).
   */
  private Optional<TypeMirror> resourceType(TypeElement type, ExecutableElement enter) {
    if (!enter.getParameters().isEmpty()) {
      reporter.error(
          enter, Messages.ENTER_PARAMETERS, enter.getSimpleName(), parameterList(enter, true));
    }
    TypeMirror returned = enter.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return Optional.of(type.asType());
    }
    if (returned.getKind().isPrimitive()) {
      return Optional.of(types.boxedClass(types.getPrimitiveType(returned.getKind())).asType());
    }
    TypeMirror resource = returned;
    if (isStage(returned)) {
      Optional<TypeMirror> value = stageValue(returned);
      if (value.isEmpty()) {
        reportRaw(ENTER, enter);
        return Optional.empty();
      }
      if (value.get().getKind() == TypeKind.WILDCARD) {
        reporter.error(
            enter, Messages.WILDCARD_RESOURCE, enter.getSimpleName(), describe(returned));
        return Optional.empty();
      }
      if (types.isSameType(value.get(), voidType)) {
        return Optional.of(type.asType());
      }
      resource = value.get();
    }
    if (containsRawType(resource)) {
      reportRaw(ENTER, enter);
      return Optional.empty();
    }
    return Optional.of(resource);
  }

  /** Validates the parameters and return type of one method; reports what is wrong. */
  private LifecycleMethod lifecycleMethod(
      TypeElement type,
      Lifecycle lifecycle,
      ExecutableElement method,
      Optional<TypeMirror> resource) {
    TypeMirror returned = method.getReturnType();
    boolean async = isStage(returned);
    boolean valued;
    List<Argument> arguments;
    if (lifecycle == ENTER) {
      arguments = List.of();
      valued = returned.getKind() != TypeKind.VOID && !isVoidStage(returned);
    } else {
      arguments = arguments(lifecycle, method, resource);
      valued = checkReturn(lifecycle, method);
    }
    return new LifecycleMethod(
        method.getSimpleName().toString(),
        arguments,
        async,
        valued,
        withoutSubsumed(
                method.getThrownTypes().stream().filter(this::isChecked).collect(toList()))
            .stream()
            .map(TypeName::get)
            .collect(toList()),
        arguments.contains(Argument.FAILURE) && isOverloaded(type, method));
  }

  /**
   * Checks the return type of a {@code @Commit}, {@code @Rollback} or {@code @Exit} method and
   * returns whether it tells whether to suppress the failure.
   */
  private boolean checkReturn(Lifecycle lifecycle, ExecutableElement method) {
    TypeMirror returned = method.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return false;
    }
    if (isStage(returned)) {
      Optional<TypeMirror> value = stageValue(returned);
      if (value.isEmpty()) {
        reportRaw(lifecycle, method);
        return false;
      }
      boolean suppresses = types.isSameType(value.get(), booleanType);
      if (lifecycle == EXIT && !suppresses && isBooleanWildcard(value.get())) {
        reporter.error(method, Messages.EXIT_RETURN, method.getSimpleName(), describe(returned));
      }
      return lifecycle == EXIT && suppresses;
    }
    if (lifecycle == EXIT && returned.getKind() == TypeKind.BOOLEAN) {
      return true;
    }
    if (lifecycle == EXIT) {
      reporter.error(method, Messages.EXIT_RETURN, method.getSimpleName(), describe(returned));
    } else {
      reporter.error(
          method,
          Messages.STEP_RETURN,
          lifecycle.simpleName(),
          method.getSimpleName(),
          describe(returned));
    }
    return false;
  }

  /**
   * Matches the parameters of a {@code @Commit}, {@code @Rollback} or {@code @Exit} method to the
   * accepted shapes, {@code ()}, {@code (T)}, and for rollback and exit also {@code (Throwable)} and
   * {@code (T, Throwable)}; reports a mismatch on the parameter or method at fault.
   */
  private List<Argument> arguments(
      Lifecycle lifecycle, ExecutableElement method, Optional<TypeMirror> resource) {
    List<? extends VariableElement> parameters = method.getParameters();
    boolean takesFailure = lifecycle != COMMIT;
    if (parameters.isEmpty()) {
      return List.of();
    }
    if (parameters.size() == 1) {
      VariableElement parameter = parameters.get(0);
      TypeMirror parameterType = parameter.asType();
      if (takesFailure && types.isSameType(parameterType, throwable)) {
        return List.of(Argument.FAILURE);
      }
      if (acceptsResource(parameterType, resource)) {
        return List.of(Argument.RESOURCE);
      }
      if (takesFailure && types.isSubtype(parameterType, throwable)) {
        reportNarrowFailure(lifecycle, method, parameter);
      } else if (types.isSubtype(parameterType, throwable)) {
        reportShape(lifecycle, method, resource);
      } else {
        reportResourceParameter(lifecycle, method, parameter, resource);
      }
      return List.of(Argument.RESOURCE);
    }
    if (parameters.size() == 2 && takesFailure) {
      VariableElement first = parameters.get(0);
      VariableElement second = parameters.get(1);
      if (types.isSameType(first.asType(), throwable)
          && !types.isSameType(second.asType(), throwable)) {
        reportShape(lifecycle, method, resource);
      } else if (!acceptsResource(first.asType(), resource)) {
        reportResourceParameter(lifecycle, method, first, resource);
      }
      if (types.isSameType(second.asType(), throwable)) {
        return List.of(Argument.RESOURCE, Argument.FAILURE);
      }
      if (types.isSubtype(second.asType(), throwable)) {
        reportNarrowFailure(lifecycle, method, second);
      } else if (!types.isSameType(first.asType(), throwable)) {
        reportShape(lifecycle, method, resource);
      }
      return List.of(Argument.RESOURCE, Argument.FAILURE);
    }
    reportShape(lifecycle, method, resource);
    return List.of();
  }

  private boolean acceptsResource(TypeMirror parameterType, Optional<TypeMirror> resource) {
    return resource.map(type -> types.isAssignable(type, parameterType)).orElse(true);
  }

  private void reportShape(
      Lifecycle lifecycle, ExecutableElement method, Optional<TypeMirror> resource) {
    String resourceName = resource.map(ResourceValidator::describe).orElse("the resource");
    String accepted =
        lifecycle == COMMIT
            ? "() or (" + resourceName + ")"
            : "(), (" + resourceName + "), (Throwable) or (" + resourceName + ", Throwable)";
    reporter.error(
        method,
        Messages.PARAMETERS,
        lifecycle.simpleName(),
        method.getSimpleName(),
        parameterList(method, false),
        accepted);
  }

  private void reportResourceParameter(
      Lifecycle lifecycle,
      ExecutableElement method,
      VariableElement parameter,
      Optional<TypeMirror> resource) {
    reporter.error(
        parameter,
        Messages.RESOURCE_PARAMETER,
        lifecycle.simpleName(),
        method.getSimpleName(),
        parameter.getSimpleName(),
        describe(parameter.asType()),
        describe(resource.orElseThrow()));
  }

  private void reportNarrowFailure(
      Lifecycle lifecycle, ExecutableElement method, VariableElement parameter) {
    reporter.error(
        parameter,
        Messages.FAILURE_PARAMETER,
        lifecycle.simpleName(),
        method.getSimpleName(),
        parameter.getSimpleName(),
        describe(parameter.asType()));
  }

  private void reportRaw(Lifecycle lifecycle, ExecutableElement method) {
    reporter.error(
        method,
        Messages.RAW_TYPE,
        lifecycle.simpleName(),
        method.getSimpleName(),
        describe(method.getReturnType()));
  }

  /** The failure types listed in {@code @Rollback(noRollbackFor = ...)}. */
  private List<TypeMirror> noRollbackFor(ExecutableElement rollback) {
    List<TypeMirror> failures = new ArrayList<>();
    for (AnnotationValue value : noRollbackForValues(rollback)) {
      failures.add((TypeMirror) value.getValue());
    }
    return failures;
  }

  private static List<AnnotationValue> noRollbackForValues(ExecutableElement rollback) {
    List<AnnotationValue> values = new ArrayList<>();
    ROLLBACK.on(rollback)
        .getElementValues()
        .forEach(
            (element, value) -> {
              if (element.getSimpleName().contentEquals("noRollbackFor")) {
                for (Object item : (List<?>) value.getValue()) {
                  values.add((AnnotationValue) item);
                }
              }
            });
    return values;
  }

  /** Checks that every type the scope names is visible in the scope's package. */
  private void checkVisibility(
      TypeElement type,
      Map<Lifecycle, ExecutableElement> methods,
      Optional<TypeMirror> resource,
      String packageName) {
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        checkVisible(parameter, "Class " + nameOf(type), bound, packageName);
      }
    }
    methods.forEach(
        (lifecycle, method) -> {
          String user = "@" + lifecycle.simpleName() + " method " + method.getSimpleName();
          if (lifecycle == ENTER) {
            resource.ifPresent(value -> checkVisible(method, user, value, packageName));
          }
          method.getThrownTypes().stream()
              .filter(this::isChecked)
              .forEach(thrown -> checkVisible(method, user, thrown, packageName));
          if (lifecycle == ROLLBACK) {
            noRollbackFor(method).forEach(failure -> checkVisible(method, user, failure, packageName));
          }
        });
  }

  private void checkVisible(Element element, String user, TypeMirror type, String packageName) {
    firstInvisible(type, packageName)
        .ifPresent(
            invisible ->
                reporter.error(
                    element, Messages.INACCESSIBLE_TYPE, user, nameOf(invisible), packageName));
  }

  /** Finds a class named in {@code type} that code in {@code packageName} cannot access. */
  private Optional<TypeElement> firstInvisible(TypeMirror type, String packageName) {
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
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? Optional.empty() : firstInvisible(bound, packageName);
      default:
        return Optional.empty();
    }
  }

  private ClassName scopeName(TypeElement type, String packageName) {
    String nested = nameOf(type).replace('.', '_');
    return ClassName.get(packageName, nested + "Scope");
  }

  /** Whether the class and all its enclosing classes are visible outside their package. */
  private static boolean isPublic(TypeElement type) {
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

  private boolean isOverloaded(TypeElement type, ExecutableElement method) {
    return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
        .anyMatch(
            other ->
                !other.equals(method)
                    && other.getSimpleName().equals(method.getSimpleName())
                    && other.getParameters().size() == method.getParameters().size());
  }

  private boolean isChecked(TypeMirror thrown) {
    return !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error);
  }

  /**
   * Removes duplicates and types that are subtypes of another type in the list, keeping the order
   * of first appearance.
   */
  private List<TypeMirror> withoutSubsumed(List<TypeMirror> list) {
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

  private boolean isStage(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && types.isSubtype(types.erasure(type), completionStage);
  }

  private boolean isVoidStage(TypeMirror type) {
    return isStage(type)
        && stageValue(type).map(value -> types.isSameType(value, voidType)).orElse(false);
  }

  private boolean isBooleanWildcard(TypeMirror value) {
    if (value.getKind() != TypeKind.WILDCARD) {
      return false;
    }
    TypeMirror bound = ((WildcardType) value).getExtendsBound();
    return bound != null && types.isSameType(bound, booleanType);
  }

  /**
   * The type argument of {@code CompletionStage} as {@code type}, a subtype of it, sees it; empty
   * for a raw type.
   */
  private Optional<TypeMirror> stageValue(TypeMirror type) {
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

  private static boolean containsRawType(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (!element.getTypeParameters().isEmpty() && declared.getTypeArguments().isEmpty()) {
          return true;
        }
        return declared.getTypeArguments().stream().anyMatch(ResourceValidator::containsRawType);
      case ARRAY:
        return containsRawType(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && containsRawType(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && containsRawType(wildcard.getSuperBound()));
      default:
        return false;
    }
  }

  private TypeMirror typeOf(Class<?> type) {
    return elements.getTypeElement(type.getCanonicalName()).asType();
  }

  /** The name of a type as its package sees it: {@code Outer.Inner}. */
  private String nameOf(TypeElement type) {
    String qualified = type.getQualifiedName().toString();
    PackageElement pkg = elements.getPackageOf(type);
    return pkg.isUnnamed()
        ? qualified
        : qualified.substring(pkg.getQualifiedName().length() + 1);
  }

  /** The parameters of {@code method}, as in {@code Connection, Throwable}. */
  private static String parameterList(ExecutableElement method, boolean withNames) {
    return method.getParameters().stream()
        .map(
            parameter ->
                describe(parameter.asType()) + (withNames ? " " + parameter.getSimpleName() : ""))
        .collect(joining(", "));
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
            .map(ResourceValidator::describe)
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
}
