package dev.scopegen.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Helpers for JavaPoet type names. */
final class TypeNames {

  private TypeNames() {}

  /**
   * Returns every simple name that {@code types} mention: class names (and their enclosing
   * classes), type variables, type arguments and bounds. Generated code must not introduce a type
   * variable with one of these names, which would shadow the class.
   *
   * @param types some types
   * @return the simple names they mention
   */
  static Set<String> simpleNames(Collection<? extends TypeName> types) {
    Set<String> names = new LinkedHashSet<>();
    types.forEach(type -> collect(type, names));
    return names;
  }

  private static void collect(TypeName type, Set<String> names) {
    if (type instanceof ClassName) {
      names.addAll(((ClassName) type).simpleNames());
    } else if (type instanceof ParameterizedTypeName) {
      ParameterizedTypeName parameterized = (ParameterizedTypeName) type;
      collect(parameterized.rawType(), names);
      parameterized.typeArguments().forEach(argument -> collect(argument, names));
    } else if (type instanceof ArrayTypeName) {
      collect(((ArrayTypeName) type).componentType(), names);
    } else if (type instanceof WildcardTypeName) {
      WildcardTypeName wildcard = (WildcardTypeName) type;
      wildcard.upperBounds().forEach(bound -> collect(bound, names));
      wildcard.lowerBounds().forEach(bound -> collect(bound, names));
    } else if (type instanceof TypeVariableName) {
      TypeVariableName variable = (TypeVariableName) type;
      if (names.add(variable.name())) {
        variable.bounds().forEach(bound -> collect(bound, names));
      }
    }
  }
}
