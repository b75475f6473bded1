package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fresh names of generated variables: the first free numbered name, never a keyword. */
class ScopeNamesFreshTest {

  @Test
  void numbersCountUpPastEveryTakenName() {
    Set<String> taken = new HashSet<>(List.of("target", "target2"));

    assertThat(ScopeNames.fresh("target", taken)).isEqualTo("target3");
    assertThat(ScopeNames.fresh("target", taken)).isEqualTo("target4");
    assertThat(taken).containsExactly("target", "target2", "target3", "target4");
  }

  @Test
  void aFreeNameIsKeptAndAKeywordIsNumbered() {
    Set<String> taken = new HashSet<>();

    assertThat(ScopeNames.fresh("value", taken)).isEqualTo("value");
    assertThat(ScopeNames.fresh("class", taken)).isEqualTo("class2");
  }
}
