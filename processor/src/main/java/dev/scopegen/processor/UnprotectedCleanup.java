package dev.scopegen.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the cleanup that a generator method runs after its yield but that the body's failure skips:
 * the missing {@code finally} of Python's context-manager guides. The syntax trees are those of
 * {@link GeneratorYieldUsage}, which finds the yields; this class only walks up from each one, so a
 * method's body is still read once.
 *
 * <p><b>Blocking methods.</b> The body's failure is thrown at {@code y.yield(r)} (or inside the
 * call that a {@code y::yield} reference or a lambda around the yield is passed to). It skips every
 * statement after it up to the first enclosing {@code try} that <em>guards</em> the yield:
 *
 * <ul>
 *   <li>A {@code try} guards when the yield is in its block and it has a {@code finally}, resources
 *       (they close), or a {@code catch} that <em>covers</em> the body's failures: {@code
 *       Throwable} or {@code Exception} (simple or {@code java.lang.} name, alone or in a
 *       multi-catch). Only those two catch the body's checked exceptions, which reach the method
 *       through a yield that declares none; {@code Exception} misses only {@code Error}s, which the
 *       check does not chase. A narrower catch ({@code RuntimeException}, {@code SQLException})
 *       does not guard.
 *   <li>Statements after the yield <em>inside</em> a guarding {@code try} run only on success by
 *       design, like Python's {@code conn.commit()} after {@code yield conn}: they are silent.
 *   <li>Statements <em>after</em> a guarding {@code try} still miss the failure, unless a covering
 *       {@code catch} of that {@code try} can complete normally (its last statement is not a {@code
 *       throw} or {@code return}): then it swallows the failure and what follows runs either way.
 *   <li>Statements that do no work do not count: {@code return}, {@code throw}, {@code break},
 *       {@code continue}, {@code assert}, {@code ;} and a local variable declared without a value.
 *       After a {@code return} or {@code throw}, nothing further out follows the yield (after a
 *       {@code return} in a lambda, the statements after the call of the lambda do).
 * </ul>
 *
 * <p><b>Asynchronous methods.</b> The chain of calls on the yield's stage is read outward, through
 * a {@code thenCompose(r -> y.yield(r))} or {@code thenCompose(y::yield)} that returns it: a {@code
 * then...} or {@code runAfterBoth} step, which is skipped when the stage failed, is unprotected
 * unless a later handler in the chain guards it ({@code andFinally}, {@code onFailure}, {@code
 * whenComplete}) or swallows the failure ({@code handle}, {@code exceptionally}, and their
 * variants). A step whose lambda calls nothing ({@code thenApply(v -> null)}) does no work and does
 * not count.
 *
 * <p>The trees are not attributed: names are matched as written, and a yield in a local or
 * anonymous class, or a stage kept in a variable, is not followed. Every doubt is resolved toward
 * silence.
 */
final class UnprotectedCleanup {

  /** The catch types that cover the body's failures. */
  private static final Set<String> COVERING =
      Set.of("Throwable", "java.lang.Throwable", "Exception", "java.lang.Exception");

  /** The methods of {@code YieldStage} and {@code CompletionStage} that run after a failure too. */
  private static final Set<String> GUARDS =
      Set.of("andFinally", "onFailure", "whenComplete", "whenCompleteAsync");

  /** The methods of {@code CompletionStage} that turn a failure into a value. */
  private static final Set<String> SWALLOWS =
      Set.of(
          "handle",
          "handleAsync",
          "exceptionally",
          "exceptionallyAsync",
          "exceptionallyCompose",
          "exceptionallyComposeAsync");

  private UnprotectedCleanup() {}

