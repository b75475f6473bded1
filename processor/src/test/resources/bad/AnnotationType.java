package test;

import dev.scopegen.Enter;
import dev.scopegen.Exit;

@interface AnnotationType {
  @Enter String open();
  @Exit String close();
}
