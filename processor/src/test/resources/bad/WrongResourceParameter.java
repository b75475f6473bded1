package test;

import dev.scopegen.Commit;
import dev.scopegen.Enter;
import dev.scopegen.Exit;
import java.nio.file.Path;

class WrongResourceParameter {
  @Enter CharSequence open() { return "resource"; }
  @Commit void commit(String text) {}
  @Exit void close(Path path, Throwable failure) {}
}
