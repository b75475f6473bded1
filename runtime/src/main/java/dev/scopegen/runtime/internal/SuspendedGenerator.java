package dev.scopegen.runtime.internal;

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
 * <p>An interrupt of the method's thread while it waits at the yield (a {@code Scopes.timeout}
 * around the yield, say) is handed to the body through {@link BodyLink}: the body's stage is
 * cancelled, or its thread interrupted. The method goes on waiting for the body's outcome, which it
 * then sees at its yield, as it would if the body ran on the method's thread.
 *
 * @param <T> the resource type
 */
final class SuspendedGenerator<T> extends SingleYield<T> implements Runnable {

  private final BlockingGenerator.Method<T> method;
  private final BodyLink<T> entered = new BodyLink<>();

  /** Completed by {@link #resume} with the body's failure, or {@code null} after success. */
  private final CompletableFuture<Throwable> resumed = new CompletableFuture<>();

  private final CompletableFuture<Boolean> exited = new CompletableFuture<>();

  SuspendedGenerator(String name, BlockingGenerator.Method<T> method) {
    super(name);
    this.method = method;
  }

  /** Starts the method's thread; the stage completes when the method yields. */
  CompletionStage<T> start() {
    GeneratorThreads.start(name, this);
    return entered;
  }

  /** Resumes the method at its yield; the stage completes when the method has returned. */
  CompletionStage<Boolean> resume(Throwable failure) {
    if (!Stages.isDoneNormally(entered) || resumed.isDone()) {
      throw GeneratorOutcome.notEntered(name);
    }
    entered.bodyEnded();
    if (!resumed.complete(failure)) {
      throw GeneratorOutcome.notEntered(name);
    }
    return exited;
  }

  /** Whether {@link #resume} was called: for {@link LeakDetector}. */
  boolean isResumed() {
    return resumed.isDone();
  }

  /** The stage that completes when the method yields: for {@link LeakDetector}. */
  CompletionStage<T> yielded() {
    return entered;
  }

  @Override
  public void run() {
    Throwable methodFailure = null;
    try {
      method.invoke(this);
    } catch (Throwable failure) {
      methodFailure = failure;
    }
    if (!methodReturned()) {
      entered.completeExceptionally(
          methodFailure != null ? methodFailure : GeneratorOutcome.didNotYield(name));
      return;
    }
    Throwable bodyFailure = Stages.await(resumed);
    Throwable replacement = replacement(bodyFailure, methodFailure);
    if (replacement != null) {
      exited.completeExceptionally(replacement);
    } else {
      exited.complete(GeneratorOutcome.suppresses(bodyFailure, methodFailure));
    }
  }

  @Override
  void atYield(T resource) {
    entered.complete(resource);
    // An interrupt while waiting at the yield is a cancel request for the body; one that comes
    // when the body has already ended is kept on this thread, for the method to see.
    Throwable bodyFailure = Stages.await(resumed, entered::cancelBody);
    if (bodyFailure != null) {
      throw Stages.sneakyThrow(bodyFailure);
    }
  }
}
