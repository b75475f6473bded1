package dev.scopegen.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopegen.runtime.AsyncSemaphore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Every Java snippet of the README compiles as written: the code lives in this package (the
 * compiler checks it, with the {@code throws} clauses the README promises), and this test checks
 * that each README snippet is still held here, line for line. A README snippet that changes fails
 * the test until it is pasted here too.
 */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class ReadmeSnippetsTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path HOLDERS = Path.of("src/test/java/dev/scopegen/examples/readme");

  /**
   * Snippets that are not held here, by their first lines: a listing of generated signatures (not
   * code), and the module descriptor, which {@code .ci/named-module.sh} compiles in a named module.
   */
  private static final Set<String> NOT_HELD =
      Set.of(
          "public final class DatabaseScope implements AsyncScope<Connection> {",
          "module com.example.app {");

  private static List<List<String>> readmeSnippets() throws IOException {
    String readme = Files.readString(README);
    Matcher block = Pattern.compile("(?ms)^```java\\n(.*?)^```").matcher(readme);
    List<List<String>> snippets = new ArrayList<>();
    while (block.find()) {
      snippets.add(
          block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList()));
    }
    return snippets;
  }

  private static Set<String> heldLines() throws IOException {
    try (Stream<Path> files = Files.walk(HOLDERS)) {
      List<Path> sources =
          files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
      Set<String> lines = new java.util.HashSet<>();
      for (Path source : sources) {
        Files.readString(source).lines().map(String::strip).forEach(lines::add);
      }
      return lines;
    }
  }

  @Test
  void everyJavaSnippetOfTheReadmeIsHeldHere() throws IOException {
    List<List<String>> snippets = readmeSnippets();
    assertTrue(snippets.size() >= 9, "found only " + snippets.size() + " snippets in " + README);
    Set<String> held = heldLines();
    List<String> missing = new ArrayList<>();
    for (List<String> snippet : snippets) {
      if (NOT_HELD.contains(snippet.get(0))) {
        continue;
      }
      for (String line : snippet) {
        if (!held.contains(line)) {
          missing.add(line);
        }
      }
    }
    assertEquals(
        List.of(),
        missing,
        "README lines not held in " + HOLDERS + ": paste the snippet there so that it is compiled");
  }

  @Test
  void theTransactionSnippetCommitsThroughTheGeneratedScope() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:readme;DB_CLOSE_DELAY=-1");
    try (Connection setup = dataSource.getConnection()) {
      setup.createStatement().execute("CREATE TABLE accounts (id INT)");
      new ReadmeSnippets().transaction(new Transaction(dataSource));
      ResultSet rows = setup.createStatement().executeQuery("SELECT COUNT(*) FROM accounts");
      rows.next();
      assertEquals(1, rows.getInt(1));
      setup.createStatement().execute("DROP TABLE accounts");
    }
  }

  @Test
  void theToolboxSnippetsRun() throws Exception {
    ReadmeSnippets snippets = new ReadmeSnippets();
    snippets.exitStack();
    assertEquals(List.of("open a", "open b"), snippets.log);
    assertFalse(snippets.keep == null, "popAll kept the registrations");
    snippets.keep.close();
    assertEquals(1, snippets.pool.released);

    snippets.asyncLocks();
    assertEquals(1, snippets.counter.value);
    assertEquals("fetched", snippets.log.get(2));
    snippets.blockingLocks();
    assertEquals(2, snippets.counter.value);

    AsyncSemaphore lock = new AsyncSemaphore(1);
    assertEquals(12, (int) snippets.with(lock).join());
    assertEquals(22, snippets.counter.value);
    assertEquals(1, lock.availablePermits());
  }
}
