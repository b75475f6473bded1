package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scopegen.runtime.AsyncScope;
import dev.scopegen.runtime.ExitStack;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scopes the processor generated for {@link BlockingFixtures} and {@link AsyncFixtures}: what
 * the generated code adds to the engines it delegates to. The generator contract itself, Python's
 * {@code @contextmanager} and {@code @asynccontextmanager} semantics for every kind of generator
 * entered every way, is said once, on the engines, in the runtime's {@code GeneratorContractTest}.
 */
@Timeout(30)
class GeneratorBehaviourTest {

  private final List<String> log = new CopyOnWriteArrayList<>();

  @Test
  void generatedFactoriesPassTheArgumentsAndTheMethodNameToTheEngine() throws Exception {
    String blocking =
        BlockingFixturesScopes.logging(log, "blocking").call(resource -> "body with " + resource);
    String async =
        AsyncFixturesScopes.logging(log, "async").call(resource -> "body with " + resource);
    IllegalStateException blockingSilent =
        assertThrows(
            IllegalStateException.class, () -> BlockingFixturesScopes.silent(log).run(r -> {}));
    IllegalStateException asyncSilent =
        assertThrows(
            IllegalStateException.class, () -> AsyncFixturesScopes.silent(log).run(r -> {}));

    assertEquals("body with blocking", blocking);
    assertEquals("body with async", async);
    assertEquals("@ScopedResource silent did not yield", blockingSilent.getMessage());
    assertEquals("@ScopedResource silent did not yield", asyncSilent.getMessage());
    assertEquals(
        List.of(
            "blocking setup",
            "blocking after body",
            "blocking finally",
            "async setup",
            "async after body",
            "async finally",
            "setup",
            "setup"),
        log);
  }

  @Test
  void blockingGeneratorRunsOnTheCallersThreadForCallAndOnItsOwnForEnter() throws Exception {
    AtomicReference<Thread> called = new AtomicReference<>();
    AtomicReference<Thread> entered = new AtomicReference<>();

    BlockingFixturesScopes.recordingThread(called).call(resource -> resource);
    AsyncScope<String> split = BlockingFixturesScopes.recordingThread(entered);
    String resource = split.enter().toCompletableFuture().get(10, TimeUnit.SECONDS);
    split.exit(resource, null).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertSame(Thread.currentThread(), called.get());
    assertNotSame(Thread.currentThread(), entered.get());
    assertTrue(entered.get().isDaemon());
  }

  @Test
  void generatedCallDeclaresTheMethodsCheckedExceptions() {
    IOException original = new IOException("body");
    try {
      BlockingFixturesScopes.translating()
          .run(
              resource -> {
                throw original;
              });
      fail("the translated failure did not propagate");
    } catch (TranslatedException translated) {
      assertSame(original, translated.getCause());
    } catch (IOException notTranslated) {
      fail(notTranslated);
    }
  }

  @Test
  void generatorScopesInAnExitStackExitInReverseOrder() throws Exception {
    IOException failure = new IOException("body");

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                new ExitStack()
                    .run(
                        stack -> {
                          stack.enter(BlockingFixturesScopes.logging(log, "blocking"));
                          stack.enter(AsyncFixturesScopes.logging(log, "async"));
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals(
        List.of(
            "blocking setup",
            "async setup",
            "async caught IOException",
            "async finally",
            "blocking caught IOException",
            "blocking finally"),
        log);
  }
}
