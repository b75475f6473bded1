package dev.scopegen.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeclaredTest {

  @Test
  void nothingDeclaresNoFailure() {
    assertFalse(Declared.NOTHING.test(new IOException()));
    assertFalse(Declared.NOTHING.test(new RuntimeException()));
    assertFalse(Declared.NOTHING.test(null));
  }

  @Test
  void declaresInstancesOfItsTypesAsInstanceofWould() {
    Declared declared = Declared.of(IOException.class, TimeoutException.class);
    assertTrue(declared.test(new IOException()));
    assertTrue(declared.test(new FileNotFoundException()));
    assertTrue(declared.test(new TimeoutException()));
    assertFalse(declared.test(new Exception()));
    assertFalse(declared.test(new IllegalStateException()));
    assertFalse(declared.test(null));
  }

  @Test
  void keepsItsOwnCopyOfTheTypes() {
    Class<?>[] types = {IOException.class};
    Declared declared = Declared.of(types);
    types[0] = IllegalStateException.class;
    assertTrue(declared.test(new IOException()));
    assertFalse(declared.test(new IllegalStateException()));
  }
}
