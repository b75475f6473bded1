package example.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Uses every kind of generated scope and checks what ran, in which order. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    List<String> log = new ArrayList<>();

    String entries = LedgerScope.of(new Ledger(log)).call(e -> e.append("a").toString());
    expect(log, entries, "a", "open", "commit a", "close");

    try {
      LedgerScope.of(new Ledger(log)).run(e -> {
        throw new IllegalStateException("boom");
      });
      throw new AssertionError("the failure did not propagate");
    } catch (IllegalStateException expected) {
      expect(log, expected.getMessage(), "boom", "open", "rollback boom", "close");
    }

    Integer suppressed =
        GateScope.of(new Gate(log))
            .<Integer>use(
                pass -> CompletableFuture.failedFuture(new IllegalArgumentException("no")))
            .join();
    expect(log, String.valueOf(suppressed), "null", "gate open", "gate close no");

    String session = SessionsScopes.session(log, "ada").call(s -> s);
    expect(log, session, "session of ada", "login ada", "logout ada");

    Integer answer =
        SessionsScopes.channel(log).use(n -> CompletableFuture.completedFuture(n + 1)).join();
    expect(log, String.valueOf(answer), "43", "connect", "disconnect");

    System.out.println("ok: class scopes (sync and async) and generators (blocking and async)");
  }

  private static void expect(List<String> log, String result, String expected, String... steps) {
    if (!result.equals(expected) || !log.equals(List.of(steps))) {
      throw new AssertionError(
          "expected " + expected + " after " + List.of(steps)
              + ", got " + result + " after " + log);
    }
    log.clear();
  }
}
