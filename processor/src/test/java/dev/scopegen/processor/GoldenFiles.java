package dev.scopegen.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/**
 * Compares generated sources with the golden files in {@code expected/}.
 *
 * <p>To update the expected files after a deliberate change of the generated code, run the tests
 * with the environment variable {@code GOLDEN_FILE_ROOT} set to the absolute path of {@code
 * processor/src/test/resources}: the tests then write the files instead of comparing them.
 */
final class GoldenFiles {

  private static final String GOLDEN_FILE_ROOT = System.getenv("GOLDEN_FILE_ROOT");

  private GoldenFiles() {}

  /**
   * Checks that {@code compilation} generated {@code test.<name>} exactly as {@code
   * expected/<name>.java}, or writes that file when regenerating.
   *
   * @param compilation a successful compilation
   * @param name the simple name of a generated class in package {@code test}
   * @throws IOException if a file cannot be read or written
   */
  static void assertGeneratedAsExpected(Compilation compilation, String name) throws IOException {
    JavaFileObject generated = compilation.generatedSourceFile("test." + name).orElseThrow();
    String expectedPath = "expected/" + name + ".java";
    if (isRegenerating()) {
      Files.writeString(
          Path.of(GOLDEN_FILE_ROOT, expectedPath),
          generated.getCharContent(true),
          StandardCharsets.UTF_8);
      return;
    }
    JavaFileObject expected = JavaFileObjects.forResource(expectedPath);
    assertThat(compilation).generatedSourceFile("test." + name).hasSourceEquivalentTo(expected);
    // Same text too: the output is deterministic, Javadoc and formatting included.
    assertThat(generated.getCharContent(true).toString())
        .isEqualTo(expected.getCharContent(true).toString());
  }

  private static boolean isRegenerating() {
    return GOLDEN_FILE_ROOT != null
        && !GOLDEN_FILE_ROOT.isBlank()
        && !GOLDEN_FILE_ROOT.startsWith("${");
  }
}
