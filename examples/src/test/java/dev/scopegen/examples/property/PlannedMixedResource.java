package dev.scopegen.examples.property;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.property.PlannedFailures.ForgivenFailure;
import java.util.concurrent.CompletionStage;

/**
 * A resource class with an asynchronous enter and rollback and a synchronous commit and exit,
 * following a {@link ScopePlan}: one stage is enough for the scope to take the asynchronous path.
 */
final class PlannedMixedResource {
  private final World world;
  private final ScopePlan plan;
  private final Handle handle;

  PlannedMixedResource(World world, ScopePlan plan, Handle handle) {
    this.world = world;
    this.plan = plan;
    this.handle = handle;
  }

  @Enter
  CompletionStage<Handle> enter() throws PlannedException {
    return world.async(plan.name() + ".enter", plan.enter(), false, null, handle, handle);
  }

  @Commit
  void commit(Handle resource) throws PlannedException {
    handle.check(world, resource, plan.name() + ".commit");
    world.sync(plan.name() + ".commit", plan.commit(), false, null);
  }

  @Rollback(noRollbackFor = ForgivenFailure.class)
  CompletionStage<?> rollback(Handle resource, Throwable failure) throws PlannedException {
    handle.check(world, resource, plan.name() + ".rollback");
    return world.async(
        plan.name() + ".rollback", plan.rollback(), true, failure, "rolled back", null);
  }

  @Exit
  boolean exit(Handle resource, Throwable failure) throws PlannedException {
    handle.check(world, resource, plan.name() + ".exit");
    return world.sync(plan.name() + ".exit", plan.exit(), true, failure);
  }
}
