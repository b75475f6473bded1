package dev.scopegen.examples.property;

import org.junit.jupiter.api.Test;

/**
 * Random {@code ExitStack} programs (scopes of every kind, handlers and callbacks, synchronous and
 * asynchronous, {@code popAll} and {@code close}) used with {@code run}, {@code call}, {@code use}
 * and try-with-resources, held to the reference {@link Model}: Python's {@code AsyncExitStack} with
 * try-with-resources bookkeeping. See {@link PropertyRun}.
 */
class ExitStackPropertyTest {

  @Test
  void exitStackProgramsFollowTheModel() throws Exception {
    PropertyRun.check(ExitStackPropertyTest.class, new StackPrograms());
  }
}
