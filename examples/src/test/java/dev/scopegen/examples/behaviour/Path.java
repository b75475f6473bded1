package dev.scopegen.examples.behaviour;

import dev.scopegen.examples.behaviour.Script.Handle;
import dev.scopegen.runtime.AsyncScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The ways a body runs inside a generated scope: the inline blocking code of synchronous
 * resources, {@code use} on the asynchronous protocol, and the inline blocking code of asynchronous
 * and mixed resources, which waits for each stage.
 */
enum Path {
  INLINE_CALL(Resource.SYNC, Mode.CALL, false),
  INLINE_RUN(Resource.SYNC, Mode.RUN, false),
  INLINE_CALL_SUPPRESSING(Resource.SUPPRESSING, Mode.CALL, false),
  INLINE_RUN_SUPPRESSING(Resource.SUPPRESSING, Mode.RUN, false),
  USE_OF_SYNC_RESOURCE(Resource.SUPPRESSING, Mode.USE, false),
  USE(Resource.ASYNC, Mode.USE, false),
  USE_COMPLETED_LATER(Resource.ASYNC, Mode.USE, true),
  BLOCKING_CALL(Resource.ASYNC, Mode.CALL, false),
  BLOCKING_RUN(Resource.ASYNC, Mode.RUN, false),
  BLOCKING_CALL_COMPLETED_LATER(Resource.ASYNC, Mode.CALL, true),
  BLOCKING_RUN_COMPLETED_LATER(Resource.ASYNC, Mode.RUN, true),
  MIXED_CALL(Resource.MIXED, Mode.CALL, false),
  MIXED_RUN(Resource.MIXED, Mode.RUN, false),
  MIXED_CALL_COMPLETED_LATER(Resource.MIXED, Mode.CALL, true),
  MIXED_USE_COMPLETED_LATER(Resource.MIXED, Mode.USE, true);

  /** The body of a scope in these tests. */
  @FunctionalInterface
  interface Body {
    String apply(Handle handle) throws Exception;
  }

  /** What a scope ended with: the body's result, or the failure that propagated. */
  record Outcome(String result, Throwable failure) {}

  private final Resource resource;
  private final Mode mode;
  private final boolean completedLater;

  Path(Resource resource, Mode mode, boolean completedLater) {
    this.resource = resource;
    this.mode = mode;
    this.completedLater = completedLater;
  }

  /** Whether the exit method can suppress a failure. */
  boolean suppresses() {
    return resource != Resource.SYNC && resource != Resource.MIXED;
  }

  /** Whether the rollback method lists {@link ForgivenException} in noRollbackFor. */
  boolean forgives() {
    return resource == Resource.SUPPRESSING || resource == Resource.ASYNC;
  }

  /** Whether the body runs on the calling thread, which blocks until the scope has exited. */
  boolean blocks() {
    return mode != Mode.USE;
  }

  /**
   * Runs {@code body} in a scope over a resource that follows {@code script}; asynchronous steps
   * complete on {@code completer} for the paths that complete them later.
   */
  Outcome run(Script script, Executor completer, Body body) {
    if (completedLater) {
      script.completeLater(completer);
    }
    AsyncScope<Handle> scope = resource.scope(script);
    try {
      return new Outcome(mode.run(scope, body), null);
    } catch (Throwable failure) {
      return new Outcome(null, failure);
    }
  }

  // The factories are stateless lambdas.
  @SuppressWarnings("ImmutableEnumChecker")
  private enum Resource {
    SYNC(script -> SyncResourceScope.of(new SyncResource(script))),
    SUPPRESSING(script -> SuppressingResourceScope.of(new SuppressingResource(script))),
    ASYNC(script -> AsyncResourceScope.of(new AsyncResource(script))),
    MIXED(script -> MixedResourceScope.of(new MixedResource(script)));

    private final Function<Script, AsyncScope<Handle>> factory;

    Resource(Function<Script, AsyncScope<Handle>> factory) {
      this.factory = factory;
    }

    AsyncScope<Handle> scope(Script script) {
      return factory.apply(script);
    }
  }

  private enum Mode {
    CALL {
      @Override
      String run(AsyncScope<Handle> scope, Body body) throws Throwable {
        return scope.call(body::apply);
      }
    },
    RUN {
      @Override
      String run(AsyncScope<Handle> scope, Body body) throws Throwable {
        AtomicReference<String> result = new AtomicReference<>();
        scope.run(handle -> result.set(body.apply(handle)));
        return result.get();
      }
    },
    USE {
      @Override
      String run(AsyncScope<Handle> scope, Body body) throws Throwable {
        CompletableFuture<String> future =
            scope.use(
                handle -> {
                  try {
                    return CompletableFuture.completedFuture(body.apply(handle));
                  } catch (Throwable failure) {
                    return CompletableFuture.failedFuture(failure);
                  }
                });
        try {
          return future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      }
    };

    abstract String run(AsyncScope<Handle> scope, Body body) throws Throwable;
  }
}
