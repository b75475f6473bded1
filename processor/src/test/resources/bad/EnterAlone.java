package test;

import dev.scopegen.Enter;

class EnterAlone {
  @Enter String open() { return "resource"; }
}
