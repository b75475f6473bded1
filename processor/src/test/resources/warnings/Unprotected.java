package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Cleanup that the body's failure skips. Each line marked "warns (method)" gets the warning: the
 * yield of a blocking method, the skipping step of an asynchronous one.
 */
class Unprotected {

  interface Channel {
    void flush();

    void close();

    CompletionStage<Void> closeAsync();
  }

  static Channel open() {
    throw new UnsupportedOperationException();
  }

  static void run(Runnable body) {
    body.run();
  }

  @ScopedResource
  static void plain(Yield<Channel> y) {
    Channel c = open();
    y.yield(c); // warns (plain)
    c.close();
  }

  @ScopedResource
  static void afterTryFinally(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c); // warns (afterTryFinally)
      c.flush();
    } finally {
      System.out.println("finally");
    }
    c.close();
  }

  @ScopedResource
  static void afterRethrowingCatch(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c); // warns (afterRethrowingCatch)
    } catch (Throwable t) {
      c.flush();
      throw t;
    }
    c.close();
  }

  @ScopedResource
  static void narrowCatch(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c); // warns (narrowCatch)
      c.close();
    } catch (RuntimeException e) {
      System.out.println(e);
    }
  }

  @ScopedResource
  static void branches(boolean first, Yield<Channel> y) {
    Channel c = open();
    if (first) {
      y.yield(c); // warns (branches, then)
    } else {
      {
        y.yield(c); // warns (branches, else)
      }
    }
    if (c != null) {
      c.close();
    }
  }

  @ScopedResource
  static void inALambda(Yield<Channel> y) {
    Channel c = open();
    run(() -> y.yield(c)); // warns (inALambda)
    c.close();
  }

  static <T> void with(T value, Consumer<T> body) {
    body.accept(value);
  }

  @ScopedResource
  static void aReference(Yield<Channel> y) {
    Channel c = open();
    with(c, y::yield); // warns (aReference)
    c.close();
  }

  @ScopedResource
  static void inASwitch(int mode, Yield<Channel> y) {
    Channel c = open();
    switch (mode) {
      case 1:
        y.yield(c); // warns (inASwitch)
        c.close();
        break;
      default:
        break;
    }
  }

  @ScopedResource
  static void arrowCase(int mode, Yield<Channel> y) {
    Channel c = open();
    switch (mode) {
      case 1 -> y.yield(c); // warns (arrowCase)
      default -> c.flush();
    }
    c.close();
  }

  @ScopedResource
  static void returnInALambda(Yield<Channel> y) {
    Channel c = open();
    run(
        () -> {
          y.yield(c); // warns (returnInALambda)
          return;
        });
    c.close();
  }

  @ScopedResource
  static CompletionStage<Void> thenRun(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c)
        .thenRun(() -> c.close()); // warns (thenRun)
  }

  @ScopedResource
  static CompletionStage<Void> afterAndFinally(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c)
        .andFinally(c::flush)
        .thenCompose(v -> c.closeAsync()); // warns (afterAndFinally)
  }

  @ScopedResource
  static CompletionStage<Void> composed(AsyncYield<Channel> y) {
    return CompletableFuture.supplyAsync(Unprotected::open)
        .thenCompose(y::yield)
        .thenAcceptAsync(v -> System.out.println("done")); // warns (composed)
  }

  @ScopedResource
  static CompletionStage<Void> composedLambda(AsyncYield<Channel> y) {
    return CompletableFuture.supplyAsync(Unprotected::open)
        .thenCompose(
            c -> {
              return y.yield(c);
            })
        .thenApply(v -> open()) // warns (composedLambda)
        .thenAccept(c -> c.close());
  }

  @ScopedResource
  static CompletionStage<Void> composedExpression(AsyncYield<Channel> y) {
    return CompletableFuture.supplyAsync(Unprotected::open)
        .thenCompose(c -> y.yield(c).andFinally(c::flush))
        .thenRun(Unprotected::open); // warns (composedExpression)
  }

  @ScopedResource
  static CompletionStage<Void> throughAnotherMethod(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c).toCompletableFuture().thenRunAsync(c::close); // warns (throughAnotherMethod)
  }

  @ScopedResource
  static void narrowMultiCatch(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c); // warns (narrowMultiCatch)
      c.close();
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.out.println(e);
    }
  }

  @ScopedResource
  static void quotedInFull(Yield<Channel> y) {
    Channel c = open();
    y.yield(c); // warns (quotedInFull)
    System.out.println("sixty characters long, quoted in full!");
  }

  @ScopedResource
  static CompletionStage<Void> workInABlock(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c)
        .thenAccept( // warns (workInABlock)
            v -> {
              if (v == null) {
                c.close();
              }
            });
  }

  @ScopedResource
  static CompletionStage<Void> parenthesized(AsyncYield<Channel> y) {
    Channel c = open();
    return (y.yield(c)).thenRun(c::close); // warns (parenthesized)
  }
}
