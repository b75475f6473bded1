package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class ExitReturns {
  @Enter String open() { return "resource"; }
  @Exit Boolean close() { return true; }
}
