package dev.scopegen.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;

/** Validates classes with {@code @Enter}/{@code @Exit}/{@code @Commit}/{@code @Rollback} methods and writes their scopes. */
final class ResourceStep {

  private final ProcessingEnvironment env;

  ResourceStep(ProcessingEnvironment env) {
    this.env = env;
  }

  void process(RoundEnvironment round) {
    // Filled in by the resource-class work.
  }
}
