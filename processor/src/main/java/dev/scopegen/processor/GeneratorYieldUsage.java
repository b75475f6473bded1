package dev.scopegen.processor;

import static java.util.stream.Collectors.joining;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.scopegen.processor.GeneratorMethod.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;

/**
 * Reads the body of a {@code @ScopedResource} method once, with javac's tree API: tells whether it
 * mentions its yield parameter, and warns about cleanup after the yield that the body's failure
 * skips ({@link UnprotectedCleanup} says which).
 *
 * <p>Method bodies are not attributed yet while annotations are processed, so the parameter is
 * recognized by its name. A local or anonymous class in the body may declare the same name for
 * something else; that counts as a use, so the check errs only on the side of silence. Where the
 * tree API is not available (another compiler, or a processing environment that wraps javac's), and
 * for methods without a body, every yield counts as used and nothing is warned about; {@link
 * ScopeProcessor} then says once in a note that these checks do not run.
 *
 * <p>The warnings are silenced by {@code @SuppressWarnings("scopegen-unprotected-cleanup")} on the
 * method or on a type that encloses it. javac does not know the key, and ignores it without a
 * warning, so this class looks for it itself.
 */
final class GeneratorYieldUsage {

  /** The {@code @SuppressWarnings} key that silences the cleanup warnings. */
  static final String SUPPRESSION_KEY = "scopegen-unprotected-cleanup";

  /** The longest quote of the user's code in a warning, in characters. */
  private static final int QUOTE_LENGTH = 60;

  private final Trees trees;
  private final ErrorReporter reporter;

  /** The type whose method paths {@link #methodPaths} holds. */
  private Element pathsOf;

  /** The path to the declaration of each method of {@link #pathsOf}. */
  private Map<Element, TreePath> methodPaths = Map.of();

  private GeneratorYieldUsage(Trees trees, ErrorReporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
  }

  /**
   * Returns a reader of {@code env}'s compiler's trees; when they are not available, it sees every
   * yield as used and warns about nothing.
   *
   * @param env the processing environment
   * @param reporter reports the warnings
   * @return a reader
   */
  static GeneratorYieldUsage create(ProcessingEnvironment env, ErrorReporter reporter) {
    try {
      return new GeneratorYieldUsage(Trees.instance(env), reporter);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return new GeneratorYieldUsage(null, reporter);
    }
  }

  /**
   * Reads the body of {@code method} once: reports a warning on each yield after which cleanup runs
   * that the body's failure skips (unless suppressed), and tells whether the body mentions {@code
   * yield} at all.
   *
   * @param method a {@code @ScopedResource} method
   * @param yield its yield parameter
   * @param kind the kind of generator that the parameter makes
   * @return {@code true} only when the body was read and does not mention the parameter
   */
  boolean readBody(ExecutableElement method, VariableElement yield, Kind kind) {
    if (trees == null) {
      return false;
    }
    TreePath path = pathOf(method);
    if (path == null) {
      return false;
    }
    MethodTree tree = (MethodTree) path.getLeaf();
    if (tree.getBody() == null) {
      return false;
    }
    Scanner scanner = new Scanner(yield.getSimpleName().toString());
    scanner.scan(new TreePath(path, tree.getBody()), null);
    if (!scanner.yields.isEmpty() && !suppressed(method)) {
      for (TreePath site : scanner.yields) {
        warn(method, kind, tree, site);
      }
    }
    return !scanner.mentioned;
  }

  /**
   * The path to the declaration of {@code method}. {@code Trees.getPath(method)} would search the
   * whole file for each method; the paths of all methods of a type are found at once instead, from
   * the type's declaration, and kept until a method of another type is asked for.
   */
  private TreePath pathOf(ExecutableElement method) {
    Element type = method.getEnclosingElement();
    if (!type.equals(pathsOf)) {
      pathsOf = type;
      methodPaths = new HashMap<>();
      TreePath typePath = trees.getPath(type);
      if (typePath != null && typePath.getLeaf() instanceof ClassTree) {
        for (Tree member : ((ClassTree) typePath.getLeaf()).getMembers()) {
          if (member instanceof MethodTree) {
            TreePath path = new TreePath(typePath, member);
            Element element = trees.getElement(path);
            if (element != null) {
              methodPaths.put(element, path);
            }
          }
        }
      }
    }
    return methodPaths.get(method);
  }

