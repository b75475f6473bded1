package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import java.util.ArrayList;
import java.util.List;

/** Only a commit: nothing to clean up after a failure, so the blocking code has no try. */
class Batch {
  private final List<String> pending = new ArrayList<>();

  @Enter
  List<String> begin() {
    return pending;
  }

  @Commit
  void flush(List<String> rows) {
    rows.clear();
  }
}
