package dev.scopegen.examples.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.examples.Narrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pooled-resource generator: bounded, and every lease gives its resource back. */
@Timeout(30)
class PoolExampleTest {

  private final Pool<String> pool = new Pool<>(List.of("a", "b"));

  @Test
  void concurrentLeasesNeverExceedThePoolAndAllResourcesComeBack() throws Exception {
    PoolExample.leaseConcurrently(pool, 6);

    assertEquals(2, pool.peak());
    assertEquals(6, pool.leases());
    assertEquals(0, pool.active());
    assertEquals(2, pool.idle());
  }

  @Test
  void aFailingLeaseReturnsItsResourceAndCountsTheFailure() throws InterruptedException {
    IllegalStateException failure = new IllegalStateException("broken");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                PoolScopes.lease(pool)
                    .run(
                        resource -> {
                          assertEquals(1, pool.active());
                          throw failure;
                        }));

    assertSame(failure, thrown);
    assertEquals(1, pool.failures());
    assertEquals(0, pool.active());
    assertEquals(2, pool.idle());
  }

  @Test
  void anAsynchronousLeaseHoldsItsResourceUntilTheBodyIsDone() throws Exception {
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> leased = new CompletableFuture<>();

    CompletableFuture<String> result =
        PoolScopes.lease(pool)
            .use(
                resource -> {
                  leased.complete(resource);
                  return body;
                });
    String resource = leased.get(10, TimeUnit.SECONDS);
    assertEquals(1, pool.active());
    body.complete("done with " + resource);

    assertEquals("done with " + resource, result.get(10, TimeUnit.SECONDS));
    assertEquals(0, pool.active());
    assertEquals(2, pool.idle());
  }

  @Test
  void narratesTheStatistics() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    PoolExample.run(new Narrator(new PrintStream(out, true, StandardCharsets.UTF_8)));

    String story = out.toString(StandardCharsets.UTF_8);
    assertTrue(story.contains("6 workers shared 2 sessions; peak active: 2"), story);
    assertTrue(story.contains("leases: 8, failures: 1, active now: 0, idle: 2"), story);
  }
}
