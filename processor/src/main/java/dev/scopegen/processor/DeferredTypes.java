package dev.scopegen.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Types whose processing waits for a later round because they refer to classes that do not exist
 * yet: another processor (or this one) may generate them in this round. Javac models such a
 * reference as a type of kind {@link TypeKind#ERROR}.
 *
 * <p>A step checks a type with {@link #missingType} and {@link #missingBound}; if something is
 * missing, {@link StepRounds} {@link #defer}s the type instead of reporting errors, and picks it up
 * again with {@link #takeAll} in the next round. When processing is over, what is still deferred
 * really is missing and is reported.
 *
 * <p>Types are kept by name: elements are not meant to be reused across rounds.
 */
final class DeferredTypes {

  private final Elements elements;
  private final Set<String> names = new LinkedHashSet<>();

  DeferredTypes(Elements elements) {
    this.elements = elements;
  }

  /**
   * Defers {@code type} to the next round.
   *
   * @param type a type that refers to a missing type
   */
  void defer(TypeElement type) {
    names.add(type.getQualifiedName().toString());
  }

  /**
   * Returns the types deferred so far, looked up again in the current round, and forgets them: a
   * type that is still incomplete must be deferred again.
   *
   * @return the deferred types, in the order they were deferred
   */
  List<TypeElement> takeAll() {
    List<TypeElement> types = new ArrayList<>();
    for (String name : names) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    names.clear();
    return types;
  }

  /**
   * Finds a missing type in the signature of {@code method}: its return type, parameter types and
   * thrown types.
   *
   * @param method a method
   * @return the first missing type, or empty when the signature is complete
   */
  static Optional<TypeMirror> missingType(ExecutableElement method) {
    List<TypeMirror> types = new ArrayList<>();
    types.add(method.getReturnType());
    for (VariableElement parameter : method.getParameters()) {
      types.add(parameter.asType());
    }
    types.addAll(method.getThrownTypes());
    return types.stream().filter(DeferredTypes::isMissing).findFirst();
  }

  /**
   * Finds a missing type among the bounds of the type variables of {@code element}.
   *
   * @param element a generic type or method
   * @return the first missing bound, or empty when every bound exists
   */
  static Optional<TypeMirror> missingBound(Parameterizable element) {
    for (TypeParameterElement parameter : element.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        if (isMissing(bound)) {
          return Optional.of(bound);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Finds a class literal in the annotations of {@code element} that names a missing class, such as
   * {@code @Rollback(noRollbackFor = NotGeneratedYet.class)}. Javac gives no type for such a
   * value, only an error marker, so the result describes where it is.
   *
   * @param element an annotated element
   * @return where the missing class is named, as in {@code @Rollback(noRollbackFor)}, or empty
   */
  static Optional<String> missingClassValue(Element element) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
          annotation.getElementValues().entrySet()) {
        if (isClassValued(entry.getKey().getReturnType())
            && !holdsTypes(entry.getValue().getValue())) {
          return Optional.of(
              "@"
                  + annotation.getAnnotationType().asElement().getSimpleName()
                  + "("
                  + entry.getKey().getSimpleName()
                  + ")");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code type} is missing or mentions a missing type (as a type argument, array
   * component, wildcard or intersection bound). Type variables are not followed: their bounds
   * belong to the declaration of the variable.
   *
   * @param type a type
   * @return {@code true} when something in it does not exist
   */
  static boolean isMissing(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return true;
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream().anyMatch(DeferredTypes::isMissing);
      case ARRAY:
        return isMissing(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && isMissing(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && isMissing(wildcard.getSuperBound()));
      case INTERSECTION:
        return ((IntersectionType) type).getBounds().stream().anyMatch(DeferredTypes::isMissing);
      default:
        return false;
    }
  }

  /** Whether an annotation element has type {@code Class} or {@code Class[]}. */
  private static boolean isClassValued(TypeMirror type) {
    TypeMirror component =
        type.getKind() == TypeKind.ARRAY ? ((ArrayType) type).getComponentType() : type;
    return component.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) component).asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Class");
  }

  /** Whether an annotation value is a class literal, or an array of them, that all resolved. */
  private static boolean holdsTypes(Object value) {
    if (value instanceof List) {
      return ((List<?>) value)
          .stream().allMatch(item -> holdsTypes(((AnnotationValue) item).getValue()));
    }
    return value instanceof TypeMirror;
  }
}
