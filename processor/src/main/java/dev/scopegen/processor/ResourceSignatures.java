package dev.scopegen.processor;

import static dev.scopegen.processor.Lifecycle.COMMIT;
import static dev.scopegen.processor.Lifecycle.ENTER;
import static dev.scopegen.processor.Lifecycle.EXIT;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;

import com.palantir.javapoet.TypeName;
import dev.scopegen.processor.LifecycleMethod.Argument;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the parameters and return type of each lifecycle method against the shapes that
 * {@code @Enter}, {@code @Commit}, {@code @Rollback} and {@code @Exit} accept, and describes how
 * the scope calls it ({@link LifecycleMethod}). Mismatches are reported on the parameter or method
 * at fault.
 */
final class ResourceSignatures {

  private final Types types;
  private final Elements elements;
  private final TypeInspector inspector;
  private final ErrorReporter reporter;

  ResourceSignatures(ProcessingEnvironment env, TypeInspector inspector, ErrorReporter reporter) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.inspector = inspector;
    this.reporter = reporter;
  }

  /**
   * Returns the resource type {@code enter} produces: the type it returns (boxed if primitive) or
   * completes its stage with, or {@code type} itself when it returns {@code void} or {@code
   * CompletionStage<Void>}. Empty when the return type is not supported (the error is reported).
   */
  Optional<TypeMirror> resourceType(TypeElement type, ExecutableElement enter) {
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
    if (inspector.isStage(returned)) {
      Optional<TypeMirror> value = inspector.stageValue(returned);
      if (value.isEmpty()) {
        reportRaw(ENTER, enter);
        return Optional.empty();
      }
      if (value.get().getKind() == TypeKind.WILDCARD) {
        reporter.error(
            enter,
            Messages.WILDCARD_RESOURCE,
            enter.getSimpleName(),
            TypeInspector.describe(returned));
        return Optional.empty();
      }
      if (inspector.isVoid(value.get())) {
        return Optional.of(type.asType());
      }
      resource = value.get();
    }
    if (TypeInspector.firstRaw(resource).isPresent()) {
      reportRaw(ENTER, enter);
      return Optional.empty();
    }
    return Optional.of(resource);
  }

  /**
   * Checks the parameters and return type of one lifecycle method of {@code type}, and returns how
   * the scope calls it.
   *
   * @param resource the resource type, or empty when {@code @Enter} is invalid
   */
  LifecycleMethod lifecycleMethod(
      TypeElement type,
      Lifecycle lifecycle,
      ExecutableElement method,
      Optional<TypeMirror> resource) {
    TypeMirror returned = method.getReturnType();
    boolean valued;
    List<Argument> arguments;
    if (lifecycle == ENTER) {
      arguments = List.of();
      valued = returned.getKind() != TypeKind.VOID && !inspector.isVoidStage(returned);
    } else {
      arguments = arguments(lifecycle, method, resource);
      valued = checkReturn(lifecycle, method);
    }
    return new LifecycleMethod(
        method.getSimpleName().toString(),
        arguments,
        inspector.isStage(returned),
        valued,
        inspector.checkedExceptions(method).stream().map(TypeName::get).collect(toList()),
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
    if (inspector.isStage(returned)) {
      Optional<TypeMirror> value = inspector.stageValue(returned);
      if (value.isEmpty()) {
        reportRaw(lifecycle, method);
        return false;
      }
      if (lifecycle == EXIT && inspector.isBooleanWildcard(value.get())) {
        reporter.error(
            method,
            Messages.EXIT_RETURN,
            method.getSimpleName(),
            TypeInspector.describe(returned));
      }
      return lifecycle == EXIT && inspector.isBoolean(value.get());
    }
    if (lifecycle == EXIT && returned.getKind() == TypeKind.BOOLEAN) {
      return true;
    }
    if (lifecycle == EXIT) {
      reporter.error(
          method, Messages.EXIT_RETURN, method.getSimpleName(), TypeInspector.describe(returned));
    } else {
      reporter.error(
          method,
          Messages.STEP_RETURN,
          lifecycle.simpleName(),
          method.getSimpleName(),
          TypeInspector.describe(returned));
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
      if (takesFailure && inspector.isThrowable(parameterType)) {
        return List.of(Argument.FAILURE);
      }
      if (acceptsResource(parameterType, resource)) {
        return List.of(Argument.RESOURCE);
      }
      if (takesFailure && inspector.isFailure(parameterType)) {
        reportNarrowFailure(lifecycle, method, parameter);
      } else if (inspector.isFailure(parameterType)) {
        reportShape(lifecycle, method, resource);
      } else {
        reportResourceParameter(lifecycle, method, parameter, resource);
      }
      return List.of(Argument.RESOURCE);
    }
    if (parameters.size() == 2 && takesFailure) {
      TypeMirror first = parameters.get(0).asType();
      TypeMirror second = parameters.get(1).asType();
      boolean reordered = inspector.isThrowable(first) && !inspector.isThrowable(second);
      if (reordered) {
        reportShape(lifecycle, method, resource);
      } else if (!acceptsResource(first, resource)) {
        reportResourceParameter(lifecycle, method, parameters.get(0), resource);
      }
      if (!inspector.isThrowable(second)) {
        if (inspector.isFailure(second)) {
          reportNarrowFailure(lifecycle, method, parameters.get(1));
        } else if (!reordered) {
          reportShape(lifecycle, method, resource);
        }
      }
      return List.of(Argument.RESOURCE, Argument.FAILURE);
    }
    reportShape(lifecycle, method, resource);
    return List.of();
  }

  private boolean acceptsResource(TypeMirror parameterType, Optional<TypeMirror> resource) {
    return resource.map(type -> types.isAssignable(type, parameterType)).orElse(true);
  }

  /** Whether another method of {@code type} has the name and arity of {@code method}. */
  private boolean isOverloaded(TypeElement type, ExecutableElement method) {
    return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
        .anyMatch(
            other ->
                !other.equals(method)
                    && other.getSimpleName().equals(method.getSimpleName())
                    && other.getParameters().size() == method.getParameters().size());
  }

  private void reportShape(
      Lifecycle lifecycle, ExecutableElement method, Optional<TypeMirror> resource) {
    String resourceName = resource.map(TypeInspector::describe).orElse("the resource");
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
        TypeInspector.describe(parameter.asType()),
        TypeInspector.describe(resource.orElseThrow()));
  }

  private void reportNarrowFailure(
      Lifecycle lifecycle, ExecutableElement method, VariableElement parameter) {
    reporter.error(
        parameter,
        Messages.FAILURE_PARAMETER,
        lifecycle.simpleName(),
        method.getSimpleName(),
        parameter.getSimpleName(),
        TypeInspector.describe(parameter.asType()));
  }

  private void reportRaw(Lifecycle lifecycle, ExecutableElement method) {
    reporter.error(
        method,
        Messages.RAW_TYPE,
        lifecycle.simpleName(),
        method.getSimpleName(),
        TypeInspector.describe(method.getReturnType()));
  }

  /** The parameters of {@code method}, as in {@code Connection, Throwable}. */
  private static String parameterList(ExecutableElement method, boolean withNames) {
    return method.getParameters().stream()
        .map(
            parameter ->
                TypeInspector.describe(parameter.asType())
                    + (withNames ? " " + parameter.getSimpleName() : ""))
        .collect(joining(", "));
  }
}
