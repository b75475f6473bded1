package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorLifecycle {
  @ScopedResource
  @Enter
  void open(Yield<String> y) {
    y.yield("open");
  }

  @Exit
  void close() {}
}
