package dev.scopegen.examples.property;

import dev.scopegen.ScopedResource;
import dev.scopegen.examples.property.Plan.Act;
import dev.scopegen.examples.property.Plan.Step;
import dev.scopegen.examples.property.Plan.Timing;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@code @ScopedResource} generators that follow a {@link GeneratorPlan}: Python's {@code setup;
 * try: yield; after; except: caught; finally: cleanup}, blocking and asynchronous.
 */
final class PlannedGenerators {

  private PlannedGenerators() {}

  /** The blocking generator: plain Java try/catch/finally around the yield. */
  @ScopedResource
  static void blockingGenerator(World world, GeneratorPlan plan, Handle handle, Yield<Handle> y)
      throws PlannedException {
    world.sync(plan.name() + ".setup", plan.setup(), false, null);
    if (!plan.yields()) {
      return;
    }
    try {
      y.yield(handle);
      world.sync(plan.name() + ".after", plan.after(), false, null);
    } catch (Throwable failure) {
      Throwable propagating = caught(world, plan, failure);
      if (propagating != null) {
        throw World.sneaky(propagating);
      }
    } finally {
      world.sync(plan.name() + ".finally", plan.cleanup(), false, null);
    }
  }

  /**
   * The asynchronous generator: the same steps chained on the yield's stage, each of which may
   * complete later on another thread; its stage fails with the failure itself, or with a {@code
   * CompletionException} around it as dependent stages do, as the plan says.
   */
  @ScopedResource
  static CompletionStage<Void> asyncGenerator(
      World world, GeneratorPlan plan, Handle handle, AsyncYield<Handle> y)
      throws PlannedException {
    CompletableFuture<Handle> ready =
        world.async(plan.name() + ".setup", plan.setup(), false, null, handle, handle);
    CompletableFuture<Void> done = new CompletableFuture<>();
    ready.whenComplete(
        (resource, setupFailure) -> {
          if (setupFailure != null) {
            finish(plan, done, setupFailure);
          } else if (!plan.yields()) {
            done.complete(null);
          } else {
            y.yield(resource)
                .whenComplete((ok, bodyFailure) -> after(world, plan, bodyFailure, done));
          }
        });
    return done;
  }

  private static void after(
      World world, GeneratorPlan plan, Throwable bodyFailure, CompletableFuture<Void> done) {
    if (bodyFailure != null) {
      caught(world, plan, bodyFailure, done);
      return;
    }
    CompletableFuture<Void> after = step(world, plan.name() + ".after", plan.after());
    after.whenComplete(
        (ok, afterFailure) -> {
          if (afterFailure != null) {
            caught(world, plan, afterFailure, done);
          } else {
            cleanup(world, plan, null, done);
          }
        });
  }

  private static void caught(
      World world, GeneratorPlan plan, Throwable failure, CompletableFuture<Void> done) {
    CompletableFuture<Void> handled = new CompletableFuture<>();
    world.complete(handled, null, caught(world, plan, failure), now(plan.caught()));
    handled.whenComplete((ok, propagating) -> cleanup(world, plan, propagating, done));
  }

  private static void cleanup(
      World world, GeneratorPlan plan, Throwable propagating, CompletableFuture<Void> done) {
    CompletableFuture<Void> cleanup = step(world, plan.name() + ".finally", plan.cleanup());
    cleanup.whenComplete(
        (ok, cleanupFailure) ->
            finish(plan, done, cleanupFailure != null ? cleanupFailure : propagating));
  }

  /** Runs a step that receives nothing; its stage fails with its failure, thrown or not. */
  private static CompletableFuture<Void> step(World world, String label, Step step) {
    world.event(label);
    CompletableFuture<Void> stage = new CompletableFuture<>();
    Throwable failure = step.act() == Act.FAIL ? world.failure(step, label, null) : null;
    world.complete(stage, null, failure, now(step));
    return stage;
  }

  /** The catch block: records the failure it caught and returns what propagates after it. */
  private static Throwable caught(World world, GeneratorPlan plan, Throwable failure) {
    String label = plan.name() + ".catch";
    world.event(label, failure);
    return switch (plan.caught().act()) {
      case SUPPRESS -> null;
      case OK -> failure;
      case FAIL -> world.failure(plan.caught(), label, failure);
    };
  }

  private static void finish(GeneratorPlan plan, CompletableFuture<Void> done, Throwable failure) {
    if (failure == null) {
      done.complete(null);
    } else if (plan.wrapped() && !(failure instanceof CompletionException)) {
      done.completeExceptionally(new CompletionException(failure));
    } else {
      done.completeExceptionally(failure);
    }
  }

  /** Steps chained after the yield have no caller to throw to: {@code THROWN} means now. */
  private static Timing now(Step step) {
    return step.timing() == Timing.THROWN ? Timing.NOW : step.timing();
  }
}
