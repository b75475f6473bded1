package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import other.Base;

class ProtectedElsewhere extends Base {
  @Enter Token open() { return new Token(); }
  @Exit void close() {}
}
