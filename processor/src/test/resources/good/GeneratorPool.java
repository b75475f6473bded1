package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;

/** Instance methods of a generic class, generic methods, overloads and deprecation. */
public class GeneratorPool<C extends AutoCloseable> {

  private final Deque<C> idle = new ArrayDeque<>();

  @ScopedResource
  public void lease(Yield<C> y) throws InterruptedException {
    C connection = idle.pop();
    try {
      y.yield(connection);
    } finally {
      idle.push(connection);
    }
  }

  @ScopedResource
  public <T extends Comparable<? super T>> CompletionStage<Void> tagged(
      T tag, AsyncYield<? super T> y) {
    return y.yield(tag);
  }

  @ScopedResource
  public static <E extends Exception> void open(String name, Yield<String> y)
      throws E, IOException {
    y.yield(name);
  }

  @ScopedResource
  public static void open(String name, int[] sizes, Yield<String> y) {
    y.yield(name + sizes.length);
  }

  /** Deprecated: the generated factory and scope type are deprecated too. */
  @Deprecated
  @ScopedResource
  static void legacy(Yield<String> y) {
    y.yield("legacy");
  }
}
