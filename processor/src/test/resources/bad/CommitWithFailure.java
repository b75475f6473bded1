package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;

class CommitWithFailure {
  @Enter String open() { return "resource"; }
  @Commit void commit(Throwable failure) {}
}
