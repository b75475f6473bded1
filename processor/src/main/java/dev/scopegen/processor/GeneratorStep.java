package dev.scopegen.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;

/** Validates {@code @ScopedResource} methods and writes the {@code <Enclosing>Scopes} classes. */
final class GeneratorStep {

  private final ProcessingEnvironment env;

  GeneratorStep(ProcessingEnvironment env) {
    this.env = env;
  }

  void process(RoundEnvironment round) {
    // Filled in by the generator work.
  }
}
