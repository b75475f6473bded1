package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.Rollback;
import java.io.IOException;

class NarrowFailureParameter {
  @Enter String open() { return "resource"; }
  @Rollback void rollback(RuntimeException failure) {}
  @Exit void close(String resource, IOException failure) {}
}
