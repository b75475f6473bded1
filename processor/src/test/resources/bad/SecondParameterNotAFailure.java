package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class SecondParameterNotAFailure {
  @Enter String open() { return "resource"; }
  @Exit void close(String resource, String reason) {}
}
