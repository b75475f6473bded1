package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Shapes whose cleanup the body's failure cannot skip, or with no cleanup: all silent. */
class Protected {

  interface Channel extends AutoCloseable {
    void flush();

    @Override
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
  static void nothingAfter(Yield<Channel> y) {
    Channel c = open();
    c.flush();
    y.yield(c);
  }

  @ScopedResource
  static void trivialAfter(Yield<Channel> y) {
    y.yield(open());
    ;
    int unused;
    assert true;
    return;
  }

  @ScopedResource
  static void transaction(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c);
      c.flush();
    } catch (Throwable t) {
      c.close();
      throw t;
    } finally {
      System.out.println("finally");
    }
  }

  @ScopedResource
  static void tryFinally(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c);
      c.flush();
    } finally {
      c.close();
    }
  }

  @ScopedResource
  static void tryWithResources(Yield<Channel> y) {
    try (Channel c = open()) {
      y.yield(c);
      c.flush();
    }
  }

  @ScopedResource
  static void catchException(Yield<Channel> y) throws Exception {
    Channel c = open();
    try {
      y.yield(c);
      c.flush();
    } catch (java.lang.Exception e) {
      c.close();
      throw e;
    }
  }

  @ScopedResource
  static void multiCatch(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c);
      c.flush();
    } catch (Error | Exception e) {
      c.close();
      throw e;
    }
  }

  @ScopedResource
  static void swallowedThenCleanup(Yield<Channel> y) {
    Channel c = open();
    try {
      y.yield(c);
    } catch (Throwable t) {
      System.out.println("suppressed: " + t);
    }
    c.close();
  }

  @ScopedResource
  static void nestedGuards(Yield<Channel> y) {
    Channel c = open();
    try {
      try {
        y.yield(c);
      } finally {
        c.flush();
      }
      c.flush();
    } finally {
      c.close();
    }
  }

  @ScopedResource
  static void returnsFirst(boolean first, Yield<Channel> y) {
    Channel c = open();
    if (first) {
      y.yield(c);
      return;
    }
    c.close();
  }

  @ScopedResource
  static void breakInACase(int mode, Yield<Channel> y) {
    Channel c = open();
    switch (mode) {
      case 1:
        y.yield(c);
        break;
      default:
        c.close();
    }
  }

  @ScopedResource
  static void lambdaInTry(Yield<Channel> y) {
    Channel c = open();
    try {
      run(() -> y.yield(c));
    } finally {
      c.close();
    }
  }

  @ScopedResource
  static void localClass(Yield<Channel> y) {
    Channel c = open();
    new Object() {
      void later() {
        y.yield(c);
        c.close();
      }
    }.later();
  }

  @ScopedResource
  static void fieldOfAnAnonymousClass(Yield<Channel> y) {
    Channel c = open();
    Object later =
        new Object() {
          final Runnable body = () -> y.yield(c);
        };
    System.out.println(later);
  }

  @ScopedResource
  static CompletionStage<Void> returned(AsyncYield<Channel> y) {
    return y.yield(open());
  }

  @ScopedResource
  static CompletionStage<Void> andFinally(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c).onFailure(c::flush).andFinally(c::closeAsync).andFinally(c::close);
  }

  @ScopedResource
  static CompletionStage<Void> composed(AsyncYield<Channel> y) {
    return CompletableFuture.supplyAsync(Protected::open)
        .thenApply(c -> c)
        .thenCompose(c -> y.yield(c).andFinally(c::close));
  }

  @ScopedResource
  static CompletionStage<Void> noWork(AsyncYield<Channel> y) {
    return y.yield(open()).thenApply(v -> null);
  }

  @ScopedResource
  static CompletionStage<Void> successOnlyThenWhenComplete(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c).thenRun(c::flush).whenComplete((v, t) -> c.close());
  }

  @ScopedResource
  static CompletionStage<Void> handled(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c)
        .thenRun(c::flush)
        .handle(
            (v, t) -> {
              c.close();
              return null;
            });
  }

  @ScopedResource
  static CompletionStage<Void> noWorkInABlock(AsyncYield<Channel> y) {
    return y.yield(open())
        .thenAccept(
            v -> {
              int unused = 0;
              return;
            });
  }

  @ScopedResource
  static CompletionStage<Void> notAStep(AsyncYield<Channel> y) {
    Channel c = open();
    return y.yield(c).andFinally(c::close).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS);
  }
}
