package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.behaviour.Script.Handle;
import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import dev.scopegen.runtime.internal.SynchronousScope;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated scopes whose lifecycle methods are all synchronous implement {@code SynchronousScope},
 * so that {@code Scopes.all} and {@code ExitStack} enter and exit them without a stage. For every
 * outcome, that fast path ends exactly as the protocol path does: the same scopes, each hidden
 * behind a plain {@link AsyncScope} that forwards {@code enter} and {@code exit}, give the same
 * events, the same failure with the same suppressed failures, and the same result.
 *
 * <p>Each run nests the scripted scope inside a second generated scope that never fails and
 * records which failure its rollback and exit saw.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SynchronousFastPathTest {

  /** How a run's scopes are combined. */
  enum Combination {
    ALL_CALL,
    ALL_USE,
    EXIT_STACK
  }

  /** A generated synchronous scope over a resource that follows a script. */
  enum Resource {
    SYNC(script -> SyncResourceScope.of(new SyncResource(script))),
    SUPPRESSING(script -> SuppressingResourceScope.of(new SuppressingResource(script)));

    private final Function<Script, AsyncScope<Handle>> factory;

    Resource(Function<Script, AsyncScope<Handle>> factory) {
      this.factory = factory;
    }
  }

  /** What fails, with fresh failures for every run so that suppressed lists start empty. */
  enum Outcome {
    SUCCESS(script -> {}, () -> null),
    ENTER_FAILS(script -> script.fail("enter", new IOException("enter")), () -> null),
    BODY_FAILS(script -> {}, () -> new IllegalStateException("body")),
    CHECKED_BODY_FAILURE(script -> {}, () -> new SQLException("body")),
    BODY_ERROR(script -> {}, () -> new AssertionError("body")),
    COMMIT_FAILS(script -> script.fail("commit", new SQLException("commit")), () -> null),
    ROLLBACK_FAILS(
        script -> script.fail("rollback", new IllegalStateException("rollback")),
        () -> new IllegalStateException("body")),
    EXIT_FAILS_AFTER_SUCCESS(script -> script.fail("exit", new IOException("exit")), () -> null),
    EXIT_FAILS_AFTER_BODY_FAILURE(
        script -> script.fail("exit", new IOException("exit")),
        () -> new IllegalStateException("body")),
    EVERY_CLEANUP_FAILS_AFTER_COMMIT_FAILURE(
        script ->
            script
                .fail("commit", new SQLException("commit"))
                .fail("rollback", new IllegalStateException("rollback"))
                .fail("exit", new IOException("exit")),
        () -> null),
    EXIT_SUPPRESSES_BODY_FAILURE(Script::suppress, () -> new IllegalStateException("body")),
    EXIT_SUPPRESSES_COMMIT_FAILURE(
        script -> script.suppress().fail("commit", new SQLException("commit")), () -> null),
    EXIT_SUPPRESSES_BUT_FAILS(
        script -> script.suppress().fail("exit", new IOException("exit")),
        () -> new IllegalStateException("body")),
    NO_ROLLBACK_FOR(script -> {}, () -> new ForgivenException("forgiven")),
    NO_ROLLBACK_FOR_COMMIT_FAILS(
        script -> script.fail("commit", new SQLException("commit")),
        () -> new ForgivenException("forgiven")),
    NO_ROLLBACK_FOR_SUPPRESSED(Script::suppress, () -> new ForgivenException("forgiven"));

    private final Consumer<Script> setUp;
    private final Supplier<Throwable> bodyFailure;

    Outcome(Consumer<Script> setUp, Supplier<Throwable> bodyFailure) {
      this.setUp = setUp;
      this.bodyFailure = bodyFailure;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Combination combination : Combination.values()) {
      for (Resource resource : Resource.values()) {
        for (Outcome outcome : Outcome.values()) {
          cases.add(Arguments.of(combination, resource, outcome));
        }
      }
    }
    return cases.stream();
  }

  @Test
  void generatedSynchronousScopesTakeTheFastPath() {
    Script script = new Script();
    assertTrue(fast(Resource.SYNC.factory.apply(script)));
    assertTrue(fast(Resource.SUPPRESSING.factory.apply(script)));
    assertFalse(fast(AsyncResourceScope.of(new AsyncResource(script))));
    assertFalse(fast(MixedResourceScope.of(new MixedResource(script))));
    assertFalse(fast(hidden(Resource.SYNC.factory.apply(script))));
  }

  private static boolean fast(AsyncScope<?> scope) {
    return scope instanceof SynchronousScope;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void fastPathEndsAsTheProtocolPathDoes(
      Combination combination, Resource resource, Outcome outcome) {
    Run fast = run(combination, resource, outcome, false);
    Run slow = run(combination, resource, outcome, true);

    assertEquals(slow, fast);
    // The comparison is not vacuous: the scripted scope ran, and a failure shows its history.
    assertTrue(fast.events().contains("enter"), fast::toString);
  }

  /** What one run ended with, in comparable form. */
  record Run(String result, String failure, List<String> events, List<String> outerEvents) {}

  private static Run run(
      Combination combination, Resource resource, Outcome outcome, boolean hide) {
    Script script = new Script();
    Script outerScript = new Script();
    outcome.setUp.accept(script);
    AsyncScope<Handle> outer = SuppressingResourceScope.of(new SuppressingResource(outerScript));
    AsyncScope<Handle> inner = resource.factory.apply(script);
    if (hide) {
      outer = hidden(outer);
      inner = hidden(inner);
    }
    Throwable bodyFailure = outcome.bodyFailure.get();
    String result;
    String failure;
    try {
      result = run(combination, outer, inner, script, bodyFailure);
      failure = null;
    } catch (Throwable thrown) {
      result = null;
      failure = describe(thrown);
    }
    List<String> events = new ArrayList<>(script.events());
    events.add("released " + script.released().size());
    List<String> outerEvents = new ArrayList<>(outerScript.events());
    outerEvents.add("released " + outerScript.released().size());
    return new Run(result, failure, events, outerEvents);
  }

  private static String run(
      Combination combination,
      AsyncScope<Handle> outer,
      AsyncScope<Handle> inner,
      Script script,
      Throwable bodyFailure)
      throws Throwable {
    switch (combination) {
      case ALL_CALL:
        return Scopes.all(List.of(outer, inner))
            .call(handles -> body(handles.get(1), script, bodyFailure));
      case ALL_USE:
        CompletableFuture<String> future =
            Scopes.all(List.of(outer, inner))
                .use(
                    handles -> {
                      try {
                        return CompletableFuture.completedFuture(
                            body(handles.get(1), script, bodyFailure));
                      } catch (Throwable failure) {
                        return CompletableFuture.failedFuture(failure);
                      }
                    });
        try {
          return future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      case EXIT_STACK:
        return new ExitStack()
            .call(
                stack -> {
                  stack.enter(outer);
                  return body(stack.enter(inner), script, bodyFailure);
                });
    }
    throw new AssertionError(combination);
  }

  private static String body(Handle handle, Script script, Throwable failure) throws Throwable {
    script.events().add(handle == script.handle() ? "body" : "body with another resource");
    if (failure != null) {
      throw failure;
    }
    return "result";
  }

  /** A failure with its suppressed failures and cause, recursively. */
  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
    text.append(": ").append(failure.getMessage());
    for (Throwable suppressed : failure.getSuppressed()) {
      text.append(" [suppressed ").append(describe(suppressed)).append(']');
    }
    if (failure.getCause() != null && failure.getCause() != failure) {
      text.append(" [cause ").append(describe(failure.getCause())).append(']');
    }
    return text.toString();
  }

  /** {@code scope} as a plain {@link AsyncScope}, which the runtime enters and exits by stage. */
  private static <T> AsyncScope<T> hidden(AsyncScope<T> scope) {
    return new AsyncScope<T>() {
      @Override
      public CompletionStage<T> enter() {
        return scope.enter();
      }

      @Override
      public CompletionStage<Boolean> exit(T resource, Throwable failure) {
        return scope.exit(resource, failure);
      }
    };
  }
}
