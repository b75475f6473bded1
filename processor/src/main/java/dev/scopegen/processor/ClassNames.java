package dev.scopegen.processor;

import com.palantir.javapoet.ClassName;

/** The names of the types that generated code refers to, in one place. */
final class ClassNames {

  private static final String RUNTIME = "dev.scopegen.runtime";
  private static final String INTERNAL = "dev.scopegen.runtime.internal";

  static final ClassName ASYNC_SCOPE = ClassName.get(RUNTIME, "AsyncScope");
  static final ClassName SCOPE_FUNCTION = ClassName.get(RUNTIME, "ScopeFunction");
  static final ClassName SCOPE_CONSUMER = ClassName.get(RUNTIME, "ScopeConsumer");
  static final ClassName FAILURES = ClassName.get(RUNTIME, "Failures");
  static final ClassName YIELD = ClassName.get(RUNTIME, "Yield");
  static final ClassName ASYNC_YIELD = ClassName.get(RUNTIME, "AsyncYield");

  static final ClassName STAGES = ClassName.get(INTERNAL, "Stages");
  static final ClassName BLOCKING = ClassName.get(INTERNAL, "Blocking");
  static final ClassName SCOPE_EVENTS = ClassName.get(INTERNAL, "ScopeEvents");
  static final ClassName SYNCHRONOUS_SCOPE = ClassName.get(INTERNAL, "SynchronousScope");
  static final ClassName HOOKED_SCOPE = ClassName.get(INTERNAL, "HookedScope");
  static final ClassName SYNCHRONOUS_EXIT = ClassName.get(INTERNAL, "SynchronousExit");
  static final ClassName DECLARED = ClassName.get(INTERNAL, "Declared");
  static final ClassName BLOCKING_GENERATOR = ClassName.get(INTERNAL, "BlockingGenerator");
  static final ClassName ASYNC_GENERATOR = ClassName.get(INTERNAL, "AsyncGenerator");

  static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** The value of {@code @Generated} on every generated type. */
  static final String PROCESSOR = "dev.scopegen.processor.ScopeProcessor";

  private ClassNames() {}
}
