package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

class PrivateClassAsResource {
  /** The resource is the private class itself: one error, on the class, not a second one. */
  private static class Hidden {
    @Enter void open() {}
    @Exit void close(Hidden resource) {}
  }
}
