package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class EnterWithParameters {
  @Enter String open(String url, int timeout) { return url; }
  @Exit void close() {}
}
