package dev.scopegen.examples.property;

import org.junit.jupiter.api.Test;

/**
 * Random fault plans through nested scopes generated for resource classes (synchronous,
 * asynchronous and mixed), entered with {@code call}, {@code run} and {@code use}, held to the
 * reference {@link Model}. See {@link PropertyRun} for the seed, the count and replaying.
 */
class ClassScopePropertyTest {

  @Test
  void nestedResourceScopesFollowTheModel() throws Exception {
    PropertyRun.check(ClassScopePropertyTest.class, new NestedScopes(ScopeSpec.RESOURCES));
  }
}
