package dev.scopegen.processor;

import java.util.Locale;

/**
 * Every message of the processor, in one place: the errors, the warnings, and the one note.
 *
 * <p>Each error is a short rule sentence: it names the annotation, quotes the user's names
 * ({@code %s} arguments, filled by {@link #format}) and says how to fix the code. Every message has
 * its own test. Add new messages to the group they belong to.
 */
enum Messages {

  // Any annotated type.

  /** Arguments: the type, the exception's stack trace. */
  INTERNAL_ERROR(
      "ScopeGen failed unexpectedly while processing %s; please report this bug with the code that"
          + " triggers it. Details: %s"),

  /** Arguments: the type, the missing type as written. */
  MISSING_TYPE(
      "ScopeGen cannot process %s because it refers to %s, which does not exist; fix the reference"
          + " or the annotation processor that should generate it"),

  // Resource classes: @Enter, @Exit, @Commit, @Rollback.

  /** Arguments: the annotation, the method that already has it. */
  DUPLICATE_METHOD("A class may have only one @%s method, and %s already has it; remove one of the two"),

  /** Arguments: the annotation, the method, the class. */
  MISSING_ENTER(
      "@%s method %s needs an @Enter method in %s that acquires the resource; add one, or remove"
          + " the annotation"),

  /** Arguments: the method, the class. */
  MISSING_RELEASE(
      "@Enter method %s needs an @Exit, @Commit or @Rollback method in %s that releases the"
          + " resource; add one"),

  /** Arguments: the annotation, the method. */
  PRIVATE_METHOD("@%s methods must not be private; make %s package-private or wider"),

  /** Arguments: the annotation, the method. */
  STATIC_METHOD("@%s methods must be instance methods; remove static from %s"),

  /** Arguments: the annotation, the method. */
  GENERIC_METHOD("@%s methods must not declare type parameters; remove them from %s"),

  /** Arguments: the method, its parameter list. */
  ENTER_PARAMETERS("@Enter methods take no parameters; remove (%2$s) from %1$s"),

  /** Arguments: the annotation, the method, its parameter list, the accepted parameter lists. */
  PARAMETERS("@%s method %s takes (%s); it must take %s"),

  /** Arguments: the annotation, the method, the parameter, its type, the resource type. */
  RESOURCE_PARAMETER(
      "@%s method %s cannot receive the resource in parameter %s: %s is not a supertype of the"
          + " resource type %s; declare the parameter as %5$s"),

  /** Arguments: the annotation, the method, the parameter, its type. */
  FAILURE_PARAMETER(
      "@%s method %s must accept any failure in parameter %s, but %s is narrower than Throwable;"
          + " declare the parameter as Throwable"),

  /** Arguments: the method, its return type. */
  EXIT_RETURN(
      "@Exit method %s returns %s; it must return void, boolean, CompletionStage<Boolean> (to"
          + " suppress failures) or another CompletionStage"),

  /** Arguments: the annotation, the method, its return type. */
  STEP_RETURN("@%s method %s returns %s; it must return void or a CompletionStage"),

  /** Arguments: the annotation, the method, its return type. */
  RAW_TYPE("@%s method %s returns the raw type %s; add its type arguments"),

  /** Arguments: the method, its return type. */
  WILDCARD_RESOURCE(
      "@Enter method %s returns %s; name the resource type without a wildcard, for example"
          + " CompletionStage<Connection>"),

  /** Arguments: the class. */
  PRIVATE_CLASS(
      "Class %s has lifecycle annotations but is private, so its scope cannot reach it; make it"
          + " package-private or wider"),

  /** Arguments: the class. */
  INNER_CLASS(
      "Class %s has lifecycle annotations but is an inner class; make it static so its scope can"
          + " name it"),

  /** Arguments: the annotation, the method. */
  LOCAL_CLASS(
      "@%s method %s is in a local or anonymous class, which cannot have a scope; move it to a"
          + " top-level or static nested class"),

  /** Arguments: the annotation type. */
  ANNOTATION_TYPE(
      "Annotation type %s cannot have lifecycle methods; put them in a class, interface, enum or"
          + " record"),

  /** Arguments: what uses the type (such as "@Exit method close"), the type, the package. */
  INACCESSIBLE_TYPE(
      "%s uses %s, which is not visible in package %s where the scope is generated; make %2$s"
          + " visible there"),

  /** Arguments: the generated name, the class. */
  NAME_CLASH("Cannot generate %s for %s because a type with that name already exists; rename one of them"),

