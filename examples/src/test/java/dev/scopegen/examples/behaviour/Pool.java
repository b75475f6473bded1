package dev.scopegen.examples.behaviour;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A generic pool whose connections arrive asynchronously: PoolScope is generic too. */
final class Pool<C extends CharSequence> {
  private final Deque<C> idle;
  private final Executor executor;

  Pool(Collection<C> connections, Executor executor) {
    this.idle = new ArrayDeque<>(connections);
    this.executor = executor;
  }

  @Enter
  CompletableFuture<C> acquire() {
    return CompletableFuture.supplyAsync(this::take, executor);
  }

  @Exit
  void release(C connection) {
    synchronized (idle) {
      idle.push(connection);
    }
  }

  int idle() {
    synchronized (idle) {
      return idle.size();
    }
  }

  private C take() {
    synchronized (idle) {
      return idle.pop();
    }
  }
}