  private void warn(ExecutableElement method, Kind kind, MethodTree tree, TreePath site) {
    String name = method.getSimpleName().toString();
    if (kind == Kind.BLOCKING) {
      UnprotectedCleanup.afterBlockingYield(site, tree)
          .ifPresent(
              statement ->
                  reporter.warning(
                      trees,
                      site.getLeaf(),
                      site.getCompilationUnit(),
                      Messages.GENERATOR_UNPROTECTED_CLEANUP,
                      quote(statement, site.getCompilationUnit()),
                      name,
                      SUPPRESSION_KEY));
    } else {
      UnprotectedCleanup.afterAsyncYield(site)
          .ifPresent(
              step ->
                  reporter.warning(
                      trees,
                      step,
                      site.getCompilationUnit(),
                      Messages.GENERATOR_UNPROTECTED_ASYNC_CLEANUP,
                      quote(step, site.getCompilationUnit()),
                      name,
                      SUPPRESSION_KEY));
    }
  }

  /** Whether {@code element} or a type around it suppresses the warnings. */
  private static boolean suppressed(Element element) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      SuppressWarnings annotation = current.getAnnotation(SuppressWarnings.class);
      if (annotation != null && Arrays.asList(annotation.value()).contains(SUPPRESSION_KEY)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The user's code, quoted in a warning: a step as {@code thenRun(ch::close)}, a statement as
   * written, without its body; on one line, shortened to {@value #QUOTE_LENGTH} characters.
   */
  private String quote(Tree tree, CompilationUnitTree unit) {
    String text;
    if (tree instanceof MethodInvocationTree) {
      MethodInvocationTree call = (MethodInvocationTree) tree;
      List<? extends ExpressionTree> arguments = call.getArguments();
      String written =
          arguments.isEmpty()
              ? ""
              : source(unit, arguments.get(0), arguments.get(arguments.size() - 1))
                  .orElseGet(() -> arguments.stream().map(Tree::toString).collect(joining(", ")));
      text = ((MemberSelectTree) call.getMethodSelect()).getIdentifier() + "(" + written + ")";
    } else {
      text = source(unit, tree, tree).orElseGet(tree::toString).strip();
      int line = text.indexOf('\n');
      if (line >= 0) {
        text = text.substring(0, line).strip();
      }
      if (text.endsWith("{")) {
        text = text.substring(0, text.length() - 1).strip() + " ...";
      }
      if (text.endsWith(";")) {
        text = text.substring(0, text.length() - 1);
      }
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH - 3) + "...";
  }

  /**
   * The source text from the start of {@code first} to the end of {@code last}, as written; empty
   * when the compiler kept no end positions or the file cannot be read.
   */
  private Optional<String> source(CompilationUnitTree unit, Tree first, Tree last) {
    SourcePositions positions = trees.getSourcePositions();
    long start = positions.getStartPosition(unit, first);
    long end = positions.getEndPosition(unit, last);
    if (start == Diagnostic.NOPOS || end == Diagnostic.NOPOS || end < start) {
      return Optional.empty();
    }
    try {
      CharSequence content = unit.getSourceFile().getCharContent(true);
      return end <= content.length()
          ? Optional.of(content.subSequence((int) start, (int) end).toString())
          : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Notes whether the body mentions the yield, and where it yields. */
  private static final class Scanner extends TreePathScanner<Void, Void> {

    private final String name;
    private final List<TreePath> yields = new ArrayList<>();
    private boolean mentioned;

    Scanner(String name) {
      this.name = name;
    }

    @Override
    public Void visitIdentifier(IdentifierTree identifier, Void unused) {
      if (identifier.getName().contentEquals(name)) {
        mentioned = true;
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
      Tree select = invocation.getMethodSelect();
      if (select instanceof MemberSelectTree && isYield((MemberSelectTree) select)) {
        yields.add(getCurrentPath());
      }
      return super.visitMethodInvocation(invocation, null);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
      if (reference.getName().contentEquals("yield")
          && reference.getQualifierExpression() instanceof IdentifierTree
          && ((IdentifierTree) reference.getQualifierExpression()).getName().contentEquals(name)) {
        yields.add(getCurrentPath());
      }
      return super.visitMemberReference(reference, null);
    }

    /** {@code y.yield}, {@code y} being the yield parameter. */
    private boolean isYield(MemberSelectTree select) {
      return select.getIdentifier().contentEquals("yield")
          && select.getExpression() instanceof IdentifierTree
          && ((IdentifierTree) select.getExpression()).getName().contentEquals(name);
    }
  }
}
