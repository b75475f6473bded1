package dev.scopegen.examples.property;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.property.PlannedFailures.ForgivenFailure;

/** A resource class whose methods are all synchronous and follow a {@link ScopePlan}. */
final class PlannedSyncResource {
  private final World world;
  private final ScopePlan plan;
  private final Handle handle;

  PlannedSyncResource(World world, ScopePlan plan, Handle handle) {
    this.world = world;
    this.plan = plan;
    this.handle = handle;
  }

  @Enter
  Handle enter() throws PlannedException {
    world.sync(plan.name() + ".enter", plan.enter(), false, null);
    return handle;
  }

  @Commit
  void commit(Handle resource) throws PlannedException {
    handle.check(world, resource, plan.name() + ".commit");
    world.sync(plan.name() + ".commit", plan.commit(), false, null);
  }

  @Rollback(noRollbackFor = ForgivenFailure.class)
  void rollback(Handle resource, Throwable failure) throws PlannedException {
    handle.check(world, resource, plan.name() + ".rollback");
    world.sync(plan.name() + ".rollback", plan.rollback(), true, failure);
  }

  @Exit
  boolean exit(Handle resource, Throwable failure) throws PlannedException {
    handle.check(world, resource, plan.name() + ".exit");
    return world.sync(plan.name() + ".exit", plan.exit(), true, failure);
  }
}
