package dev.scopegen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The toolbox's {@code call}/{@code run} declare only what each scope can throw. Most of the
 * checking is done by the compiler: every method here declares exactly the exceptions its scopes
 * are allowed to add, never {@code Exception}, so a wider {@code throws} clause fails the build.
 */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class TypedScopesTest {

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger counter = new AtomicInteger();

  private void lockAddsOnlyInterruptedException() throws InterruptedException {
    Scopes.lock(lock).run(held -> counter.incrementAndGet());
    counter.addAndGet(Scopes.lock(lock).call(held -> 1));
  }

  private void permitsAddOnlyInterruptedException() throws InterruptedException {
    Scopes.permit(new Semaphore(1)).run(held -> counter.incrementAndGet());
    Scopes.permit(new AsyncSemaphore(1)).run(held -> counter.incrementAndGet());
  }

  private int justAndSuppressAddNothing() {
    Scopes.suppress(IllegalStateException.class)
        .run(
            nothing -> {
              throw new IllegalStateException("suppressed");
            });
    return Scopes.just(41).call(value -> value + 1);
  }

  private String bodyExceptionsStillPropagate() throws FileNotFoundException {
    return Scopes.just("path")
        .call(
            path -> {
              if (path.isEmpty()) {
                throw new FileNotFoundException(path);
              }
              return path;
            });
  }

  private String timeoutAddsOnlyTimeoutException() throws TimeoutException {
    return Scopes.timeout(Duration.ofSeconds(5)).call(deadline -> "in time");
  }

  private int closingDeclaresWhatCloseDeclares() throws IOException {
    InputStream in = new ByteArrayInputStream(new byte[] {7});
    return Scopes.closing(in).call(InputStream::read); // Closeable: IOException
  }

  private String closingWithACloseThatThrowsNothing() {
    StringBuilder closed = new StringBuilder();
    Scopes.closing(closed, b -> b.append("closed")).run(b -> b.append("used, "));
    return closed.toString();
  }

  private void withCarriesEachScopesException() throws InterruptedException, TimeoutException {
    Scopes.with(Scopes.lock(lock), Scopes.timeout(Duration.ofSeconds(5)))
        .run((held, deadline) -> counter.incrementAndGet());
    Scopes.with(Scopes.just(1), Scopes.suppress(), Scopes.permit(new AsyncSemaphore(1)))
        .run((one, nothing, permit) -> counter.addAndGet(one));
    counter.addAndGet(
        Scopes.with(Scopes.just(1), Scopes.just(2), Scopes.just(3), Scopes.lock(lock))
            .call((a, b, c, held) -> a + b + c));
  }

  @Test
  void typedScopesRunAsBefore() throws Exception {
    lockAddsOnlyInterruptedException();
    permitsAddOnlyInterruptedException();
    assertEquals(42, justAndSuppressAddNothing());
    assertEquals("path", bodyExceptionsStillPropagate());
    assertEquals("in time", timeoutAddsOnlyTimeoutException());
    assertEquals(7, closingDeclaresWhatCloseDeclares());
    assertEquals("used, closed", closingWithACloseThatThrowsNothing());
    withCarriesEachScopesException();
    assertEquals(2 + 2 + 1 + 1 + 6, counter.get());
    assertFalse(lock.isLocked());
  }

  @Test
  void aTimeoutThatExpiresThrowsTheDeclaredTimeoutException() {
    TimeoutException timeout =
        assertThrows(
            TimeoutException.class,
            () -> Scopes.timeout(Duration.ZERO).run(deadline -> Thread.sleep(5_000)));
    assertTrue(timeout.getCause() instanceof InterruptedException);
  }

  @Test
  void closingWithACheckedCloseDeclaresAndThrowsIt() {
    IOException closeFailure = new IOException("close");
    Closeable failing =
        () -> {
          throw closeFailure;
        };
    assertSame(
        closeFailure, assertThrows(IOException.class, () -> Scopes.closing(failing).run(c -> {})));
    IllegalStateException body = new IllegalStateException("body");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Scopes.closing("resource", r -> failing.close())
                    .run(
                        r -> {
                          throw body;
                        }));
    assertSame(body, thrown);
    assertSame(closeFailure, thrown.getSuppressed()[0]);
  }

  @Test
  void anAutoCloseableStillDeclaresException() throws Exception {
    AutoCloseable plain = counter::incrementAndGet;
    TypedScope<AutoCloseable, Exception> scope = Scopes.closing(plain);
    scope.run(c -> {});
    assertEquals(1, counter.get());
  }

  /** A typed scope whose exit fails with whatever the test gives it. */
  private static TypedScope<String, IOException> exitingWith(Exception failure) {
    return new TypedScope<>() {
      @Override
      public CompletionStage<String> enter() {
        return CompletableFuture.completedFuture("resource");
      }

      @Override
      public CompletionStage<Boolean> exit(String resource, Throwable bodyFailure) {
        return CompletableFuture.failedFuture(failure);
      }

      @Override
      public boolean declares(Throwable checked) {
        return checked instanceof IOException;
      }
    };
  }

  @Test
  void aDeclaredCheckedExitFailureIsThrownAsItIsAnUndeclaredOneWrapped() {
    IOException declared = new FileNotFoundException("declared");
    assertSame(
        declared,
        assertThrows(IOException.class, () -> exitingWith(declared).run(r -> {})));
    Exception undeclared = new java.security.GeneralSecurityException("undeclared");
    CompletionException wrapped =
        assertThrows(CompletionException.class, () -> exitingWith(undeclared).call(r -> r));
    assertSame(undeclared, wrapped.getCause());
  }
}
