package dev.scopegen.examples.property;

import org.junit.jupiter.api.Test;

/**
 * Random fault plans through nested {@code @ScopedResource} generator scopes (blocking and
 * asynchronous), entered with {@code call}, {@code run} and {@code use}, held to the reference
 * {@link Model}: Python's generator context manager rules. See {@link PropertyRun}.
 */
class GeneratorPropertyTest {

  @Test
  void nestedGeneratorScopesFollowTheModel() throws Exception {
    PropertyRun.check(GeneratorPropertyTest.class, new NestedScopes(ScopeSpec.GENERATORS));
  }
}
