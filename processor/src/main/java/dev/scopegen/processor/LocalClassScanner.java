package dev.scopegen.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports lifecycle annotations on methods of local and anonymous classes.
 *
 * <p>Annotation processing does not model method bodies, so such methods never reach {@link
 * ResourceStep}: without this check the annotations would be silently ignored, and code naming the
 * missing scope would fail with a bare "cannot find symbol". This class reads the syntax trees of
 * the compiled sources instead (javac's tree API) and reports each annotation found there. Local
 * classes are not attributed yet at this point, so an annotation is recognized by its name and the
 * imports of its file.
 *
 * <p>Two limits: the tree API exists only in javac (with another compiler, or a processing
 * environment that wraps javac's, the scanner does nothing), and javac runs the processor only for
 * a compilation in which it sees one of its annotations outside method bodies.
 */
final class LocalClassScanner {

  private static final String PACKAGE = "dev.scopegen";

  private final Trees trees;
  private final ErrorReporter reporter;

  private LocalClassScanner(Trees trees, ErrorReporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
  }

  /**
   * Returns a scanner that reads the trees of {@code env}'s compiler, or does nothing when they are
   * not available.
   *
   * @param env the processing environment
   * @param reporter reports an unexpected exception as an error on the file's type
   * @return a scanner
   */
  static LocalClassScanner create(ProcessingEnvironment env, ErrorReporter reporter) {
    try {
      return new LocalClassScanner(Trees.instance(env), reporter);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return new LocalClassScanner(null, reporter);
    }
  }

  /**
   * Reports lifecycle annotations in local and anonymous classes of the files that declare {@code
   * roots}.
   *
   * @param roots the root elements of a round
   */
  void report(Set<? extends Element> roots) {
    if (trees == null) {
      return;
    }
    Set<CompilationUnitTree> scanned = new HashSet<>();
    for (Element root : roots) {
      try {
        TreePath path = trees.getPath(root);
        if (path != null && scanned.add(path.getCompilationUnit())) {
          new Scanner(path.getCompilationUnit()).scan(path.getCompilationUnit(), null);
        }
      } catch (RuntimeException e) {
        reporter.internalError(root, e);
      }
    }
  }

  /** Walks one file, tracking whether it is inside a local or anonymous class. */
  private final class Scanner extends TreePathScanner<Void, Void> {

    private final CompilationUnitTree unit;
    private int localDepth;

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Tree.Kind parent = getCurrentPath().getParentPath().getLeaf().getKind();
      boolean local = parent != Tree.Kind.COMPILATION_UNIT && !isClass(parent);
      if (local) {
        localDepth++;
      }
      try {
        return super.visitClass(tree, unused);
      } finally {
        if (local) {
          localDepth--;
        }
      }
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      if (localDepth > 0) {
        for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
          String name = lifecycleAnnotation(annotation.getAnnotationType().toString());
          if (name != null) {
            trees.printMessage(
                Diagnostic.Kind.ERROR,
                Messages.LOCAL_CLASS.format(name, tree.getName()),
                annotation,
                unit);
          }
        }
      }
      return super.visitMethod(tree, unused);
    }

    /** The simple name of the lifecycle annotation {@code written} names in this file, or null. */
    private String lifecycleAnnotation(String written) {
      for (Lifecycle lifecycle : Lifecycle.values()) {
        if (written.equals(lifecycle.canonicalName())
            || (written.equals(lifecycle.simpleName()) && imports(lifecycle))) {
          return lifecycle.simpleName();
        }
      }
      return null;
    }

    private boolean imports(Lifecycle lifecycle) {
      if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
        return true;
      }
      for (ImportTree imported : unit.getImports()) {
        String name = imported.getQualifiedIdentifier().toString();
        if (!imported.isStatic()
            && (name.equals(lifecycle.canonicalName()) || name.equals(PACKAGE + ".*"))) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean isClass(Tree.Kind kind) {
    return kind == Tree.Kind.CLASS
        || kind == Tree.Kind.INTERFACE
        || kind == Tree.Kind.ENUM
        || kind == Tree.Kind.ANNOTATION_TYPE
        || kind == Tree.Kind.RECORD;
  }
}
