package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.COMPLETION_STAGE;
import static dev.scopegen.processor.ClassNames.GENERATED;
import static dev.scopegen.processor.ClassNames.PROCESSOR;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.scopegen.processor.LifecycleMethod.Argument;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * What both writers share: the start of a generated class, Javadoc text wrapped to fit, and the
 * small pieces of code that resource and generator scopes both contain. It sees only JavaPoet and
 * the model, never a validator or a step.
 */
final class WriterSupport {

  /** The longest line of generated Javadoc text, so that comments fit in 100 columns. */
  private static final int JAVADOC_WIDTH = 90;

  private WriterSupport() {}

  /**
   * Starts a generated top-level class: final, public if asked, with {@code origin} as its
   * originating element, and annotated {@code @Generated} when asked.
   *
   * @param name the class
   * @param origin the annotated type it is generated for
   * @param isPublic whether the class is public
   * @param annotated whether code in the module of {@code origin} can refer to {@code @Generated}
   *     ({@link TypeInspector#seesGenerated})
   * @return a builder for the rest of the class
   */
  static TypeSpec.Builder classBuilder(
      ClassName name, TypeElement origin, boolean isPublic, boolean annotated) {
    TypeSpec.Builder type = TypeSpec.classBuilder(name).addOriginatingElement(origin);
    if (annotated) {
      type.addAnnotation(
          AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
    type.addModifiers(FINAL);
    if (isPublic) {
      type.addModifiers(PUBLIC);
    }
    return type;
  }

  /**
   * Breaks Javadoc text into lines of at most {@value #JAVADOC_WIDTH} characters, keeping inline
   * tags such as <code>{&#64;code close()}</code> on one line.
   */
  static String wrap(String text) {
    StringBuilder lines = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" (?![^{]*})")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > JAVADOC_WIDTH) {
        lines.append(line).append('\n');
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    return lines.append(line).append('\n').toString();
  }

  /** A lifecycle method as Javadoc names it: <code>{&#64;code close()}</code>. */
  static String code(LifecycleMethod method) {
    return "{@code " + method.name() + "()}";
  }

  /** {@code CompletionStage<value>}. */
  static TypeName stageOf(TypeName value) {
    return ParameterizedTypeName.get(COMPLETION_STAGE, value);
  }

  /**
   * The test of which checked failures of the scope's own steps {@code call} and {@code run}
   * declare, for {@code Blocking} and the generator engines: <code>failure -&gt; failure
   * instanceof IOException</code>.
   *
   * @param exceptions what {@code call} and {@code run} declare
   * @return a lambda expression
   */
  static CodeBlock declares(CheckedExceptions exceptions) {
    if (exceptions.erasures().isEmpty()) {
      return CodeBlock.of("failure -> false");
    }
    return exceptions.erasures().stream()
        .map(type -> CodeBlock.of("failure instanceof $T", type))
        .collect(CodeBlock.joining(" ||$W", "failure -> ", ""));
  }

  /** {@code !(failure instanceof A || failure instanceof B)} for the types of noRollbackFor. */
  static CodeBlock rollsBackOn(ResourceClass resource) {
    return resource.noRollbackFor().stream()
        .map(type -> CodeBlock.of("failure instanceof $T", type))
        .collect(CodeBlock.joining(" ||$W", "!(", ")"));
  }

  /**
   * The call of a lifecycle method: {@code target.close(resource, failure)}, with the given
   * expressions for the resource and the failure.
   */
  static CodeBlock invocation(LifecycleMethod method, String resource, String failure) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (Argument argument : method.arguments()) {
      if (argument == Argument.RESOURCE) {
        arguments.add(CodeBlock.of("$L", resource));
      } else if (failure == null) {
        arguments.add(
            method.nullNeedsCast()
                ? CodeBlock.of("($T) null", Throwable.class)
                : CodeBlock.of("null"));
      } else {
        arguments.add(CodeBlock.of("$L", failure));
      }
    }
    return CodeBlock.of(
        "target.$N($L)", method.name(), CodeBlock.join(arguments, ", "));
  }
}
