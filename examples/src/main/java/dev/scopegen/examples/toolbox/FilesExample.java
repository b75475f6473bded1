package dev.scopegen.examples.toolbox;

import dev.scopegen.examples.Narrator;
import dev.scopegen.runtime.ExitStack;
import dev.scopegen.runtime.Scopes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * "N files": a number of files known only at run time, each entered in one {@link ExitStack} with
 * {@link Scopes#closing}, the Java form of Python's
 *
 * <pre>
 * async with AsyncExitStack() as stack:
 *     files = [stack.enter_context(open(name, "w")) for name in names]
 * </pre>
 *
 * Every file is closed when the stack exits, newest first; when one cannot be opened, the ones
 * already open are closed and the failure propagates.
 */
public final class FilesExample {

  private FilesExample() {}

  /**
   * Runs the example in a temporary folder, which it deletes afterwards, and tells what happened.
   *
   * @param n the narrator
   * @throws Exception if the temporary folder cannot be used
   */
  public static void run(Narrator n) throws Exception {
    n.chapter("ExitStack: N files, all closed, newest first");
    Path dir = Files.createTempDirectory("scopegen-files");
    try {
      List<String> closed = new ArrayList<>();
      writeAll(dir, List.of("a.txt", "b.txt", "c.txt", "d.txt"), closed, n);
      n.say("closed, newest first: " + String.join(", ", closed));

      Files.createDirectory(dir.resolve("taken.txt"));
      closed.clear();
      try {
        writeAll(dir, List.of("e.txt", "f.txt", "taken.txt", "g.txt"), closed, n);
      } catch (IOException failure) {
        n.propagated(failure);
      }
      n.say("closed anyway: " + String.join(", ", closed));
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Opens a file for each name inside one exit stack, writes a line to each, and lets the stack
   * close them all.
   *
   * @param dir the folder for the files
   * @param names the files' names, in the order to open them
   * @param closed receives the names in the order the files were closed
   * @param n the narrator
   * @throws Exception the failure of opening or writing a file, after every open file was closed
   */
  static void writeAll(Path dir, List<String> names, List<String> closed, Narrator n)
      throws Exception {
    new ExitStack()
        .run(
            stack -> {
              List<NamedWriter> writers = new ArrayList<>();
              for (String name : names) {
                writers.add(stack.enter(Scopes.closing(NamedWriter.open(dir, name, closed))));
                n.say("opened " + name);
              }
              for (NamedWriter writer : writers) {
                writer.writeLine("one of " + writers.size() + " files: " + writer.name());
              }
              n.say("wrote " + writers.size() + " files; the stack closes them now");
            });
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
