package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class ExtraParameters {
  @Enter String open() { return "resource"; }
  @Exit void close(String resource, Throwable failure, boolean force) {}
}
