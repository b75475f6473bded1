package dev.scopegen.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A type with valid {@code @ScopedResource} methods, as its generated {@code <Type>Scopes} class
 * needs it.
 *
 * @param element the type, for originating elements
 * @param name the generated class: {@code TransactionsScopes}, or {@code Outer_InnerScopes} for a
 *     nested type
 * @param isPublic whether the generated class is public: the type is visible outside its package
 * @param seesGenerated whether the class's module can see {@code @Generated}, so the class carries
 *     it
 * @param isDeprecated whether the type is deprecated, and so is the generated class
 * @param methods the methods, in the order they are declared
 */
record GeneratorScopes(
    TypeElement element,
    ClassName name,
    boolean isPublic,
    boolean seesGenerated,
    boolean isDeprecated,
    List<GeneratorMethod> methods) {}
