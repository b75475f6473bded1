package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.AsyncYield;
import dev.scopegen.runtime.Yield;
import java.util.concurrent.CompletionStage;

/** Unprotected cleanup, silenced on purpose: on a method, on a class, on an enclosing class. */
class Suppressed {

  static void commit() {}

  @SuppressWarnings("scopegen-unprotected-cleanup") // commits only when the body succeeds
  @ScopedResource
  static void onTheMethod(Yield<String> y) {
    y.yield("method");
    commit();
  }

  @SuppressWarnings({"unchecked", "scopegen-unprotected-cleanup"})
  static final class OnTheClass {
    @ScopedResource
    static CompletionStage<Void> async(AsyncYield<String> y) {
      return y.yield("class").thenRun(Suppressed::commit);
    }
  }

  @SuppressWarnings("scopegen-unprotected-cleanup")
  static final class Outer {
    static final class Inner {
      @ScopedResource
      static void nested(Yield<String> y) {
        y.yield("nested");
        commit();
      }
    }
  }

  static final class OtherKey {
    @SuppressWarnings("unused") // not the key: still warns
    @ScopedResource
    static void warns(Yield<String> y) {
      y.yield("other");
      commit();
    }
  }
}
