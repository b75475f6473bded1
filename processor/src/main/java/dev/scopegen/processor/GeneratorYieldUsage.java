package dev.scopegen.processor;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Tells whether a {@code @ScopedResource} method's body mentions its yield parameter, by reading
 * the method's syntax tree with javac's tree API.
 *
 * <p>Method bodies are not attributed yet while annotations are processed, so the parameter is
 * recognized by its name. A local or anonymous class in the body may declare the same name for
 * something else; that counts as a use, so the check errs only on the side of silence. Where the
 * tree API is not available (another compiler, or a processing environment that wraps javac's), and
 * for methods without a body, every yield counts as used; {@link ScopeProcessor} then says once in
 * a note that this check does not run.
 */
final class GeneratorYieldUsage {

  private final Trees trees;

  private GeneratorYieldUsage(Trees trees) {
    this.trees = trees;
  }

  /**
   * Returns a checker that reads the trees of {@code env}'s compiler, or that sees every yield as
   * used when they are not available.
   *
   * @param env the processing environment
   * @return a checker
   */
  static GeneratorYieldUsage create(ProcessingEnvironment env) {
    try {
      return new GeneratorYieldUsage(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return new GeneratorYieldUsage(null);
    }
  }

  /**
   * Whether the body of {@code method} certainly never mentions {@code yield}.
   *
   * @param method a method
   * @param yield one of its parameters
   * @return {@code true} only when the body was read and does not mention the parameter
   */
  boolean isUnused(ExecutableElement method, VariableElement yield) {
    if (trees == null) {
      return false;
    }
    MethodTree tree = trees.getTree(method);
    if (tree == null || tree.getBody() == null) {
      return false;
    }
    String name = yield.getSimpleName().toString();
    Boolean mentioned =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIdentifier(IdentifierTree identifier, Void unused) {
            return identifier.getName().contentEquals(name);
          }

          @Override
          public Boolean reduce(Boolean first, Boolean second) {
            return Boolean.TRUE.equals(first) || Boolean.TRUE.equals(second);
          }
        }.scan(tree.getBody(), null);
    return !Boolean.TRUE.equals(mentioned);
  }
}
