package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class NameClash {
  @Enter String open() { return "resource"; }
  @Exit void close() {}
}

class NameClashScope {}
