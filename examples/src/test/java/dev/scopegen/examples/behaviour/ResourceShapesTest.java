package dev.scopegen.examples.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Generic scopes, objects entered as themselves and primitive resources, at run time. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResourceShapesTest {

  // One per test: a static executor shut down after all tests would refuse work when the same
  // tests run again in one JVM (mutation testing does).
  private final ExecutorService poolThread =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "pool"));

  @AfterEach
  void stopPoolThread() {
    poolThread.shutdownNow();
  }

  @Test
  void genericScopeHandsTheTypedResource() throws Exception {
    Pool<StringBuilder> pool = new Pool<>(List.of(new StringBuilder("connection")), poolThread);
    PoolScope<StringBuilder> scope = PoolScope.of(pool);

    // The resource is a StringBuilder, no cast: the scope is PoolScope<StringBuilder>.
    String viaCall = scope.call(connection -> connection.append(" used").toString());
    String viaUse =
        scope
            .use(
                connection ->
                    CompletableFuture.supplyAsync(
                        () -> connection.append(" twice").toString(), poolThread))
            .get(5, TimeUnit.SECONDS);

    assertEquals("connection used", viaCall);
    assertEquals("connection used twice", viaUse);
    assertEquals(1, pool.idle());
  }

  @Test
  void voidEnterHandsTheObjectItself() {
    Gate gate = new Gate();

    Gate entered = GateScope.of(gate).call(resource -> resource);

    assertSame(gate, entered);
    assertEquals(1, gate.opened());
    assertEquals(List.of("open", "close"), gate.events);
  }

  @Test
  void primitiveResourceIsHandedBoxed() {
    Gate.Counter counter = new Gate.Counter();
    IllegalStateException failure = new IllegalStateException("boom");

    Integer first = Gate_CounterScope.of(counter).call(ticket -> ticket);
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Gate_CounterScope.of(counter)
                    .run(
                        ticket -> {
                          throw failure;
                        }));

    assertEquals(1, first);
    assertSame(failure, thrown);
    assertEquals(List.of("release 1", "release 2 after boom"), counter.events);
  }

  @Test
  void ofRejectsNullWithAMessageNamingTheScope() {
    NullPointerException thrown = assertThrows(NullPointerException.class, () -> GateScope.of(null));

    assertEquals("GateScope.of(target): target is null", thrown.getMessage());
  }
}
