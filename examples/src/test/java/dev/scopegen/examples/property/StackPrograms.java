package dev.scopegen.examples.property;

import dev.scopegen.examples.property.Plan.Act;
import dev.scopegen.examples.property.Plan.Step;
import dev.scopegen.examples.property.Plan.Timing;
import dev.scopegen.runtime.ExitStack;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The family of exit-stack programs: up to eight operations ({@code enter}, {@code enterAsync} of
 * planned scopes of every kind, {@code push}, {@code pushAsync}, {@code callback}, {@code
 * callbackAsync}, {@code popAll}, {@code close}) on one {@link ExitStack}, then a last act that
 * returns or fails, with the stack used through {@code run}, {@code call}, {@code use} or
 * try-with-resources. Stacks moved out by {@code popAll} are closed at the end of the body, or left
 * alone (the harness releases them after comparing).
 */
final class StackPrograms implements PropertyRun.Family<StackPrograms.Scenario> {

  /** How the program uses its stack. */
  enum Mode {
    RUN,
    CALL,
    USE,
    TRY_WITH_RESOURCES
  }

  /** An operation on the stack. */
  enum Op {
    ENTER,
    ENTER_ASYNC,
    PUSH,
    PUSH_ASYNC,
    CALLBACK,
    CALLBACK_ASYNC,
    POP_ALL,
    CLOSE
  }

  /**
   * One operation: a scope to enter, the plan of a handler or callback, or whether a popped stack
   * is closed at the end of the body.
   */
  record Operation(Op op, String label, ScopeSpec scope, Step step, boolean closeAtEnd) {
    @Override
    public String toString() {
      return switch (op) {
        case ENTER, ENTER_ASYNC -> op + " " + scope;
        case POP_ALL -> op + " " + label + (closeAtEnd ? " closed at end" : " left open");
        case CLOSE -> op.toString();
        default -> op + " " + label + " " + step;
      };
    }
  }

  /** A scenario: the mode, the operations, and the body's last act. */
  record Scenario(Mode mode, List<Operation> operations, Step last) {
    @Override
    public String toString() {
      return mode
          + "\n"
          + operations.stream().map(Operation::toString).collect(Collectors.joining("\n"))
          + "\nbody "
          + last;
    }
  }

