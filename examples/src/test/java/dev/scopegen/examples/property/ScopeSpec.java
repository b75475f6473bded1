package dev.scopegen.examples.property;

import dev.scopegen.runtime.AsyncScope;
import java.util.SplittableRandom;

/**
 * One planned scope of a scenario: which generated scope it is, and its fault plan. It builds the
 * real scope (a new one per run, generator scopes being single-use) and the model's.
 *
 * @param name the scope's name, which prefixes its events and failures
 */
record ScopeSpec(
    Variant variant, String name, ScopePlan resourcePlan, GeneratorPlan generatorPlan) {

  /** The generated scopes the scenarios use. */
  enum Variant {
    /** Every method synchronous: the inline {@code call}/{@code run}. */
    SYNC(false, false, false, false),
    /** Every method returns a stage. */
    ASYNC(true, true, true, true),
    /** Asynchronous enter and rollback, synchronous commit and exit. */
    MIXED(true, false, true, false),
    /** A blocking {@code Yield} generator. */
    BLOCKING_GENERATOR(false, false, false, false),
    /** An {@code AsyncYield} generator. */
    ASYNC_GENERATOR(true, true, true, true);

    @SuppressWarnings("ImmutableEnumChecker") // private, and never written after construction
    private final boolean[] async;

    Variant(boolean... async) {
      this.async = async;
    }

    boolean generator() {
      return this == BLOCKING_GENERATOR || this == ASYNC_GENERATOR;
    }
  }

  static final Variant[] RESOURCES = {Variant.SYNC, Variant.ASYNC, Variant.MIXED};
  static final Variant[] GENERATORS = {Variant.BLOCKING_GENERATOR, Variant.ASYNC_GENERATOR};
  static final Variant[] ALL = Variant.values();

  /** A random scope of one of {@code variants}. */
  static ScopeSpec random(String name, SplittableRandom random, Variant[] variants) {
    Variant variant = variants[random.nextInt(variants.length)];
    return variant.generator()
        ? new ScopeSpec(
            variant,
            name,
            null,
            GeneratorPlan.random(name, random, variant == Variant.ASYNC_GENERATOR))
        : new ScopeSpec(variant, name, ScopePlan.random(name, random, variant.async), null);
  }

  /** A new real scope whose methods record into {@code world} and hand out {@code handle}. */
  AsyncScope<Handle> real(World world, Handle handle) {
    return switch (variant) {
      case SYNC ->
          PlannedSyncResourceScope.of(new PlannedSyncResource(world, resourcePlan, handle));
      case ASYNC ->
          PlannedAsyncResourceScope.of(new PlannedAsyncResource(world, resourcePlan, handle));
      case MIXED ->
          PlannedMixedResourceScope.of(new PlannedMixedResource(world, resourcePlan, handle));
      case BLOCKING_GENERATOR ->
          PlannedGeneratorsScopes.blockingGenerator(world, generatorPlan, handle);
      case ASYNC_GENERATOR -> PlannedGeneratorsScopes.asyncGenerator(world, generatorPlan, handle);
    };
  }

  /** The model of this scope. */
  Model.Scope model(Model model) {
    return switch (variant) {
      case BLOCKING_GENERATOR -> model.generator(generatorPlan, "blockingGenerator");
      case ASYNC_GENERATOR -> model.generator(generatorPlan, "asyncGenerator");
      default -> model.resource(resourcePlan);
    };
  }

  @Override
  public String toString() {
    return name + " " + variant + " " + (variant.generator() ? generatorPlan : resourcePlan);
  }
}
