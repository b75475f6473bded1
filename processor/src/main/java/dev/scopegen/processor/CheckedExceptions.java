package dev.scopegen.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * The checked exceptions that a scope's {@code call} and {@code run} declare beside the body's, and
 * how the generated code recognizes them at run time.
 *
 * <p>They are the checked exceptions that the annotated methods declare, where the {@code throws}
 * clause of an asynchronous method declares what its stage may fail with. {@code AsyncScope}'s
 * {@code call} and {@code run} declare {@code Exception}, so a checked {@code Throwable} that is
 * not an {@code Exception} cannot be declared: {@code Exception} stands in its place, and such a
 * failure is wrapped in a {@code CompletionException}, as is any checked failure of a stage that
 * nothing declares.
 *
 * @param declared what {@code call} and {@code run} declare, without duplicates or subsumed types
 * @param erasures the erasures of the declared types, without duplicates or subsumed types: what
 *     {@code instanceof} can test (a type variable's bound)
 * @param beyondException whether a method declares a checked {@code Throwable} that is not an
 *     {@code Exception}
 */
record CheckedExceptions(
    List<TypeName> declared, List<TypeName> erasures, boolean beyondException) {}
