package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class LocalClass {
  void method() {
    class Local {
      @Enter String open() { return "resource"; }
      @Exit void close() {}
    }
  }

  Object field = new Object() {
    @dev.scopegen.Enter String acquire() { return "resource"; }
  };
}

/** Only here so that javac runs ScopeGen: it sees no annotation inside method bodies. */
class Visible {
  @Enter String begin() { return "resource"; }
  @Exit void end() {}
}
