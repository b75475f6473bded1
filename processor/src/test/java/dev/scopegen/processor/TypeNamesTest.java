package dev.scopegen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simple names a type mentions, which a generated type variable must not take. */
class TypeNamesTest {

  private static final ClassName MAP = ClassName.get("java.util", "Map");
  private static final ClassName LIST = ClassName.get("java.util", "List");

  @Test
  void aClassMentionsItselfAndTheClassesEnclosingIt() {
    assertEquals(
        Set.of("Outer", "R"), TypeNames.simpleNames(List.of(ClassName.get("test", "Outer", "R"))));
  }

  @Test
  void namesInsideTypeArgumentsArraysAndWildcardsCount() {
    TypeName type =
        ParameterizedTypeName.get(
            MAP,
            WildcardTypeName.subtypeOf(ClassName.get("test", "R")),
            ParameterizedTypeName.get(
                LIST,
                WildcardTypeName.supertypeOf(ArrayTypeName.of(ClassName.get("test", "X")))));
    // "? super X[]" is bounded above by Object, which it mentions too.
    assertEquals(
        List.of("Map", "R", "List", "Object", "X"),
        List.copyOf(TypeNames.simpleNames(List.of(type))));
  }

  @Test
  void theBoundsOfATypeVariableCount() {
    TypeVariableName variable =
        TypeVariableName.get(
            "T",
            ParameterizedTypeName.get(LIST, ClassName.get("test", "R")),
            ClassName.get("test", "X"));
    assertEquals(
        List.of("T", "List", "R", "X"), List.copyOf(TypeNames.simpleNames(List.of(variable))));
  }

  @Test
  void aTypeVariableIsFollowedOnceEvenWhenItsBoundMentionsItAgain() {
    TypeVariableName inner = TypeVariableName.get("T", ClassName.get("test", "Inner"));
    TypeVariableName outer =
        TypeVariableName.get("T", ParameterizedTypeName.get(ClassName.get("test", "Node"), inner));
    // The second T is the same variable: its bound is not looked at again.
    assertEquals(List.of("T", "Node"), List.copyOf(TypeNames.simpleNames(List.of(outer))));
  }

  @Test
  void primitivesMentionNothing() {
    assertEquals(Set.of(), TypeNames.simpleNames(List.of(TypeName.INT, TypeName.VOID)));
  }

  @Test
  void theTypeVariablesOfCallAndRunAvoidEveryNameTheScopeMentions() {
    // R and R1 are taken (R1 only inside the bound of R), X by a type variable and X1 only deep
    // inside the resource type: call and run take R2 and X2.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new ScopeProcessor())
            .withOptions("-Xlint:all,-processing")
            .compile(
                JavaFileObjects.forSourceLines(
                    "test.Clashes",
                    "package test;",
                    "",
                    "import dev.scopegen.Enter;",
                    "import dev.scopegen.Exit;",
                    "import java.util.List;",
                    "import java.util.Map;",
                    "",
                    "class Clashes<R extends Comparable<R1>, R1, X> {",
                    "  static class X1 {}",
                    "",
                    "  @Enter List<Map<R, ? extends X1[]>> open() { return List.of(); }",
                    "",
                    "  @Exit void close(List<Map<R, ? extends X1[]>> resource) {}",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.ClashesScope")
        .contentsAsUtf8String()
        .contains("public <R2, X2 extends Throwable> R2 call(");
    assertThat(compilation)
        .generatedSourceFile("test.ClashesScope")
        .contentsAsUtf8String()
        .contains("public <X2 extends Throwable> void run(");
  }
}
