package dev.scopegen.examples.generators;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of resources whose leases are a generator: acquire, hand the resource to the body,
 * release it whatever happens, and keep the statistics a session manager would (how many leases are
 * active, the peak, how many ended in a failure). The processor turns {@link #lease} into {@code
 * PoolScopes.lease(pool)}.
 *
 * @param <R> the type of the pooled resources
 */
public final class Pool<R> {

  private final BlockingQueue<R> idle;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger leases = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  /**
   * Creates a pool of the given resources; it never holds more.
   *
   * @param resources the resources, at least one
   */
  public Pool(List<R> resources) {
    this.idle = new ArrayBlockingQueue<>(resources.size(), false, resources);
  }

  /**
   * Leases a resource for the body: waits for an idle one, and gives it back after the body,
   * counting the lease and, if the body failed, the failure, which propagates unchanged.
   *
   * @param y where the body runs
   * @throws InterruptedException if interrupted while waiting for a resource
   */
  @ScopedResource
  public void lease(Yield<R> y) throws InterruptedException {
    R resource = idle.take();
    peak.accumulateAndGet(active.incrementAndGet(), Math::max);
    leases.incrementAndGet();
    try {
      y.yield(resource);
    } catch (Throwable failure) {
      failures.incrementAndGet();
      throw failure;
    } finally {
      active.decrementAndGet();
      idle.add(resource);
    }
  }

  /**
   * Returns how many leases are running now.
   *
   * @return the number of resources handed out
   */
  public int active() {
    return active.get();
  }

  /**
   * Returns the most leases that ever ran at the same time.
   *
   * @return the peak of {@link #active}, at most the pool's size
   */
  public int peak() {
    return peak.get();
  }

  /**
   * Returns how many leases started.
   *
   * @return the number of leases so far
   */
  public int leases() {
    return leases.get();
  }

  /**
   * Returns how many leases ended with the body's failure.
   *
   * @return the number of failed leases so far
   */
  public int failures() {
    return failures.get();
  }

  /**
   * Returns how many resources are waiting to be leased.
   *
   * @return the number of idle resources
   */
  public int idle() {
    return idle.size();
  }
}
