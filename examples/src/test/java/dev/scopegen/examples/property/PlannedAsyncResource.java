package dev.scopegen.examples.property;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import dev.scopegen.examples.property.PlannedFailures.ForgivenFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A resource class whose methods all return stages, which complete at once, later on another
 * thread, or are never returned because the method throws, as its {@link ScopePlan} says.
 */
final class PlannedAsyncResource {
  private final World world;
  private final ScopePlan plan;
  private final Handle handle;

  PlannedAsyncResource(World world, ScopePlan plan, Handle handle) {
    this.world = world;
    this.plan = plan;
    this.handle = handle;
  }

  @Enter
  CompletableFuture<Handle> enter() throws PlannedException {
    return world.async(plan.name() + ".enter", plan.enter(), false, null, handle, handle);
  }

  @Commit
  CompletionStage<Void> commit(Handle resource) throws PlannedException {
    handle.check(world, resource, plan.name() + ".commit");
    return world.async(plan.name() + ".commit", plan.commit(), false, null, null, null);
  }

  @Rollback(noRollbackFor = ForgivenFailure.class)
  CompletionStage<Void> rollback(Handle resource, Throwable failure) throws PlannedException {
    handle.check(world, resource, plan.name() + ".rollback");
    return world.async(plan.name() + ".rollback", plan.rollback(), true, failure, null, null);
  }

  @Exit
  CompletionStage<Boolean> exit(Handle resource, Throwable failure) throws PlannedException {
    handle.check(world, resource, plan.name() + ".exit");
    return world.async(plan.name() + ".exit", plan.exit(), true, failure, false, true);
  }
}