  @Override
  public Scenario generate(SplittableRandom random) {
    Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
    int count = random.nextInt(9);
    List<Operation> operations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(100);
      Op op =
          roll < 16
              ? Op.ENTER
              : roll < 30
                  ? Op.ENTER_ASYNC
                  : roll < 46
                      ? Op.PUSH
                      : roll < 62
                          ? Op.PUSH_ASYNC
                          : roll < 76
                              ? Op.CALLBACK
                              : roll < 90 ? Op.CALLBACK_ASYNC : roll < 96 ? Op.POP_ALL : Op.CLOSE;
      String label = "r" + i;
      operations.add(
          switch (op) {
            case ENTER, ENTER_ASYNC ->
                new Operation(
                    op, label, ScopeSpec.random("s" + i, random, ScopeSpec.ALL), null, false);
            case PUSH ->
                new Operation(
                    op,
                    label + ".handler",
                    null,
                    Plan.step(random, Plan.RECEIVING_KINDS, true, false),
                    false);
            case PUSH_ASYNC ->
                new Operation(
                    op,
                    label + ".handler",
                    null,
                    Plan.step(random, Plan.RECEIVING_KINDS, true, true),
                    false);
            case CALLBACK ->
                new Operation(
                    op,
                    label + ".callback",
                    null,
                    Plan.step(random, Plan.STEP_KINDS, false, false),
                    false);
            // An asynchronous callback's stage may complete with true: it must not suppress.
            case CALLBACK_ASYNC ->
                new Operation(
                    op,
                    label + ".callback",
                    null,
                    Plan.step(random, Plan.STEP_KINDS, true, true),
                    false);
            case POP_ALL -> new Operation(op, label, null, null, random.nextBoolean());
            case CLOSE -> new Operation(op, label, null, null, false);
          });
    }
    return new Scenario(mode, List.copyOf(operations), Plan.body(random, mode == Mode.USE));
  }

  // ---------------------------------------------------------------- the model

  @Override
  public String expected(Scenario scenario) {
    Model model = new Model();
    List<Model.Registration> stack = new ArrayList<>();
    Model.Outcome body;
    if (scenario.mode == Mode.TRY_WITH_RESOURCES) {
      body = program(model, scenario, stack);
      Model.Exit closed = model.unwind(stack, null);
      Model.F closeFailure = closed.replacement();
      if (body.failure() != null) {
        if (closeFailure != null) {
          model.plainAddSuppressed(body.failure(), closeFailure);
        }
      } else if (closeFailure != null) {
        body = new Model.Outcome(null, closeFailure);
      }
      return model.transcript(body);
    }
    Model.Scope scope =
        new Model.Scope() {
          @Override
          public Model.F enter() {
            return null;
          }

          @Override
          public Model.Exit exit(Model.F failure) {
            return model.unwind(stack, failure);
          }
        };
    return model.transcript(
        model.with(
            scope,
            () -> {
              Model.Outcome outcome = program(model, scenario, stack);
              boolean stage =
                  scenario.mode == Mode.USE
                      && scenario.last.timing() != Timing.THROWN
                      && outcome.failure() != null
                      && lastActRan(outcome);
              return stage ? Model.fromStage(outcome) : outcome;
            }));
  }

  /**
   * Whether the body failed in its last act, whose failure a {@code use} body returns as a stage;
   * the failures of the operations before it are thrown.
   */
  private static boolean lastActRan(Model.Outcome outcome) {
    return outcome.failure().name.equals("body");
  }

  /** The body: the operations, then the popped stacks closed, then the last act. */
  private static Model.Outcome program(
      Model model, Scenario scenario, List<Model.Registration> stack) {
    List<List<Model.Registration>> toClose = new ArrayList<>();
    for (Operation operation : scenario.operations) {
      switch (operation.op) {
        case ENTER, ENTER_ASYNC -> {
          Model.Scope scope = operation.scope.model(model);
          Model.F enterFailure = scope.enter();
          if (enterFailure != null) {
            return new Model.Outcome(null, enterFailure);
          }
          stack.add(new Model.Registration(scope, operation.label, null, false));
        }
        case PUSH, PUSH_ASYNC ->
            stack.add(new Model.Registration(null, operation.label, operation.step, true));
        case CALLBACK, CALLBACK_ASYNC ->
            stack.add(new Model.Registration(null, operation.label, operation.step, false));
        case POP_ALL -> {
          List<Model.Registration> moved = new ArrayList<>(stack);
          stack.clear();
          if (operation.closeAtEnd) {
            toClose.add(moved);
          }
        }
        case CLOSE -> {
          Model.Exit closed = model.unwind(stack, null);
          if (closed.replacement() != null) {
            return new Model.Outcome(null, closed.replacement());
          }
        }
      }
    }
    for (List<Model.Registration> popped : toClose) {
      Model.Exit closed = model.unwind(popped, null);
      if (closed.replacement() != null) {
        return new Model.Outcome(null, closed.replacement());
      }
    }
    return model.body(scenario.last);
  }

  // ---------------------------------------------------------------- the real run

  @Override
  public String actual(Scenario scenario, World world) throws Exception {
    List<ExitStack> leftOpen = new ArrayList<>();
    String transcript;
    try {
      transcript = world.transcript(run(scenario, world, leftOpen), null);
    } catch (Throwable failure) {
      transcript = world.transcript(null, failure);
    }
    for (ExitStack stack : leftOpen) {
      try {
        stack.close(); // after the comparison's snapshot: releases blocking generators' threads
      } catch (Throwable ignored) {
        // planned failures of a stack the scenario left open
      }
    }
    return transcript;
  }

  // ExitStack.close() declares Exception, InterruptedException included: the "try" lint's warning.
  @SuppressWarnings("try")
  private static Object run(Scenario scenario, World world, List<ExitStack> leftOpen)
      throws Throwable {
    switch (scenario.mode) {
      case RUN:
        Object[] result = new Object[1];
        new ExitStack().run(stack -> result[0] = program(scenario, world, stack, leftOpen));
        return result[0];
      case CALL:
        return new ExitStack().call(stack -> program(scenario, world, stack, leftOpen));
      case USE:
        return NestedScopes.await(
            new ExitStack()
                .use(
                    stack -> {
                      try {
                        operations(scenario, world, stack, leftOpen);
                      } catch (Throwable failure) {
                        throw World.sneaky(failure); // thrown: the same object (rule 10)
                      }
                      return lastStage(scenario, world);
                    }));
      default:
        try (ExitStack stack = new ExitStack()) {
          return program(scenario, world, stack, leftOpen);
        }
    }
  }

  private static Object program(
      Scenario scenario, World world, ExitStack stack, List<ExitStack> leftOpen) throws Throwable {
    operations(scenario, world, stack, leftOpen);
    world.event("body");
    if (scenario.last.act() == Act.FAIL) {
      throw world.failure(scenario.last, "body", null);
    }
    return "v";
  }

  private static CompletionStage<Object> lastStage(Scenario scenario, World world) {
    world.event("body");
    Throwable failure =
        scenario.last.act() == Act.FAIL ? world.failure(scenario.last, "body", null) : null;
    if (failure != null && scenario.last.timing() == Timing.THROWN) {
      throw World.sneaky(failure);
    }
    CompletableFuture<Object> stage = new CompletableFuture<>();
    world.complete(stage, "v", failure, scenario.last.timing());
    return stage;
  }

  /** Runs the operations and closes the popped stacks meant to be closed. */
  private static void operations(
      Scenario scenario, World world, ExitStack stack, List<ExitStack> leftOpen) throws Throwable {
    List<ExitStack> toClose = new ArrayList<>();
    for (Operation operation : scenario.operations) {
      String label = operation.label;
      Step step = operation.step;
      switch (operation.op) {
        case ENTER -> {
          Handle handle = new Handle(operation.scope.name());
          handle.check(world, stack.enter(operation.scope.real(world, handle)), label + ".enter");
        }
        case ENTER_ASYNC -> {
          Handle handle = new Handle(operation.scope.name());
          Object entered =
              NestedScopes.await(
                  stack.enterAsync(operation.scope.real(world, handle)).toCompletableFuture());
          handle.check(world, (Handle) entered, label + ".enterAsync");
        }
        case PUSH -> stack.push(failure -> world.sync(label, step, true, failure));
        case PUSH_ASYNC ->
            stack.pushAsync(failure -> world.async(label, step, true, failure, false, true));
        case CALLBACK -> stack.callback(() -> world.sync(label, step, false, null));
        case CALLBACK_ASYNC ->
            stack.callbackAsync(() -> world.async(label, step, false, null, null, true));
        case POP_ALL -> (operation.closeAtEnd ? toClose : leftOpen).add(stack.popAll());
        case CLOSE -> stack.close();
      }
    }
    for (ExitStack popped : toClose) {
      popped.close();
    }
  }
}
