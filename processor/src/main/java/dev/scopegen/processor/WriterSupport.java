package dev.scopegen.processor;

import static dev.scopegen.processor.ClassNames.BLOCKING;
import static dev.scopegen.processor.ClassNames.COMPLETION_STAGE;
import static dev.scopegen.processor.ClassNames.GENERATED;
import static dev.scopegen.processor.ClassNames.PROCESSOR;
import static dev.scopegen.processor.ClassNames.SCOPE_CONSUMER;
import static dev.scopegen.processor.ClassNames.SCOPE_FUNCTION;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.scopegen.processor.LifecycleMethod.Argument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.TypeElement;

/**
 * What both writers share: the start of a generated class, Javadoc text wrapped to fit, and the
 * small pieces of code that resource and generator scopes both contain. It sees only JavaPoet and
 * the model, never a validator or a step.
 */
final class WriterSupport {

  /** The longest line of generated Javadoc text, so that comments fit in 100 columns. */
  private static final int JAVADOC_WIDTH = 90;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$[LSTN]");

  // A space between words, not one inside an inline tag such as "{@code a b}".
  private static final Pattern WORD_BREAK = Pattern.compile(" (?![^{]*})");

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
    return wrap(text, String::length);
  }

  /**
   * Like {@link #wrap(String)} for a JavaPoet format: each {@code $T} or {@code $L} counts as wide
   * as its argument, a type by its simple name.
   *
   * @param format the text, with placeholders
   * @param arguments the values of the placeholders
   * @return the wrapped Javadoc
   */
  static CodeBlock wrap(String format, Object... arguments) {
    int[] next = {0};
    String wrapped =
        wrap(
            format,
            word -> {
              int width = word.length();
              Matcher placeholder = PLACEHOLDER.matcher(word);
              while (placeholder.find()) {
                width += widthOf(arguments[next[0]++]) - placeholder.group().length();
              }
              return width;
            });
    return CodeBlock.of(wrapped, arguments);
  }

  // Pattern.split, as String.split, drops trailing empty strings, which word wrapping wants anyway.
  // The pattern is compiled once: String.split would compile it for every piece of Javadoc.
  private static String wrap(String text, ToIntFunction<String> width) {
    StringBuilder lines = new StringBuilder();
    StringBuilder line = new StringBuilder();
    int lineWidth = 0;
    for (String word : WORD_BREAK.split(text)) {
      int wordWidth = width.applyAsInt(word);
      if (lineWidth > 0 && lineWidth + 1 + wordWidth > JAVADOC_WIDTH) {
        lines.append(line).append('\n');
        line.setLength(0);
        lineWidth = 0;
      }
      if (lineWidth > 0) {
        line.append(' ');
        lineWidth++;
      }
      line.append(word);
      lineWidth += wordWidth;
    }
    return lines.append(line).append('\n').toString();
  }

  private static int widthOf(Object argument) {
    if (argument instanceof ClassName) {
      return String.join(".", ((ClassName) argument).simpleNames()).length();
    }
    return String.valueOf(argument).length();
  }

  /** A lifecycle method as Javadoc names it: <code>{&#64;code close()}</code>. */
  static String code(LifecycleMethod method) {
    return "{@code " + method.name() + "()}";
  }

  /** {@code CompletionStage<value>}. */
  static TypeName stageOf(TypeName value) {
    return ParameterizedTypeName.get(COMPLETION_STAGE, value);
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

  /**
   * The blocking {@code call} and {@code run} of a scope, with their Javadoc, type variables,
   * parameter and throws clause; the writer adds their bodies.
   *
   * @param call {@code call}, without a body
   * @param run {@code run}, without a body
   * @param result the type variable of the body's result
   * @param failure the type variable of the body's failure
   * @param resource the resource type
   */
  record BlockingMethods(
      MethodSpec.Builder call,
      MethodSpec.Builder run,
      TypeVariableName result,
      TypeVariableName failure,
      TypeName resource) {

    // The calls that delegate to Blocking name their type arguments: javac then checks them
    // instead of inferring three type variables from a wildcard-typed parameter, in every scope.

    /** The type arguments of {@code Blocking.call} from {@code call}: {@code <T, R, X>}. */
    CodeBlock callTypes() {
      return CodeBlock.of("<$T, $T, $T>", resource, result, failure);
    }

    /** The type arguments of {@code Blocking.run} from {@code run}: {@code <T, X>}. */
    CodeBlock runTypes() {
      return CodeBlock.of("<$T, $T>", resource, failure);
    }

    /**
     * Gives {@code call} and {@code run} a body that hands the whole use to {@code Blocking}: for a
     * scope with no inline form, whose steps wait on stages.
     *
     * @param declares the scope's {@code Declared}: what its checked failures are
     */
    void delegateToBlocking(CodeBlock declares) {
      call.addStatement("return $T.$Lcall(this, body,$W$L)", BLOCKING, callTypes(), declares);
      run.addStatement("$T.$Lrun(this, body,$W$L)", BLOCKING, runTypes(), declares);
    }

    /**
     * Starts {@code call} and {@code run} the same way for every kind of scope.
     *
     * @param resource the resource type
     * @param mentioned the types that the scope mentions, whose names the type variables avoid
     * @param exceptions the checked exceptions of the scope's own steps
     * @param steps the scope's own steps, as the Javadoc names them: "a lifecycle method"
     * @param undeclared whether a checked failure of the steps can arrive undeclared, wrapped
     * @param suppresses whether the scope can suppress the body's failure
     * @return both methods
     */
    static BlockingMethods of(
        TypeName resource,
        Collection<TypeName> mentioned,
        CheckedExceptions exceptions,
        String steps,
        boolean undeclared,
        boolean suppresses) {
      Set<String> taken = TypeNames.simpleNames(mentioned);
      TypeVariableName result = TypeVariableName.get(ScopeNames.fresh("R", taken));
      TypeVariableName failure =
          TypeVariableName.get(ScopeNames.fresh("X", taken), Throwable.class);
      TypeName accepted = WildcardTypeName.supertypeOf(resource);
      CodeBlock note =
          undeclared
              ? CodeBlock.of(
                  "$L",
                  wrap(
                      "A checked failure of "
                          + steps
                          + " that this method does not declare arrives wrapped in a {@code"
                          + " CompletionException}."))
              : CodeBlock.of("");
      CodeBlock.Builder throwsClause =
          CodeBlock.builder().add("@throws $N the body's failure, unchanged\n", failure.name());
      for (TypeName exception : exceptions.declared()) {
        throwsClause.add("@throws $T if $L fails with it\n", exception, steps);
      }
      MethodSpec.Builder call =
          MethodSpec.methodBuilder("call")
              .addJavadoc(
                  "Enters the scope, applies {@code body} to the resource and exits, on the calling"
                      + " thread.\n")
              .addJavadoc(note)
              .addJavadoc("\n@param body the body\n")
              .addJavadoc(
                  "@return the body's result$L\n",
                  suppresses ? ", or {@code null} if the scope suppressed its failure" : "")
              .addJavadoc(throwsClause.build())
              .addAnnotation(Override.class)
              .addModifiers(PUBLIC)
              .addTypeVariable(result)
              .addTypeVariable(failure)
              .returns(result)
              .addParameter(
                  ParameterizedTypeName.get(
                      SCOPE_FUNCTION, accepted, WildcardTypeName.subtypeOf(result), failure),
                  "body")
              .addException(failure)
              .addExceptions(exceptions.declared());
      MethodSpec.Builder run =
          MethodSpec.methodBuilder("run")
              .addJavadoc(
                  "Enters the scope, runs {@code body} with the resource and exits, on the calling"
                      + " thread.\n")
              .addJavadoc(note)
              .addJavadoc("\n@param body the body\n")
              .addJavadoc(throwsClause.build())
              .addAnnotation(Override.class)
              .addModifiers(PUBLIC)
              .addTypeVariable(failure)
              .addParameter(ParameterizedTypeName.get(SCOPE_CONSUMER, accepted, failure), "body")
              .addException(failure)
              .addExceptions(exceptions.declared());
      return new BlockingMethods(call, run, result, failure, resource);
    }
  }
}
