package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import org.junit.jupiter.api.Test;

/** The Javadoc wrapping of generated code, at the edges of its width. */
class WriterSupportTest {

  /** Ninety characters: eight words of nine letters, each with its space, and one of ten. */
  private static final String FULL_LINE = "aaaaaaaaa ".repeat(8) + "aaaaaaaaaa";

  @Test
  void aLineOfExactlyTheWidthStaysWhole() {
    assertThat(FULL_LINE).hasLength(90);

    assertThat(WriterSupport.wrap(FULL_LINE + " b")).isEqualTo(FULL_LINE + "\nb\n");
  }

  @Test
  void aWordThatWouldPassTheWidthStartsTheNextLine() {
    String tooLong = FULL_LINE.substring(1);

    assertThat(WriterSupport.wrap(tooLong + " bb")).isEqualTo(tooLong + "\nbb\n");
  }

  @Test
  void inlineTagsAreNeverBroken() {
    String text = "x".repeat(80) + " {@code a b c d e}";

    assertThat(WriterSupport.wrap(text)).isEqualTo("x".repeat(80) + "\n{@code a b c d e}\n");
  }

  @Test
  void aWordLongerThanTheWidthStandsAloneWithoutAnEmptyLineBeforeIt() {
    String word = "w".repeat(95);

    assertThat(WriterSupport.wrap(word + " v")).isEqualTo(word + "\nv\n");
  }

  @Test
  void eachPlaceholderCountsAsWideAsItsOwnTypesSimpleNames() {
    ClassName small = ClassName.get("p", "Short");
    ClassName nested = ClassName.get("some.very.long.pkg", "Outer", "Inner");
    // "Short" is 5 wide and "Outer.Inner" 11: 72 + 1 + 5 + 1 + 11 = 90 fits, the packages do not
    // count.
    String format = "y".repeat(72) + " $T $T z";

    assertThat(WriterSupport.wrap(format, small, nested).toString())
        .isEqualTo("y".repeat(72) + " p.Short some.very.long.pkg.Outer.Inner\nz\n");
  }
}
