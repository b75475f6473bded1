package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;
import java.util.List;

class GeneratorRawType {
  @SuppressWarnings("rawtypes")
  @ScopedResource
  static void open(List names, Yield<String> y) {
    y.yield(names.toString());
  }
}
