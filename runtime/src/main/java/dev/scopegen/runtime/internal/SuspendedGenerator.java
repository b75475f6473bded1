package dev.scopegen.runtime.internal;

import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One invocation of a blocking {@code @ScopedResource} method on a thread of its own, for the split
 * {@code enter}/{@code exit} protocol of {@link BlockingGenerator}.
 *
 * <p>The thread runs the method until it yields, completes {@link #start}'s stage with the
 * resource, and waits at the yield until {@link #resume} hands it the body's outcome; then the
 * method goes on with its cleanup, and {@code resume}'s stage completes with the outcome.
 *
 * @param <T> the resource type
 */
final class SuspendedGenerator<T> implements Yield<T>, Runnable {

  private final String name;
  private final BlockingGenerator.Method<T> method;
  private final CompletableFuture<T> entered = new CompletableFuture<>();

  /** Completed by {@link #resume} with the body's failure, or {@code null} after success. */
  private final CompletableFuture<Throwable> resumed = new CompletableFuture<>();

  private final CompletableFuture<Boolean> exited = new CompletableFuture<>();

  // Used by the method's own thread only.
  private boolean yielded;
  private boolean returned;
  private IllegalStateException secondYield;

  SuspendedGenerator(String name, BlockingGenerator.Method<T> method) {
    this.name = name;
    this.method = method;
  }

  /** Starts the method's thread; the stage completes when the method yields. */
  CompletionStage<T> start() {
    GeneratorThreads.start(name, this);
    return entered;
  }

  /** Resumes the method at its yield; the stage completes when the method has returned. */
  CompletionStage<Boolean> resume(Throwable failure) {
    if (!Stages.isDoneNormally(entered) || !resumed.complete(failure)) {
      throw GeneratorOutcome.notEntered(name);
    }
    return exited;
  }

  @Override
  public void run() {
    Throwable methodFailure = null;
    try {
      method.invoke(this);
    } catch (Throwable failure) {
      methodFailure = failure;
    }
    returned = true;
    if (!yielded) {
      entered.completeExceptionally(
          methodFailure != null ? methodFailure : GeneratorOutcome.didNotYield(name));
      return;
    }
    Throwable bodyFailure = Stages.await(resumed);
    Throwable replacement = GeneratorOutcome.replacement(secondYield, bodyFailure, methodFailure);
    if (replacement != null) {
      exited.completeExceptionally(replacement);
    } else {
      exited.complete(GeneratorOutcome.suppresses(bodyFailure, methodFailure));
    }
  }

  @Override
  public void yield(T resource) {
    if (yielded || returned) {
      IllegalStateException error =
          yielded ? GeneratorOutcome.yieldedTwice(name) : GeneratorOutcome.yieldedLate(name);
      if (yielded && !returned && secondYield == null) {
        secondYield = error;
      }
      throw error;
    }
    yielded = true;
    entered.complete(resource);
    Throwable bodyFailure = Stages.await(resumed);
    if (bodyFailure != null) {
      throw Stages.sneakyThrow(bodyFailure);
    }
  }
}
