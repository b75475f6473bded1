package dev.scopegen.examples.toolbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A text file open for writing that records, by name, when it is closed. */
final class NamedWriter implements AutoCloseable {

  private final String name;
  private final BufferedWriter writer;
  private final List<String> closed;

  private NamedWriter(String name, BufferedWriter writer, List<String> closed) {
    this.name = name;
    this.writer = writer;
    this.closed = closed;
  }

  /**
   * Opens {@code dir/name} for writing.
   *
   * @param dir the folder
   * @param name the file's name
   * @param closed where {@link #close} records the name
   * @return the open writer
   * @throws IOException if the file cannot be opened, naming it
   */
  static NamedWriter open(Path dir, String name, List<String> closed) throws IOException {
    try {
      return new NamedWriter(name, Files.newBufferedWriter(dir.resolve(name)), closed);
    } catch (IOException e) {
      throw new IOException("cannot open " + name, e);
    }
  }

  /** The file's name. */
  String name() {
    return name;
  }

  /** Writes one line. */
  void writeLine(String line) throws IOException {
    writer.write(line);
    writer.newLine();
  }

  @Override
  public void close() throws IOException {
    writer.close();
    closed.add(name);
  }
}
