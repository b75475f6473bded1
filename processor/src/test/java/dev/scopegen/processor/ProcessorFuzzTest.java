package dev.scopegen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.management.OperatingSystemMXBean;
import dev.scopegen.processor.FuzzCases.Case;
import dev.scopegen.processor.ProcessorTesting.ProcessorOfEverything;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the processor with random annotated sources ({@link FuzzCases}), valid and invalid, and
 * checks what it promises: it never crashes; valid sources give scopes that compile without a
 * warning under {@code -Xlint:all,-processing}; each misuse gives exactly one error, with the
 * message of its rule, on the line of the offending element.
 *
 * <p>System properties: {@code scopegen.fuzz.seed} (default {@value #DEFAULT_SEED}, so that every
 * build tries the same cases; {@code random} for a new seed, printed), {@code
 * scopegen.fuzz.cases} (default 600), {@code scopegen.fuzz.case} (run only that case of the seed,
 * to replay a failure). Cases are compiled in batches, each case in its own package; a batch in
 * which anything went wrong is compiled again one case at a time, so that every verdict belongs to
 * one case.
 */
class ProcessorFuzzTest {

  private static final String SEED_PROPERTY = "scopegen.fuzz.seed";
  private static final String CASES_PROPERTY = "scopegen.fuzz.cases";
  private static final String CASE_PROPERTY = "scopegen.fuzz.case";
  private static final int DEFAULT_CASES = 600;
  private static final long DEFAULT_SEED = 20261130L;
  private static final int BATCH = 100;

  /** How many failing cases are printed in full. */
  private static final int PRINTED_FAILURES = Integer.getInteger("scopegen.fuzz.print", 5);

  private static final List<String> OPTIONS =
      List.of(
          "-Xlint:all,-processing",
          "-Xmaxerrs",
          "100000",
          "-Xmaxwarns",
          "100000",
          // Every error and warning is known once javac has analysed the code: no class files.
          "-XDshould-stop.ifNoError=FLOW");

  private static final Pattern CASE_PATH = Pattern.compile("(?:^|/)fuzz/c(\\d+)/");

  /** A case's verdict: how it is classified, whether that is what was expected, and why. */
  private record Verdict(String classification, boolean ok, String details) {}

  @Test
  void processorNeverCrashesAndReportsEveryMisuseOnceOnItsElement() {
    String seedText = System.getProperty(SEED_PROPERTY, Long.toString(DEFAULT_SEED));
    long seed =
        seedText.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(seedText);
    String only = System.getProperty(CASE_PROPERTY);
    int count = Integer.getInteger(CASES_PROPERTY, DEFAULT_CASES);
    List<Case> cases =
        only != null
            ? List.of(FuzzCases.generate(seed, Integer.parseInt(only)))
            : IntStream.range(0, count).mapToObj(i -> FuzzCases.generate(seed, i)).toList();
    System.out.printf(
        Locale.ROOT,
        "Processor fuzz: seed %d, %d cases (-D%s=%d%s)%n",
        seed,
        cases.size(),
        SEED_PROPERTY,
        seed,
        only == null ? "" : " -D" + CASE_PROPERTY + "=" + only);

    long start = System.nanoTime();
    OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long cpuStart = system.getProcessCpuTime();
    Map<Case, Verdict> verdicts = new LinkedHashMap<>();
    List<Case> valid = cases.stream().filter(Case::valid).toList();
    List<Case> invalid = cases.stream().filter(c -> !c.valid()).toList();
    for (List<Case> batch : batches(valid)) {
      verdicts.putAll(checkValid(batch));
    }
    for (List<Case> batch : batches(invalid)) {
      verdicts.putAll(checkInvalid(batch));
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    // The JVM's CPU time (javac, JIT, GC) says what the test costs where no one else runs.
    long cpuSeconds = (system.getProcessCpuTime() - cpuStart) / 1_000_000_000L;

    Map<String, Integer> counts = new TreeMap<>();
    verdicts.values().forEach(v -> counts.merge(v.classification(), 1, Integer::sum));
    Map<String, Integer> failuresByKind = new TreeMap<>();
    verdicts.forEach(
        (c, v) -> {
          if (!v.ok()) {
            failuresByKind.merge(c.kind() + " -> " + v.classification(), 1, Integer::sum);
          }
        });
    StringBuilder summary = new StringBuilder();
    summary.append(
        String.format(
            Locale.ROOT,
            "Processor fuzz, seed %d: %d cases in %d s (%d s of CPU)%n",
            seed,
            cases.size(),
            seconds,
            cpuSeconds));
    counts.forEach(
        (classification, n) ->
            summary.append(String.format(Locale.ROOT, "  %5d  %s%n", n, classification)));
    if (!failuresByKind.isEmpty()) {
      summary.append("Failures by kind of case:\n");
      failuresByKind.forEach(
          (kind, n) -> summary.append(String.format(Locale.ROOT, "  %5d  %s%n", n, kind)));
    }
    System.out.print(summary);

    List<Map.Entry<Case, Verdict>> failures =
        verdicts.entrySet().stream().filter(e -> !e.getValue().ok()).toList();
    failures.stream()
        .limit(PRINTED_FAILURES)
        .forEach(failure -> System.out.print(describe(seed, failure.getKey(), failure.getValue())));
    assertEquals(
        List.of(),
        failures.stream()
            .map(
                f ->
                    "case "
                        + f.getKey().index()
                        + " ("
                        + f.getKey().kind()
                        + "): "
                        + f.getValue().classification())
            .toList(),
        () -> summary + "\nReplay one case: " + replay(seed, failures.get(0).getKey()));
  }

  private static List<List<Case>> batches(List<Case> cases) {
    List<List<Case>> batches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i += BATCH) {
      batches.add(cases.subList(i, Math.min(cases.size(), i + BATCH)));
    }
    return batches;
  }

  // -----------------------------------------------------------------------------------------------
  // Valid cases: scopes generated, everything compiles, no warning anywhere.

  private static Map<Case, Verdict> checkValid(List<Case> batch) {
    Map<Case, Verdict> verdicts = new LinkedHashMap<>();
    Optional<Compilation> compilation = compile(batch, false);
    if (compilation.isEmpty()) {
      if (batch.size() == 1) {
        verdicts.put(batch.get(0), crash(batch.get(0)));
        return verdicts;
      }
      return bisect(batch);
    }
    Map<Integer, List<Diagnostic<? extends JavaFileObject>>> diagnostics =
        byCase(compilation.get(), batch.size() == 1 ? batch.get(0).index() : -1);
    boolean anyError =
        compilation.get().diagnostics().stream()
            .anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    if (batch.size() > 1 && (anyError || diagnostics.containsKey(-1))) {
      // An error anywhere stops javac before it compiles the generated code of the others.
      return bisect(batch);
    }
    Set<String> generated =
        compilation.get().status() == Compilation.Status.SUCCESS
            ? compilation.get().generatedSourceFiles().stream()
                .map(file -> file.toUri().getPath())
                .collect(Collectors.toSet())
            : Set.of();
    for (Case c : batch) {
      verdicts.put(c, validVerdict(c, diagnostics.getOrDefault(c.index(), List.of()), generated));
    }
    return verdicts;
  }

  /** Checks the two halves of {@code batch} apart, until each failure is alone. */
  private static Map<Case, Verdict> bisect(List<Case> batch) {
    Map<Case, Verdict> verdicts = new LinkedHashMap<>();
    verdicts.putAll(checkValid(batch.subList(0, batch.size() / 2)));
    verdicts.putAll(checkValid(batch.subList(batch.size() / 2, batch.size())));
    return verdicts;
  }

  private static Verdict validVerdict(
      Case c, List<Diagnostic<? extends JavaFileObject>> diagnostics, Set<String> generated) {
    String details =
        diagnostics.stream().map(ProcessorFuzzTest::format).collect(Collectors.joining());
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
      String message = diagnostic.getMessage(Locale.ROOT);
      if (message.contains("failed unexpectedly")) {
        return new Verdict("crash: internal error", false, details);
      }
    }
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
      boolean inGenerated = isGenerated(c, diagnostic);
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        if (inGenerated) {
          return new Verdict("valid: generated code does not compile", false, details);
        }
        Optional<Messages> rule = ruleOf(diagnostic.getMessage(Locale.ROOT));
        return new Verdict(
            rule.map(r -> "valid: rejected with " + r).orElse("valid: javac error in the source"),
            false,
            details);
      }
      if (diagnostic.getKind() == Diagnostic.Kind.WARNING
          || diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        return new Verdict(
            inGenerated
                ? "valid: warning in generated code"
                : "valid: warning in the annotated source",
            false,
            details);
      }
    }
    for (String name : c.generated()) {
      String path = "/" + name.replace('.', '/') + ".java";
      if (generated.stream().noneMatch(p -> p.endsWith(path))) {
        return new Verdict("valid: not generated", false, "missing " + name + "\n" + details);
      }
    }
    return new Verdict("valid, compiled clean", true, details);
  }

  // -----------------------------------------------------------------------------------------------
  // Invalid cases: exactly one error, the rule's, on the offending element's line.

  private static Map<Case, Verdict> checkInvalid(List<Case> batch) {
    Map<Case, Verdict> verdicts = new LinkedHashMap<>();
    Optional<Compilation> compilation = compile(batch, true);
    if (compilation.isEmpty()) {
      if (batch.size() == 1) {
        verdicts.put(batch.get(0), crash(batch.get(0)));
        return verdicts;
      }
      batch.forEach(c -> verdicts.putAll(checkInvalid(List.of(c))));
      return verdicts;
    }
    Map<Integer, List<Diagnostic<? extends JavaFileObject>>> diagnostics =
        byCase(compilation.get(), batch.size() == 1 ? batch.get(0).index() : -1);
    boolean unattributed = diagnostics.containsKey(-1);
    for (Case c : batch) {
      Verdict verdict = invalidVerdict(c, diagnostics.getOrDefault(c.index(), List.of()));
      if ((!verdict.ok() || unattributed) && batch.size() > 1) {
        // Judge it alone, away from what the other cases did to the compilation.
        verdict = checkInvalid(List.of(c)).get(c);
      }
      verdicts.put(c, verdict);
    }
    if (batch.size() > 1 && verdicts.values().stream().allMatch(Verdict::ok)) {
      // The misuses must be legal Java, so that every error is the processor's.
      Optional<Compilation> plain = compileWithoutProcessing(batch);
      Map<Integer, List<Diagnostic<? extends JavaFileObject>>> javacErrors =
          plain.map(p -> byCase(p, -1)).orElse(Map.of(-1, List.of()));
      for (Case c : batch) {
        List<Diagnostic<? extends JavaFileObject>> errors =
            javacErrors.getOrDefault(c.index(), List.of()).stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .filter(d -> !isMissingTypeError(c, d))
                .toList();
        if (!errors.isEmpty() || javacErrors.containsKey(-1)) {
          verdicts.put(
              c,
              new Verdict(
                  "fuzzer: the invalid source is not legal Java",
                  false,
                  errors.stream().map(ProcessorFuzzTest::format).collect(Collectors.joining())));
        }
      }
    }
    return verdicts;
  }

  private static Verdict invalidVerdict(
      Case c, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    String details =
        diagnostics.stream().map(ProcessorFuzzTest::format).collect(Collectors.joining());
    List<Diagnostic<? extends JavaFileObject>> errors =
        diagnostics.stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .filter(d -> !isMissingTypeError(c, d))
            .toList();
    if (errors.stream().anyMatch(d -> d.getMessage(Locale.ROOT).contains("failed unexpectedly"))) {
      return new Verdict("crash: internal error", false, details);
    }
    if (errors.isEmpty()) {
      return new Verdict("invalid: no error", false, details);
    }
    if (errors.size() > 1) {
      return new Verdict("invalid: " + errors.size() + " errors", false, details);
    }
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String message = error.getMessage(Locale.ROOT);
    if (!template(c.message()).matcher(message).matches()) {
      return new Verdict("invalid: the error of another rule", false, details);
    }
    if (!message.contains(c.name())) {
      return new Verdict(
          "invalid: the error does not name the element",
          false,
          "expected the name " + c.name() + "\n" + details);
    }
    if (isGenerated(c, error) || error.getLineNumber() != c.line()) {
      return new Verdict(
          "invalid: the error is not on the offending element",
          false,
          "expected line " + c.line() + "\n" + details);
    }
    return new Verdict("invalid, one error as expected", true, details);
  }

  /** The "cannot find symbol" errors of javac for a type that a MISSING_TYPE case names. */
  private static boolean isMissingTypeError(Case c, Diagnostic<? extends JavaFileObject> d) {
    return c.message() == Messages.MISSING_TYPE
        && !d.getMessage(Locale.ROOT).startsWith("ScopeGen")
        && d.getMessage(Locale.ROOT).contains("DoesNotExist" + c.index());
  }

  // -----------------------------------------------------------------------------------------------
  // Compiling.

  /** Compiles the cases with ScopeGen; empty when javac throws. */
  private static Optional<Compilation> compile(List<Case> batch, boolean otherProcessor) {
    Map<String, String> otherFiles = new TreeMap<>();
    batch.forEach(c -> otherFiles.putAll(c.otherProcessorWrites()));
    try {
      Compiler compiler =
          otherProcessor && !otherFiles.isEmpty()
              ? Compiler.javac().withProcessors(new WritesFirst(otherFiles), new ScopeProcessor())
              : Compiler.javac().withProcessors(new ScopeProcessor());
      return Optional.of(compiler.withOptions(OPTIONS).compile(sources(batch)));
    } catch (RuntimeException | Error e) {
      return Optional.empty();
    }
  }

  private static Optional<Compilation> compileWithoutProcessing(List<Case> batch) {
    try {
      return Optional.of(
          Compiler.javac()
              .withOptions("-proc:none", "-Xmaxerrs", "100000", "-XDshould-stop.ifNoError=FLOW")
              .compile(sources(batch)));
    } catch (RuntimeException | Error e) {
      return Optional.empty();
    }
  }

  private static List<JavaFileObject> sources(List<Case> batch) {
    return batch.stream()
        .map(c -> JavaFileObjects.forSourceString(c.qualifiedMainType(), c.source()))
        .toList();
  }

  private static Verdict crash(Case c) {
    try {
      // Only whether javac throws matters here, not the compilation.
      Compilation unused =
          Compiler.javac()
              .withProcessors(new ScopeProcessor())
              .withOptions(OPTIONS)
              .compile(sources(List.of(c)));
      return new Verdict("crash: javac threw, then not", false, "");
    } catch (RuntimeException | Error e) {
      return new Verdict(
          "crash: javac threw " + e.getClass().getSimpleName(), false, stackTrace(e));
    }
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter text = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }

  /** The diagnostics by case index; {@code -1} for those of no case. */
  private static Map<Integer, List<Diagnostic<? extends JavaFileObject>>> byCase(
      Compilation compilation, int onlyCase) {
    Map<Integer, List<Diagnostic<? extends JavaFileObject>>> byCase = new TreeMap<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.NOTE) {
        continue;
      }
      int index = caseOf(diagnostic);
      if (index < 0 && onlyCase >= 0) {
        index = onlyCase;
      }
      byCase.computeIfAbsent(index, i -> new ArrayList<>()).add(diagnostic);
    }
    return byCase;
  }

  private static int caseOf(Diagnostic<? extends JavaFileObject> diagnostic) {
    if (diagnostic.getSource() == null) {
      return -1;
    }
    Matcher matcher = CASE_PATH.matcher(diagnostic.getSource().toUri().getPath());
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  private static boolean isGenerated(Case c, Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getSource() == null
        || !("/" + diagnostic.getSource().toUri().getPath())
            .endsWith("/" + c.qualifiedMainType().replace('.', '/') + ".java");
  }

  /** The rule whose template {@code message} follows, if any. */
  private static Optional<Messages> ruleOf(String message) {
    return Arrays.stream(Messages.values())
        .filter(rule -> template(rule).matcher(message).matches())
        .findFirst();
  }

  private static Pattern template(Messages rule) {
    Object[] placeholders = new Object[8];
    Arrays.fill(placeholders, "\u0000");
    String text = rule.format(placeholders);
    StringBuilder regex = new StringBuilder();
    for (String part : text.split("\u0000", -1)) {
      if (regex.length() > 0) {
        regex.append(".*?");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  // -----------------------------------------------------------------------------------------------
  // Reporting.

  private static String describe(long seed, Case c, Verdict verdict) {
    return String.format(
        Locale.ROOT,
        "%n=== FAILED: case %d of seed %d: %s -> %s%n"
            + "Expected: %s%n"
            + "Diagnostics:%n%s"
            + "Source %s:%n%s"
            + "Replay: %s%n",
        c.index(),
        seed,
        c.kind(),
        verdict.classification(),
        c.valid()
            ? "compiles clean, generates " + c.generated()
            : "one error " + c.message() + " naming " + c.name() + " on line " + c.line(),
        verdict.details(),
        c.qualifiedMainType(),
        numbered(c.source()),
        replay(seed, c));
  }

  private static String numbered(String source) {
    String[] lines = source.split("\n", -1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.length - 1; i++) {
      text.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return text.toString();
  }

  private static String replay(long seed, Case c) {
    return "mvn -q -pl processor -am verify -Dtest=ProcessorFuzzTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -D"
        + SEED_PROPERTY
        + "="
        + seed
        + " -D"
        + CASE_PROPERTY
        + "="
        + c.index();
  }

  private static String format(Diagnostic<? extends JavaFileObject> diagnostic) {
    String message = diagnostic.getMessage(Locale.ROOT);
    if (message.length() > 1500) {
      message = message.substring(0, 1500) + "...";
    }
    return String.format(
        Locale.ROOT,
        "  %s %s:%d: %s%n",
        diagnostic.getKind(),
        diagnostic.getSource() == null ? "-" : diagnostic.getSource().toUri(),
        diagnostic.getLineNumber(),
        message);
  }

  /**
   * Writes some files in the first round, before ScopeGen writes files of the same names, as
   * another processor could; a file that exists already is skipped.
   */
  private static final class WritesFirst extends ProcessorOfEverything {
    private final Map<String, String> sources;
    private boolean written;

    WritesFirst(Map<String, String> sources) {
      this.sources = sources;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      sources.forEach(
          (name, text) -> {
            try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
              writer.write(text);
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          });
      return false;
    }
  }
}
