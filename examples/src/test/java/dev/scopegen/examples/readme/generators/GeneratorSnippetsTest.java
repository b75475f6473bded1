package dev.scopegen.examples.readme.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/** The README's generator snippets run as the README says. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class GeneratorSnippetsTest {

  @Test
  void theSessionRunsEveryCleanupStepInOrder() {
    Remote remote = new Remote();
    assertEquals(
        "done",
        SessionsScopes.session(remote, "ann")
            .use(s -> CompletableFuture.completedFuture("done"))
            .join());
    assertEquals(List.of("open ann", "flush", "close", "release"), remote.log);
  }

  @Test
  void theWriterWritesAndCloses(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("out.txt");
    GeneratorSnippets.writer(file, "hello");
    for (int i = 0; i < 1_000 && Files.size(file) < 5; i++) {
      Thread.sleep(10); // the snippet does not return its future
    }
    assertEquals("hello", Files.readString(file, StandardCharsets.UTF_8));
  }
}
