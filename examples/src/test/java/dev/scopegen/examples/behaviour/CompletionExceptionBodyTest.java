package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.behaviour.Path.Outcome;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A body failure that is itself a {@link CompletionException}, exactly what {@code join()} throws,
 * propagates as that same object from the generated scopes' {@code call} and {@code run}: the
 * inline code of synchronous resources and the blocking methods of asynchronous ones alike.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CompletionExceptionBodyTest {

  private final ExecutorService completer = Executors.newSingleThreadExecutor();
  private final Script script = new Script();

  @AfterEach
  void stopCompleter() throws InterruptedException {
    completer.shutdownNow();
    assertTrue(completer.awaitTermination(5, TimeUnit.SECONDS));
  }

  static List<Path> blockingPaths() {
    return List.of(Path.values()).stream().filter(Path::blocks).toList();
  }

  @ParameterizedTest
  @MethodSource("blockingPaths")
  void aCompletionExceptionBodyFailurePropagatesAsTheSameObject(Path path) {
    CompletionException bodyFailure =
        new CompletionException("body", new IllegalStateException("cause"));

    Outcome outcome =
        path.run(
            script,
            completer,
            handle -> {
              script.run("body");
              throw bodyFailure;
            });

    assertSame(bodyFailure, outcome.failure());
    assertEquals(0, bodyFailure.getSuppressed().length);
    assertEquals(List.of("enter", "body", "rollback <- body", "exit <- body"), script.events());
  }
}