  /** Arguments: the generated name, the reason. */
  WRITE_FAILED("Cannot write %s: %s; check that no other annotation processor writes a file of that name"),

  // Generator methods: @ScopedResource.

  /** Arguments: the method. */
  GENERATOR_NO_YIELD(
      "@ScopedResource method %s has no Yield or AsyncYield parameter; add one as its last"
          + " parameter and call its yield(resource) where the body runs"),

  /** Arguments: the method, its yield parameters. */
  GENERATOR_YIELDS(
      "@ScopedResource method %s has more than one yield parameter (%s); keep exactly one, as its"
          + " last parameter"),

  /** Arguments: the method, the yield parameter. */
  GENERATOR_YIELD_NOT_LAST(
      "@ScopedResource method %s must take its yield parameter %s last; move it to the end of the"
          + " parameter list"),

  /** Arguments: the method, its return type, the yield type with its article, the return types. */
  GENERATOR_RETURN(
      "@ScopedResource method %s returns %s, but a method that takes %s must return %s; change"
          + " the return type or the yield parameter"),

  /** Arguments: the method, the yield parameter. */
  GENERATOR_UNUSED_YIELD(
      "@ScopedResource method %s never uses its yield parameter %s; call %2$s.yield(resource)"
          + " once, where the body of the scope runs"),

  /** Arguments: the method, the other annotation. */
  GENERATOR_LIFECYCLE(
      "@ScopedResource method %s cannot also be @%s: a generator method is a whole scope by"
          + " itself; remove one of the two annotations"),

  /** Arguments: the method, the class. */
  GENERATOR_INNER_CLASS(
      "@ScopedResource method %s is an instance method of inner class %s, which its factory cannot"
          + " take as a receiver; make %2$s static, or the method static"),

  /** Arguments: the method, the class. */
  GENERATOR_PRIVATE_CLASS(
      "@ScopedResource method %s is in private class %s, which its generated scope cannot reach;"
          + " make %2$s package-private or wider"),

  /** Arguments: the method. */
  GENERATOR_LOCAL_CLASS(
      "@ScopedResource method %s is in a local or anonymous class, which its generated Scopes class"
          + " cannot reach; move it to a top-level or static nested type"),

  /** Arguments: the method, the type variable, the class. */
  GENERATOR_TYPE_VARIABLE(
      "@ScopedResource method %s declares type variable %s, which hides the one of class %s that"
          + " its factory also needs; rename it"),

  /** Arguments: the method, the raw type. */
  GENERATOR_RAW_TYPE(
      "@ScopedResource method %s uses the raw type %s, which its generated scope would repeat; add"
          + " its type arguments"),

  /** Arguments: the method, what it would generate, the other method. */
  GENERATOR_NAME_CLASH(
      "@ScopedResource method %s would generate %s, as %s does; rename one of the two methods"),

  // Warnings: likely bugs in a generator method's body, which the code may also mean.

  /** Arguments: the first unprotected statement, the method, the suppression key. */
  GENERATOR_UNPROTECTED_CLEANUP(
      "%s after the yield of @ScopedResource method %s does not run when the body fails; put the"
          + " yield in try { ... } finally { ... } with the cleanup in the finally block, or, if it"
          + " must run only on success, add @SuppressWarnings(\"%s\")"),

  /** Arguments: the step as written, the method, the suppression key. */
  GENERATOR_UNPROTECTED_ASYNC_CLEANUP(
      "%s on the yield's stage of @ScopedResource method %s does not run when the body fails;"
          + " chain the cleanup with andFinally or onFailure of YieldStage (or handle or"
          + " whenComplete), which run after a failure too, or, if it must run only on success, add"
          + " @SuppressWarnings(\"%s\")"),

  // Notes, once per compilation.

  /** No arguments. */
  TREE_CHECKS_SKIPPED(
      "ScopeGen cannot read method bodies with this compiler (javac's tree API, com.sun.source, is"
          + " not available to it), so three checks do not run: the check that a @ScopedResource"
          + " method uses its yield parameter (a yield that is never called fails at run time"
          + " instead), the warnings about cleanup after a yield that the body's failure skips,"
          + " and the check for lifecycle and @ScopedResource annotations in local and anonymous"
          + " classes (they are ignored there, without a scope)"),
  ;

  private final String template;

  Messages(String template) {
    this.template = template;
  }

  /**
   * Returns the message with its {@code %s} placeholders filled.
   *
   * @param arguments the values of the placeholders, in order
   * @return the message text
   */
  String format(Object... arguments) {
    return String.format(Locale.ROOT, template, arguments);
  }
}