  /**
   * Returns the first statement that follows a blocking yield and that the body's failure skips.
   *
   * @param yield the path to a {@code y.yield(r)} call or a {@code y::yield} reference
   * @param method the generator method's tree, where the walk ends
   * @return the statement, or empty when every statement after the yield is protected
   */
  static Optional<StatementTree> afterBlockingYield(TreePath yield, Tree method) {
    StatementTree unprotected = null;
    // What ended the way on after the yield: a return or a throw, or null while it goes on.
    Tree.Kind ended = null;
    for (TreePath path = yield; path.getParentPath() != null; path = path.getParentPath()) {
      Tree child = path.getLeaf();
      Tree parent = path.getParentPath().getLeaf();
      switch (parent.getKind()) {
        case METHOD:
          // Ours, or a method of a local or anonymous class, which may never run: stay silent.
          return parent == method ? Optional.ofNullable(unprotected) : Optional.empty();
        case CLASS:
        case ENUM:
        case INTERFACE:
        case RECORD:
        case ANNOTATION_TYPE:
          return Optional.empty();
        case LAMBDA_EXPRESSION:
          // A return in a lambda ends the lambda only; the statement that called it goes on.
          if (ended == Tree.Kind.RETURN) {
            ended = null;
          }
          break;
        case BLOCK:
        case CASE:
          List<? extends StatementTree> statements = statements(parent);
          int index = indexOf(statements, child);
          // Nothing can follow a break or continue in its block: javac rejects unreachable code.
          for (int i = index + 1; index >= 0 && ended == null && i < statements.size(); i++) {
            StatementTree statement = statements.get(i);
            if (endsEverything(statement)) {
              ended = statement.getKind();
            } else if (unprotected == null && doesWork(statement)) {
              unprotected = statement;
            }
          }
          break;
        case TRY:
          TryTree tree = (TryTree) parent;
          if (child == tree.getBlock() && guards(tree)) {
            unprotected = null;
            if (swallows(tree)) {
              return Optional.empty();
            }
          }
          break;
        default:
          break;
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the first step, chained on an asynchronous yield's stage, that is skipped when the body
   * fails.
   *
   * @param yield the path to a {@code y.yield(r)} call or a {@code y::yield} reference
   * @return the call of the step, such as {@code thenRun(...)}, or empty when there is none
   */
  static Optional<MethodInvocationTree> afterAsyncYield(TreePath yield) {
    MethodInvocationTree unprotected = null;
    TreePath stage = yield;
    while (stage != null) {
      TreePath parent = skipParentheses(stage.getParentPath());
      if (parent == null) {
        break;
      }
      Tree leaf = parent.getLeaf();
      if (leaf instanceof MemberSelectTree
          && parent.getParentPath() != null
          && parent.getParentPath().getLeaf() instanceof MethodInvocationTree
          && ((MethodInvocationTree) parent.getParentPath().getLeaf()).getMethodSelect() == leaf) {
        MethodInvocationTree call = (MethodInvocationTree) parent.getParentPath().getLeaf();
        String name = ((MemberSelectTree) leaf).getIdentifier().toString();
        if (SWALLOWS.contains(name)) {
          return Optional.empty();
        }
        if (GUARDS.contains(name)) {
          unprotected = null;
        } else if (unprotected == null && skipsFailures(name) && doesWork(call.getArguments())) {
          unprotected = call;
        }
        stage = parent.getParentPath();
      } else {
        stage = composing(stage, parent);
      }
    }
    return Optional.ofNullable(unprotected);
  }

  /**
   * When {@code stage} is what the function of a {@code thenCompose} returns (its lambda's value,
   * or the {@code y::yield} reference itself), returns the path to that {@code thenCompose} call,
   * whose stage completes with the yield's outcome; otherwise {@code null}.
   */
  private static TreePath composing(TreePath stage, TreePath parent) {
    TreePath function = parent;
    if (stage.getLeaf() instanceof MemberReferenceTree) {
      function = stage;
    } else if (parent.getLeaf() instanceof ReturnTree) {
      // return y.yield(r)...; in the block of a lambda.
      TreePath block = parent.getParentPath();
      function = block == null ? null : block.getParentPath();
      if (function == null
          || !(block.getLeaf() instanceof BlockTree)
          || !(function.getLeaf() instanceof LambdaExpressionTree)) {
        return null;
      }
    } else if (!(parent.getLeaf() instanceof LambdaExpressionTree)
        || ((LambdaExpressionTree) parent.getLeaf()).getBody() != stage.getLeaf()) {
      return null;
    }
    Tree argument = function.getLeaf();
    TreePath call = skipParentheses(function.getParentPath());
    if (call == null || !(call.getLeaf() instanceof MethodInvocationTree)) {
      return null;
    }
    MethodInvocationTree invocation = (MethodInvocationTree) call.getLeaf();
    ExpressionTree select = invocation.getMethodSelect();
    if (select instanceof MemberSelectTree && invocation.getArguments().contains(argument)) {
      String name = ((MemberSelectTree) select).getIdentifier().toString();
      if (name.equals("thenCompose") || name.equals("thenComposeAsync")) {
        return call;
      }
    }
    return null;
  }

  private static TreePath skipParentheses(TreePath path) {
    while (path != null && path.getLeaf() instanceof ParenthesizedTree) {
      path = path.getParentPath();
    }
    return path;
  }

  private static boolean skipsFailures(String name) {
    return name.startsWith("then") || name.startsWith("runAfterBoth");
  }

  private static List<? extends StatementTree> statements(Tree parent) {
    if (parent instanceof BlockTree) {
      return ((BlockTree) parent).getStatements();
    }
    List<? extends StatementTree> statements = ((CaseTree) parent).getStatements();
    return statements == null ? List.of() : statements;
  }

  private static int indexOf(List<? extends StatementTree> statements, Tree child) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) == child) {
        return i;
      }
    }
    return -1;
  }

  private static boolean guards(TryTree tree) {
    return tree.getFinallyBlock() != null
        || !tree.getResources().isEmpty()
        || tree.getCatches().stream().anyMatch(UnprotectedCleanup::covers);
  }

  private static boolean swallows(TryTree tree) {
    return tree.getCatches().stream()
        .anyMatch(
            clause -> {
              List<? extends StatementTree> statements = clause.getBlock().getStatements();
              return covers(clause)
                  && (statements.isEmpty()
                      || !endsEverything(statements.get(statements.size() - 1)));
            });
  }

  private static boolean covers(CatchTree clause) {
    Tree type = clause.getParameter().getType();
    if (type instanceof UnionTypeTree) {
      return ((UnionTypeTree) type)
          .getTypeAlternatives().stream()
              .anyMatch(alternative -> COVERING.contains(alternative.toString()));
    }
    return type != null && COVERING.contains(type.toString());
  }

  /** A statement after which nothing runs on the way to the method's end, but finally blocks. */
  private static boolean endsEverything(StatementTree statement) {
    return statement instanceof ReturnTree || statement instanceof ThrowTree;
  }

  private static boolean doesWork(StatementTree statement) {
    switch (statement.getKind()) {
      case EMPTY_STATEMENT:
      case ASSERT:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return false;
      case VARIABLE:
        return ((VariableTree) statement).getInitializer() != null;
      default:
        return true;
    }
  }

  /** Whether a step's arguments do something: call, create or assign, or are not a lambda. */
  private static boolean doesWork(List<? extends ExpressionTree> arguments) {
    for (ExpressionTree argument : arguments) {
      if (!(argument instanceof LambdaExpressionTree)) {
        return true;
      }
      Boolean works =
          new TreeScanner<Boolean, Void>() {
            @Override
            public Boolean scan(Tree node, Void unused) {
              if (node == null) {
                return false;
              }
              switch (node.getKind()) {
                case METHOD_INVOCATION:
                case NEW_CLASS:
                case ASSIGNMENT:
                case PREFIX_INCREMENT:
                case PREFIX_DECREMENT:
                case POSTFIX_INCREMENT:
                case POSTFIX_DECREMENT:
                  return true;
                default:
                  return node instanceof CompoundAssignmentTree
                      || Boolean.TRUE.equals(super.scan(node, null));
              }
            }

            @Override
            public Boolean reduce(Boolean first, Boolean second) {
              return Boolean.TRUE.equals(first) || Boolean.TRUE.equals(second);
            }
          }.scan(((LambdaExpressionTree) argument).getBody(), null);
      if (Boolean.TRUE.equals(works)) {
        return true;
      }
    }
    return false;
  }
}
