package com.example;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The quickstart's scope, entered with call, run and use. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Counter counter = new Counter();

    int value = CounterScope.of(counter).call(c -> { c.increment(); return c.pending(); });
    CounterScope.of(counter).run(Counter::increment);
    try {
      CounterScope.of(counter).run(c -> { c.increment(); throw new IllegalStateException("no"); });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    int used =
        CounterScope.of(counter)
            .use(c -> { c.increment(); return CompletableFuture.completedFuture(c.value); })
            .join();

    List<String> expected =
        List.of("begin", "commit", "end", "begin", "commit", "end", "begin", "rollback", "end",
            "begin", "commit", "end");
    if (value != 1 || used != 2 || counter.value != 3 || !counter.log.equals(expected)) {
      throw new AssertionError(value + " " + used + " " + counter.value + " " + counter.log);
    }
    System.out.println("ok: call, run and use; value " + counter.value);
  }
}
