package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeVariable;
import org.junit.jupiter.api.Test;

/**
 * {@link DeferredTypes#isMissing} on intersection types, which no signature of a lifecycle method
 * can contain (type variables are not followed), but which a type variable's upper bound is.
 */
class DeferredTypesTest {

  @Test
  void anIntersectionIsMissingWhenOneOfItsBoundsIs() {
    IsMissingOfUpperBounds probe = new IsMissingOfUpperBounds();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(probe)
            .compile(
                JavaFileObjects.forSourceLines(
                    "test.Gap",
                    "package test;",
                    "",
                    "class Gap<A extends Number & Absent, B extends Number & Comparable<B>> {}"));

    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(probe.kinds).containsExactly(TypeKind.INTERSECTION, TypeKind.INTERSECTION);
    assertThat(probe.missing).containsExactly(true, false).inOrder();
  }

  /** Records, for each type variable of test.Gap, whether its upper bound is missing. */
  @SupportedAnnotationTypes("*")
  private static final class IsMissingOfUpperBounds extends AbstractProcessor {
    final List<TypeKind> kinds = new ArrayList<>();
    final List<Boolean> missing = new ArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      TypeElement gap = processingEnv.getElementUtils().getTypeElement("test.Gap");
      if (gap != null && kinds.isEmpty()) {
        for (TypeParameterElement parameter : gap.getTypeParameters()) {
          TypeVariable variable = (TypeVariable) parameter.asType();
          kinds.add(variable.getUpperBound().getKind());
          missing.add(DeferredTypes.isMissing(variable.getUpperBound()));
        }
      }
      return false;
    }
  }
}
