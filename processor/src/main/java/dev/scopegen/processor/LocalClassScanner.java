package dev.scopegen.processor;

import static java.util.stream.Collectors.toList;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.scopegen.ScopedResource;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reports lifecycle and {@code @ScopedResource} annotations on methods of local and anonymous
 * classes.
 *
 * <p>Annotation processing does not model method bodies, so such methods never reach {@link
 * ResourceStep} or {@link GeneratorStep}: without this check the annotations would be silently
 * ignored, and code naming the missing scope would fail with a bare "cannot find symbol". This
 * class reads the syntax trees of the compiled sources instead (javac's tree API) and reports each
 * annotation found there. Local classes are not attributed yet at this point, so an annotation is
 * recognized by its name and the imports of its file.
 *
 * <p>Two limits: the tree API exists only in javac (with another compiler, or a processing
 * environment that wraps javac's, the scanner does nothing, and the processor says so once in a
 * note), and javac runs the processor only for a compilation in which it sees one of its
 * annotations outside method bodies.
 */
final class LocalClassScanner {

  private static final String PACKAGE = "dev.scopegen";

  /** The annotations that a local or anonymous class must not use. */
  private static final List<Class<? extends Annotation>> ANNOTATIONS =
      Stream.concat(
              Arrays.stream(Lifecycle.values()).map(Lifecycle::annotation),
              Stream.of(ScopedResource.class))
          .collect(toList());

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
   * @param reporter reports the annotations found, and an unexpected exception as an error on the
   *     file's type
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
   * Whether this scanner can read syntax trees; when it cannot, {@link #report} does nothing, and
   * neither do the checks of generator bodies ({@link GeneratorYieldUsage}), which need the same
   * tree API.
   *
   * @return {@code true} with javac's tree API
   */
  boolean readsTrees() {
    return trees != null;
  }

  /**
   * Reports lifecycle and {@code @ScopedResource} annotations in local and anonymous classes of the
   * files that declare {@code roots}.
   *
   * @param roots the root elements of a round
   */
  void report(Set<? extends Element> roots) {
    report(roots, Set.of());
  }

  /**
   * Reports lifecycle and {@code @ScopedResource} annotations in local and anonymous classes of the
   * files that declare {@code roots}, except the files of classes that this processor wrote: they
   * use none of its annotations, and reading them would cost as much as reading the user's code.
   *
   * @param roots the root elements of a round
   * @param written the qualified names of the classes that this processor wrote
   */
  void report(Set<? extends Element> roots, Set<String> written) {
    if (trees == null) {
      return;
    }
    Set<CompilationUnitTree> scanned = new HashSet<>();
    for (Element root : roots) {
      if (root instanceof TypeElement
          && written.contains(((TypeElement) root).getQualifiedName().toString())) {
        continue;
      }
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
        return super.visitClass(tree, null);
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
          Class<? extends Annotation> type = annotation(annotation.getAnnotationType().toString());
          if (type != null) {
            if (type == ScopedResource.class) {
              reporter.error(
                  trees, annotation, unit, Messages.GENERATOR_LOCAL_CLASS, tree.getName());
            } else {
              reporter.error(
                  trees,
                  annotation,
                  unit,
                  Messages.LOCAL_CLASS,
                  type.getSimpleName(),
                  tree.getName());
            }
          }
        }
      }
      return super.visitMethod(tree, null);
    }

    /** The annotation of ScopeGen that {@code written} names in this file, or null. */
    private Class<? extends Annotation> annotation(String written) {
      for (Class<? extends Annotation> annotation : ANNOTATIONS) {
        if (written.equals(annotation.getCanonicalName())
            || (written.equals(annotation.getSimpleName()) && imports(annotation))) {
          return annotation;
        }
      }
      return null;
    }

    private boolean imports(Class<? extends Annotation> annotation) {
      if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
        return true;
      }
      for (ImportTree imported : unit.getImports()) {
        String name = imported.getQualifiedIdentifier().toString();
        if (!imported.isStatic()
            && (name.equals(annotation.getCanonicalName()) || name.equals(PACKAGE + ".*"))) {
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
