package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class Missing {
  @Enter DoesNotExist open() { return null; }
  @Exit void close() {}
}
