package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class SeveralErrors {
  @Enter private String open() { return "resource"; }
  @Exit int close(String resource) { return 0; }
}

class Clean {
  @Enter String open() { return "resource"; }
  @Exit void close() {}
}
