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
  void aPlaceholderCountsAsWideAsItsTypesSimpleNames() {
    ClassName nested = ClassName.get("some.very.long.pkg", "Outer", "Inner");
    // "Outer.Inner" is 11 wide: 78 + 1 + 11 = 90 fits, the package does not count.
    String format = "y".repeat(78) + " $T z";

    assertThat(WriterSupport.wrap(format, nested).toString())
        .isEqualTo("y".repeat(78) + " some.very.long.pkg.Outer.Inner\nz\n");
  }
}
