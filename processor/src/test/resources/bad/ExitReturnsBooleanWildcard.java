package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.util.concurrent.CompletionStage;

class ExitReturnsBooleanWildcard {
  @Enter String open() { return "resource"; }
  @Exit CompletionStage<? extends Boolean> close() { return null; }
}
