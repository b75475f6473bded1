package test;

import dev.scopegen.ScopedResource;
import dev.scopegen.runtime.Yield;

class GeneratorTypeVariable<T> {
  @ScopedResource
  <T> void open(T value, Yield<T> y) {
    y.yield(value);
  }
}
