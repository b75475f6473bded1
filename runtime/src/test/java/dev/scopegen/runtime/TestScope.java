package dev.scopegen.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A hand-written scope for tests: logs {@code "enter NAME"} and {@code "exit NAME <failure>"} and
 * lets a test decide what enter and exit return.
 */
final class TestScope implements AsyncScope<String> {

  final String name;
  final List<String> log;
  final AtomicInteger enters = new AtomicInteger();
  final AtomicInteger exits = new AtomicInteger();
  volatile Throwable exitSaw;
  private Supplier<CompletionStage<String>> onEnter;
  private BiFunction<String, Throwable, CompletionStage<Boolean>> onExit =
      (resource, failure) -> CompletableFuture.completedFuture(false);

  TestScope(String name, List<String> log) {
    this.name = name;
    this.log = log;
    this.onEnter = () -> CompletableFuture.completedFuture(name);
  }

  TestScope enterWith(Supplier<CompletionStage<String>> onEnter) {
    this.onEnter = onEnter;
    return this;
  }

  TestScope exitWith(BiFunction<String, Throwable, CompletionStage<Boolean>> onExit) {
    this.onExit = onExit;
    return this;
  }

  @Override
  public CompletionStage<String> enter() {
    enters.incrementAndGet();
    log.add("enter " + name);
    return onEnter.get();
  }

  @Override
  public CompletionStage<Boolean> exit(String resource, Throwable failure) {
    exits.incrementAndGet();
    exitSaw = failure;
    log.add("exit " + resource + " " + describe(failure));
    return onExit.apply(resource, failure);
  }

  static String describe(Throwable failure) {
    return failure == null ? "null" : failure.getClass().getSimpleName() + ":" + failure.getMessage();
  }
}
