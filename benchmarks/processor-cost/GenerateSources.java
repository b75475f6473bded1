import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the sources that run.sh compiles: COUNT classes for ScopeGen and COUNT for AutoValue, each
 * of which makes the processor generate exactly one class. Deterministic: class i always has the
 * same shape, so every run compiles the same input.
 *
 * <p>ScopeGen, by i % 10: 0-2 a synchronous scope (@Enter/@Exit), 3-4 a transactional one
 * (@Enter/@Commit/@Rollback/@Exit), 5-6 an asynchronous one (CompletionStage @Enter/@Exit, with an
 * async @Commit in 6), 7 a blocking generator, 8 an async generator, 9 one of each. AutoValue: an
 * abstract value class with four properties, one of them generic. No source names a generated class,
 * so that both sets also compile without annotation processing (-proc:none).
 *
 * <p>Usage: java GenerateSources.java OUTPUT_DIR COUNT
 */
public final class GenerateSources {

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    for (int i = 0; i < count; i++) {
      String pkg = "bench.p" + (i / 100);
      write(out.resolve("scopegen"), pkg, "Res" + i, scopeGen(pkg, i));
      write(out.resolve("autovalue"), pkg, "Value" + i, autoValue(pkg, i));
    }
  }

  private static void write(Path root, String pkg, String name, String source) throws IOException {
    Path dir = root.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".java"), source);
  }

  private static String scopeGen(String pkg, int i) {
    String name = "Res" + i;
    StringBuilder s = new StringBuilder();
    s.append("package ").append(pkg).append(";\n\n");
    s.append("import dev.scopegen.*;\n");
    s.append("import dev.scopegen.runtime.AsyncYield;\n");
    s.append("import dev.scopegen.runtime.Yield;\n");
    s.append("import java.util.ArrayList;\n");
    s.append("import java.util.List;\n");
    s.append("import java.util.concurrent.CompletableFuture;\n");
    s.append("import java.util.concurrent.CompletionStage;\n\n");
    s.append("/** Resource ").append(i).append(". */\n");
    s.append("public final class ").append(name).append(" {\n");
    s.append("  private final List<String> log = new ArrayList<>();\n");
    s.append("  private int uses;\n\n");
    s.append("  public ").append(name).append("() {}\n\n");
    s.append("  public List<String> log() {\n    return log;\n  }\n\n");
    switch (i % 10) {
      case 0, 1, 2 -> {
        s.append("  @Enter\n  StringBuilder open() {\n    uses++;\n")
            .append("    log.add(\"open \" + uses);\n    return new StringBuilder(\"r").append(i)
            .append("\");\n  }\n\n");
        s.append("  @Exit\n  void close(StringBuilder value) {\n")
            .append("    log.add(\"close \" + value);\n  }\n");
      }
      case 3, 4 -> {
        s.append("  @Enter\n  StringBuilder begin() throws java.io.IOException {\n")
            .append("    if (uses++ < 0) {\n      throw new java.io.IOException(\"closed\");\n    }\n")
            .append("    return new StringBuilder();\n  }\n\n");
        s.append("  @Commit\n  void commit(StringBuilder tx) {\n    log.add(\"commit \" + tx);\n  }\n\n");
        s.append("  @Rollback\n  void rollback(StringBuilder tx, Throwable failure) {\n")
            .append("    log.add(\"rollback \" + failure.getMessage());\n  }\n\n");
        s.append("  @Exit\n  void end(StringBuilder tx) {\n    log.add(\"end\");\n  }\n");
      }
      case 5, 6 -> {
        s.append("  @Enter\n  CompletionStage<String> connect() {\n")
            .append("    log.add(\"connect\");\n")
            .append("    return CompletableFuture.completedFuture(\"c").append(i).append("\");\n  }\n\n");
        if (i % 10 == 6) {
          s.append("  @Commit\n  CompletionStage<Void> flush(String connection) {\n")
              .append("    log.add(\"flush \" + connection);\n")
              .append("    return CompletableFuture.completedFuture(null);\n  }\n\n");
        }
        s.append("  @Exit\n  CompletionStage<Void> disconnect(String connection) {\n")
            .append("    log.add(\"disconnect \" + connection);\n")
            .append("    return CompletableFuture.completedFuture(null);\n  }\n");
      }
      default -> {
        if (i % 10 != 8) {
          s.append("  @ScopedResource\n")
              .append("  public static void session(List<String> log, String user, Yield<String> y) {\n")
              .append("    log.add(\"login \" + user);\n")
              .append("    try {\n      y.yield(\"session of \" + user);\n    } finally {\n")
              .append("      log.add(\"logout \" + user);\n    }\n  }\n\n");
        }
        if (i % 10 != 7) {
          s.append("  @ScopedResource\n")
              .append("  public static CompletionStage<Void> channel(List<String> log, AsyncYield<Integer> y) {\n")
              .append("    log.add(\"connect\");\n")
              .append("    return y.yield(").append(i)
              .append(").whenComplete((ok, failure) -> log.add(\"disconnect\"));\n  }\n\n");
        }
        s.append("  static int helper(int x) {\n    return x * 31 + ").append(i).append(";\n  }\n");
      }
    }
    s.append("}\n");
    return s.toString();
  }

  private static String autoValue(String pkg, int i) {
    String name = "Value" + i;
    return "package " + pkg + ";\n\n"
        + "import com.google.auto.value.AutoValue;\n"
        + "import java.util.List;\n"
        + "import java.util.Optional;\n\n"
        + "/** Value " + i + ". */\n"
        + "@AutoValue\n"
        + "public abstract class " + name + " {\n"
        + "  public abstract String name();\n\n"
        + "  public abstract int count();\n\n"
        + "  public abstract List<String> tags();\n\n"
        + "  public abstract Optional<Long> limit();\n\n"
        + "  public boolean isEmpty() {\n    return count() == 0 && tags().isEmpty();\n  }\n\n"
        + "  static int helper(int x) {\n    return x * 31 + " + i + ";\n  }\n"
        + "}\n";
  }
}
