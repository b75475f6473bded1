package com.example;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.util.ArrayList;
import java.util.List;

/** The smallest resource class: a counter whose changes are kept only when the body succeeds. */
public final class Counter {
  final List<String> log = new ArrayList<>();
  int value;
  private int pending;

  @Enter
  Counter begin() {
    pending = value;
    log.add("begin");
    return this;
  }

  @Commit
  void commit() {
    value = pending;
    log.add("commit");
  }

  @Rollback
  void rollback(Throwable failure) {
    log.add("rollback");
  }

  @Exit
  void end() {
    log.add("end");
  }

  void increment() {
    pending++;
  }

  int pending() {
    return pending;
  }
}
