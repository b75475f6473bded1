package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.List;
import java.util.concurrent.CompletionStage;

class RawTypes {
  static class RawStage {
    @SuppressWarnings("rawtypes")
    @Enter CompletionStage open() { return null; }
    @Exit void close() {}
  }

  static class RawResource {
    @SuppressWarnings("rawtypes")
    @Enter List open() { return null; }
    @Exit void close() {}
  }

  static class RawExit {
    @Enter String open() { return "resource"; }
    @SuppressWarnings("rawtypes")
    @Exit CompletionStage close() { return null; }
  }
}
