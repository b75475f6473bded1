package dev.scopegen.examples.property;

import dev.scopegen.examples.property.Plan.Act;
import dev.scopegen.examples.property.Plan.Step;
import dev.scopegen.examples.property.Plan.Timing;
import dev.scopegen.runtime.AsyncScope;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The family of nested scopes: one to eight planned scopes, each entered with {@code call}, {@code
 * run} or {@code use} inside the body of the one before, around an innermost body that returns a
 * result or fails (at once, later on another thread, or by throwing instead of returning a stage).
 */
final class NestedScopes implements PropertyRun.Family<NestedScopes.Scenario> {

  /** How a level enters its scope. */
  enum Mode {
    CALL,
    RUN,
    USE
  }

  /** One level: a scope and how it is entered. */
  record Level(ScopeSpec scope, Mode mode) {}

  /** A scenario: the levels, outermost first, and the innermost body. */
  record Scenario(List<Level> levels, Step body) {
    @Override
    public String toString() {
      return levels.stream()
              .map(level -> level.mode + " " + level.scope)
              .collect(Collectors.joining("\n"))
          + "\nbody "
          + body;
    }
  }

  private final ScopeSpec.Variant[] variants;

  NestedScopes(ScopeSpec.Variant[] variants) {
    this.variants = variants;
  }

  @Override
  public Scenario generate(SplittableRandom random) {
    int depth = 1 + random.nextInt(8);
    List<Level> levels = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
      levels.add(new Level(ScopeSpec.random("s" + i, random, variants), mode));
    }
    return new Scenario(
        List.copyOf(levels), Plan.body(random, levels.get(depth - 1).mode == Mode.USE));
  }

  @Override
  public String expected(Scenario scenario) {
    Model model = new Model();
    return model.transcript(level(model, scenario, 0));
  }

  private static Model.Outcome level(Model model, Scenario scenario, int index) {
    if (index == scenario.levels.size()) {
      return model.body(scenario.body);
    }
    Level level = scenario.levels.get(index);
    boolean stage = level.mode == Mode.USE && returnsStage(scenario, index + 1);
    return model.with(
        level.scope.model(model),
        () -> {
          Model.Outcome outcome = level(model, scenario, index + 1);
          return stage ? Model.fromStage(outcome) : outcome;
        });
  }

  /**
   * Whether level {@code index}, run as the body of a {@code use}, returns a stage (another {@code
   * use}, or an innermost body that does not throw) rather than throwing its failure.
   */
  private static boolean returnsStage(Scenario scenario, int index) {
    return index == scenario.levels.size()
        ? scenario.body.timing() != Timing.THROWN
        : scenario.levels.get(index).mode == Mode.USE;
  }

  @Override
  public String actual(Scenario scenario, World world) {
    Runner runner = new Runner(scenario, world);
    try {
      return world.transcript(runner.level(0), null);
    } catch (Throwable failure) {
      return world.transcript(null, failure);
    }
  }

  /** Runs a scenario with the real generated scopes. */
  private static final class Runner {
    private final Scenario scenario;
    private final World world;

    Runner(Scenario scenario, World world) {
      this.scenario = scenario;
      this.world = world;
    }

    /** Runs level {@code index} on the calling thread: its result, or throws its failure. */
    Object level(int index) throws Throwable {
      if (index == scenario.levels.size()) {
        world.event("body");
        if (scenario.body.act() == Act.FAIL) {
          throw world.failure(scenario.body, "body", null);
        }
        return "v";
      }
      Level level = scenario.levels.get(index);
      Handle handle = new Handle(level.scope.name());
      AsyncScope<Handle> scope = level.scope.real(world, handle);
      String label = level.scope.name() + ".body";
      switch (level.mode) {
        case CALL:
          return scope.call(
              resource -> {
                handle.check(world, resource, label);
                return level(index + 1);
              });
        case RUN:
          Object[] result = new Object[1];
          scope.run(
              resource -> {
                handle.check(world, resource, label);
                result[0] = level(index + 1);
              });
          return result[0];
        default:
          return await(stage(index).toCompletableFuture());
      }
    }

    /** Runs level {@code index} as the body of a {@code use}: a stage of its result. */
    CompletionStage<Object> stage(int index) {
      if (index == scenario.levels.size()) {
        world.event("body");
        Step body = scenario.body;
        Throwable failure = body.act() == Act.FAIL ? world.failure(body, "body", null) : null;
        if (failure != null && body.timing() == Timing.THROWN) {
          throw World.sneaky(failure);
        }
        CompletableFuture<Object> stage = new CompletableFuture<>();
        world.complete(stage, "v", failure, body.timing());
        return stage;
      }
      Level level = scenario.levels.get(index);
      if (level.mode != Mode.USE) {
        try {
          return CompletableFuture.completedFuture(level(index));
        } catch (Throwable failure) {
          throw World.sneaky(failure); // thrown, not a failed stage: the same object (rule 10)
        }
      }
      Handle handle = new Handle(level.scope.name());
      AsyncScope<Handle> scope = level.scope.real(world, handle);
      return scope.use(
          resource -> {
            handle.check(world, resource, level.scope.name() + ".body");
            return stage(index + 1);
          });
    }
  }

  /** Waits for {@code future}; returns its result or throws its failure exactly as stored. */
  static Object await(CompletableFuture<?> future) throws Throwable {
    Object[] outcome =
        future.<Object[]>handle((value, failure) -> new Object[] {value, failure}).join();
    if (outcome[1] != null) {
      throw (Throwable) outcome[1];
    }
    return outcome[0];
  }
}
