package test;

import dev.scopegen.Enter;
import dev.scopegen.Rollback;

class ReorderedParameters {
  @Enter String open() { return "resource"; }
  @Rollback void rollback(Throwable failure, String resource) {}
}
