package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletionStage;

class WildcardResource {
  @Enter CompletionStage<? extends CharSequence> open() { return null; }
  @Exit void close() {}
}
