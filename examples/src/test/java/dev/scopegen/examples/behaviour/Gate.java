package dev.scopegen.examples.behaviour;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.ArrayList;
import java.util.List;

/** Entered as itself, like Python's {@code return self}, and released with a primitive count. */
final class Gate {
  final List<String> events = new ArrayList<>();
  private int opened;

  @Enter
  void open() {
    opened++;
    events.add("open");
  }

  @Exit
  void close() {
    events.add("close");
  }

  /** A resource of primitive type: the scope hands it boxed. */
  static final class Counter {
    final List<String> events = new ArrayList<>();
    private int next;

    @Enter
    int increment() {
      return ++next;
    }

    @Exit
    void release(int ticket, Throwable failure) {
      events.add("release " + ticket + (failure == null ? "" : " after " + failure.getMessage()));
    }
  }

  int opened() {
    return opened;
  }
}
