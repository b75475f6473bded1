package dev.scopegen.processor;

import static dev.scopegen.processor.Lifecycle.COMMIT;
import static dev.scopegen.processor.Lifecycle.ENTER;
import static dev.scopegen.processor.Lifecycle.EXIT;
import static dev.scopegen.processor.Lifecycle.ROLLBACK;
import static java.util.stream.Collectors.toList;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
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
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

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

  private final TypeInspector inspector;
  private final ResourceSignatures signatures;
  private final ErrorReporter reporter;

  ResourceValidator(ProcessingEnvironment env, ErrorReporter reporter) {
    this.inspector = new TypeInspector(env);
    this.signatures = new ResourceSignatures(env, inspector, reporter);
    this.reporter = reporter;
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
      reporter.error(type, Messages.ANNOTATION_TYPE, inspector.nameOf(type));
      return Optional.empty();
    }
    Optional<TypeElement> privateType = checkReachable(type);
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
                  inspector.nameOf(type)));
      return Optional.empty();
    }
    if (methods.size() == 1) {
      reporter.error(
          enter,
          ENTER.on(enter),
          Messages.MISSING_RELEASE,
          enter.getSimpleName(),
          inspector.nameOf(type));
    }
    methods.forEach(this::checkModifiers);

    Optional<TypeMirror> resource = signatures.resourceType(type, enter);
    Map<Lifecycle, LifecycleMethod> models = new EnumMap<>(Lifecycle.class);
    methods.forEach(
        (lifecycle, method) ->
            models.put(lifecycle, signatures.lifecycleMethod(type, lifecycle, method, resource)));
    List<TypeMirror> noRollbackFor =
        Optional.ofNullable(methods.get(ROLLBACK)).map(this::noRollbackFor).orElse(List.of());
    CheckedExceptions exceptions =
        inspector.scopeExceptions(
            methods.values().stream()
                .flatMap(method -> method.getThrownTypes().stream())
                .collect(toList()));

    String packageName = inspector.packageOf(type);
    checkVisibility(type, methods, resource, new Visibility(packageName, privateType));
    ClassName scopeName = ScopeNames.resourceScope(packageName, inspector.nameOf(type));
    if (existingTypes.contains(scopeName.canonicalName())) {
      reporter.error(type, Messages.NAME_CLASH, scopeName.simpleName(), inspector.nameOf(type));
    }

    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceClass(
            type,
            scopeName,
            TypeInspector.isPublic(type),
            inspector.seesGenerated(type),
            type.getTypeParameters().stream().map(TypeVariableName::get).collect(toList()),
            TypeName.get(type.asType()),
            TypeName.get(resource.orElseThrow()),
            models.get(ENTER),
            Optional.ofNullable(models.get(COMMIT)),
            Optional.ofNullable(models.get(ROLLBACK)),
            Optional.ofNullable(models.get(EXIT)),
            inspector.withoutSubsumed(noRollbackFor).stream().map(TypeName::get).collect(toList()),
            exceptions));
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

  /**
   * Checks that the scope, a top-level class of the same package, can name {@code type}; returns
   * the private type reported, if that is what prevents it.
   */
  private Optional<TypeElement> checkReachable(TypeElement type) {
    for (Element current = type;
        current instanceof TypeElement;
        current = current.getEnclosingElement()) {
      TypeElement enclosing = (TypeElement) current;
      if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(type, Messages.PRIVATE_CLASS, inspector.nameOf(enclosing));
        return Optional.of(enclosing);
      }
      if (enclosing.getNestingKind() == NestingKind.MEMBER
          && !enclosing.getModifiers().contains(Modifier.STATIC)) {
        reporter.error(type, Messages.INNER_CLASS, inspector.nameOf(enclosing));
        return Optional.empty();
      }
    }
    return Optional.empty();
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

  /**
   * Where the scope is generated, and the private type already reported as making the class
   * unreachable: a type invisible only because of it (such as the class itself as the resource) is
   * not reported a second time.
   */
  private record Visibility(String packageName, Optional<TypeElement> reported) {}

  /** Checks that every type the scope names is visible in the scope's package. */
  private void checkVisibility(
      TypeElement type,
      Map<Lifecycle, ExecutableElement> methods,
      Optional<TypeMirror> resource,
      Visibility visibility) {
    String packageName = visibility.packageName();
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        checkVisible(parameter, "Class " + inspector.nameOf(type), bound, visibility);
      }
    }
    methods.forEach(
        (lifecycle, method) -> {
          String user = "@" + lifecycle.simpleName() + " method " + method.getSimpleName();
          if (lifecycle == ENTER) {
            resource.ifPresent(value -> checkVisible(method, user, value, visibility));
          }
          method.getThrownTypes().stream()
              .filter(inspector::isChecked)
              .forEach(thrown -> checkVisible(method, user, thrown, visibility));
          if (lifecycle == ROLLBACK) {
            for (AnnotationValue value : noRollbackForValues(method)) {
              firstInvisible((TypeMirror) value.getValue(), visibility)
                  .ifPresent(
                      invisible ->
                          reporter.error(
                              method,
                              ROLLBACK.on(method),
                              value,
                              Messages.INACCESSIBLE_TYPE,
                              user,
                              inspector.nameOf(invisible),
                              packageName));
            }
          }
        });
  }

  private void checkVisible(Element element, String user, TypeMirror type, Visibility visibility) {
    firstInvisible(type, visibility)
        .ifPresent(
            invisible ->
                reporter.error(
                    element,
                    Messages.INACCESSIBLE_TYPE,
                    user,
                    inspector.nameOf(invisible),
                    visibility.packageName()));
  }

  /** The first type in {@code type} that the scope cannot see, unless it was reported already. */
  private Optional<TypeElement> firstInvisible(TypeMirror type, Visibility visibility) {
    return inspector
        .firstInvisible(type, visibility.packageName())
        .filter(invisible -> !visibility.reported().equals(Optional.of(invisible)));
  }
}
