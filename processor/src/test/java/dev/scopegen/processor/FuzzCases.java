package dev.scopegen.processor;

import dev.scopegen.processor.FuzzSource.Method;
import dev.scopegen.processor.FuzzSource.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import javax.lang.model.SourceVersion;

/**
 * Writes random annotated sources for the processor fuzz test, valid and invalid, each with what
 * the processor must do with it.
 *
 * <p>A case is one file in its own package {@code fuzz.c<index>}, so that cases compiled together
 * never clash. A valid case holds class scopes and generator methods in every accepted shape; an
 * invalid one is a valid case with exactly one misuse, and knows the rule it breaks and the line of
 * the offending element. Names mix {@code $}, Unicode, very long names and names that generated
 * code uses itself; types mix primitives, arrays, wildcards, type variables with bounds and checked
 * exceptions up to {@code Throwable}; enclosing types are classes, nested, inner, local and
 * anonymous classes, interfaces, enums, records and annotation types.
 *
 * <p>Each case comes from its own {@link Random}, seeded by the run's seed and the case's index, so
 * that one case can be replayed alone.
 */
final class FuzzCases {

  /** What the processor must do with a case. */
  record Case(
      int index,
      String packageName,
      String mainType,
      String source,
      String kind,
      Messages message,
      String name,
      int line,
      List<String> generated,
      Map<String, String> otherProcessorWrites) {

    boolean valid() {
      return message == null;
    }

    String qualifiedMainType() {
      return packageName + "." + mainType;
    }
  }

  private static final String[] METHOD_NAMES = {
    "open", "close", "commit", "rollback", "acquire", "release", "lease", "begin", "end", "session"
  };
  private static final String[] DOLLAR_NAMES = {
    "open$", "$open", "a$b", "$", "$$", "_$", "close$1", "$$lambda$0", "get$Companion"
  };
  private static final String[] UNICODE_NAMES = {
    "öffnen",
    "schließen",
    "打开",
    "закрыть",
    "naïve",
    "ωmega",
    "µs",
    "ĉirkaŭ",
    "ℓease",
    "ǅemal",
    "ıdle",
    "Ölçü"
  };
  private static final String[] CLASHING_NAMES = {
    "of",
    "enter",
    "exit",
    "call",
    "run",
    "use",
    "target",
    "body",
    "resource",
    "failure",
    "generator",
    "method",
    "yield",
    "record",
    "var",
    "sealed",
    "permits",
    "requireNonNull",
    "fuzz",
    "completedFuture",
    "y",
    "owner",
    "R",
    "X"
  };
  private static final String[] TYPE_NAMES = {
    "Database",
    "Pool",
    "Kotlinish$Companion",
    "$Proxy",
    "Outer$Inner",
    "Ωmega",
    "Ünïcödé",
    "数据库",
    "Ресурс",
    "Βάση",
    "R",
    "X",
    "T",
    "C",
    "E",
    "Scope",
    "Override",
    "Objects",
    "Boolean",
    "Throwable",
    "Object",
    "Void",
    "String",
    "Deprecated",
    "CompletionStage",
    "CompletableFuture",
    "AsyncScope",
    "ScopeFunction",
    "ScopeConsumer",
    "Generated",
    "Blocking",
    "Stages",
    "Integer",
    "Exception",
    "SuppressWarnings",
    "Function",
    "Consumer"
  };
  private static final String[] TYPE_VARIABLE_NAMES = {
    "T",
    "R",
    "X",
    "C",
    "E",
    "V",
    "Ω",
    "T$",
    "X1",
    "R2",
    "Throwable",
    "Objects",
    "Boolean",
    "Object",
    "Void",
    "Override",
    "Exception"
  };
  private static final String[][] PRIMITIVES = {
    {"int", "0", "java.lang.Integer"},
    {"long", "0L", "java.lang.Long"},
    {"boolean", "false", "java.lang.Boolean"},
    {"double", "0.0", "java.lang.Double"},
    {"char", "(char) 0", "java.lang.Character"},
    {"byte", "(byte) 0", "java.lang.Byte"},
    {"short", "(short) 0", "java.lang.Short"},
    {"float", "0f", "java.lang.Float"},
  };
  private static final String[] REFERENCES = {
    "java.lang.String",
    "java.lang.Object",
    "java.lang.CharSequence",
    "java.lang.Integer",
    "java.lang.Number",
    "int[]",
    "java.lang.String[][]",
    "java.util.List<java.lang.String>",
    "java.util.Map<java.lang.String, ? extends java.lang.Number>",
    "java.util.List<? super java.lang.Integer>",
    "java.util.Optional<?>",
    "java.nio.file.Path",
    "java.lang.Runnable",
    "java.util.List<int[]>",
    "java.util.function.Function<? super java.lang.String, ? extends java.lang.Number>",
    "java.lang.Iterable<? extends java.lang.CharSequence>",
  };
  private static final String[] BOUNDS = {
    "",
    " extends java.lang.Comparable<? super %s>",
    " extends java.lang.Number",
    " extends java.lang.Number & java.lang.Comparable<%s>",
    " extends java.lang.CharSequence",
    " extends java.util.List<? extends java.lang.Number>",
  };
  private static final String[] CHECKED = {
    "java.lang.Throwable",
    "java.lang.Exception",
    "java.io.IOException",
    "java.lang.InterruptedException",
    "java.sql.SQLException"
  };
  private static final String[] UNCHECKED = {
    "java.lang.RuntimeException", "java.lang.Error", "java.lang.IllegalStateException"
  };
  private static final String[] NO_ROLLBACK_FOR = {
    "java.lang.IllegalStateException.class", "java.io.UncheckedIOException.class",
    "java.io.IOException.class", "java.lang.Error.class"
  };

  private static final String THROWABLE = "java.lang.Throwable";
  private static final String STAGE = "java.util.concurrent.CompletionStage";
  private static final String FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String COMPLETED = FUTURE + ".completedFuture";

  /** The misuses of resource classes, each named after the message it must give. */
  private static final String[] RESOURCE_MISUSES = {
    "PRIVATE_METHOD", "STATIC_METHOD", "GENERIC_METHOD", "ENTER_PARAMETERS", "PARAMETERS",
    "RESOURCE_PARAMETER", "FAILURE_PARAMETER", "EXIT_RETURN", "STEP_RETURN", "RAW_TYPE",
    "WILDCARD_RESOURCE", "PRIVATE_CLASS", "INNER_CLASS", "LOCAL_CLASS", "ANNOTATION_TYPE",
    "INACCESSIBLE_TYPE", "NAME_CLASH", "WRITE_FAILED", "DUPLICATE_METHOD", "MISSING_ENTER",
    "MISSING_RELEASE", "MISSING_TYPE"
  };

  /** The misuses of generator methods, each named after the message it must give. */
  private static final String[] GENERATOR_MISUSES = {
    "GENERATOR_NO_YIELD",
    "GENERATOR_YIELDS",
    "GENERATOR_YIELD_NOT_LAST",
    "GENERATOR_RETURN",
    "PRIVATE_METHOD",
    "GENERATOR_UNUSED_YIELD",
    "GENERATOR_LIFECYCLE",
    "GENERATOR_INNER_CLASS",
    "GENERATOR_PRIVATE_CLASS",
    "GENERATOR_LOCAL_CLASS",
    "GENERATOR_TYPE_VARIABLE",
    "GENERATOR_RAW_TYPE",
    "GENERATOR_NAME_CLASH",
    "NAME_CLASH",
    "INACCESSIBLE_TYPE",
    "MISSING_TYPE",
    "WRITE_FAILED"
  };

  private final Random random;
  private final int index;
  private final String packageName;
  private final Set<String> typeNames = new HashSet<>();
  private final Set<String> memberNames = new HashSet<>();

  /** Type variables hide member types of the same name: the two sets never meet. */
  private final Set<String> typeVariableNames = new HashSet<>();

  private final Type main;
  private final List<String> generated = new ArrayList<>();
  private final List<String> uses = new ArrayList<>();
  private final List<Type> extraTopLevel = new ArrayList<>();
  private final Map<String, String> otherProcessorWrites = new TreeMap<>();

  /** Helper types nested in the main type, created on demand. */
  private String checkedHelper;

  private String uncheckedHelper;
  private String tokenHelper;
  private String boxHelper;

  // The expectation of an invalid case.
  private Messages message;
  private String expectedName;
  private IntSupplier expectedLine;
  private String kind;

  private FuzzCases(long seed, int index) {
    this.random = new Random(mix(seed, index));
    this.index = index;
    this.packageName = "fuzz.c" + index;
    String mainName = typeName();
    this.main = new Type("class", mainName);
  }

  /** Returns case {@code index} of the run seeded with {@code seed}. */
  static Case generate(long seed, int index) {
    return new FuzzCases(seed, index).build();
  }

  private static long mix(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private Case build() {
    boolean valid = random.nextInt(100) < 45;
    boolean resources = random.nextBoolean();
    if (valid) {
      kind = resources ? "valid class scope" : "valid generators";
      if (resources) {
        validResource(random.nextInt(4) == 0);
      } else {
        validGenerators(random.nextInt(4) == 0);
      }
    } else if (resources) {
      String misuse = pick(RESOURCE_MISUSES);
      kind = "class scope: " + misuse;
      message = Messages.valueOf(misuse);
      resourceMisuse(misuse);
    } else {
      String misuse = pick(GENERATOR_MISUSES);
      kind = "generator: " + misuse;
      message = Messages.valueOf(misuse);
      generatorMisuse(misuse);
    }
    FuzzSource out = new FuzzSource();
    out.add("package " + packageName + ";");
    out.add("");
    out.add("import dev.scopegen.Commit;");
    out.add("import dev.scopegen.Enter;");
    out.add("import dev.scopegen.Exit;");
    out.add("import dev.scopegen.Rollback;");
    out.add("import dev.scopegen.ScopedResource;");
    out.add("import dev.scopegen.runtime.AsyncYield;");
    out.add("import dev.scopegen.runtime.Yield;");
    out.add("");
    top().render(out, "");
    for (Type type : extraTopLevel) {
      out.add("");
      type.render(out, "");
    }
    if (message == null && !uses.isEmpty()) {
      out.add("");
      out.add("final class FuzzUse {");
      for (String line : uses) {
        out.add("  " + line);
      }
      out.add("}");
    }
    return new Case(
        index,
        packageName,
        main.name,
        out.toString(),
        kind,
        message,
        expectedName,
        expectedLine == null ? 0 : expectedLine.getAsInt(),
        message == null ? List.copyOf(generated) : List.of(),
        Map.copyOf(otherProcessorWrites));
  }

  // ---------------------------------------------------------------------------------------------
  // Names and types.

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  /** A fresh method, parameter or type variable name, unique in this file. */
  private String memberName() {
    for (; ; ) {
      int which = random.nextInt(100);
      String name;
      if (which < 40) {
        name = pick(METHOD_NAMES);
      } else if (which < 55) {
        name = pick(DOLLAR_NAMES);
      } else if (which < 70) {
        name = pick(UNICODE_NAMES);
      } else if (which < 90) {
        name = pick(CLASHING_NAMES);
      } else {
        name = longName(false);
      }
      if (chance(30)) {
        name = name + (random.nextInt(9) + 2);
      }
      if (usable(name) && !typeNames.contains(name) && memberNames.add(name)) {
        return name;
      }
    }
  }

  /** A fresh type name, unique in this file. */
  private String typeName() {
    for (; ; ) {
      String name = chance(10) ? longName(true) : pick(TYPE_NAMES);
      if (usable(name)
          && !memberNames.contains(name)
          && !typeVariableNames.contains(name)
          && typeNames.add(name)) {
        return name;
      }
    }
  }

  private String typeVariableName(Set<String> taken) {
    for (; ; ) {
      String name = pick(TYPE_VARIABLE_NAMES);
      if (!typeNames.contains(name) && !taken.contains(name)) {
        typeVariableNames.add(name);
        return name;
      }
    }
  }

  /** A name of hundreds of characters, with {@code $}, digits and Unicode letters. */
  private String longName(boolean type) {
    String[] parts = {"Very", "long", "$", "Näme", "名前", "_", "x9", "Ωμέγα", "Resource", "scope"};
    StringBuilder name = new StringBuilder(type ? "Long" : "long");
    int length = 150 + random.nextInt(300);
    while (name.length() < length) {
      name.append(pick(parts));
    }
    return name.toString();
  }

  private static boolean usable(String name) {
    return SourceVersion.isIdentifier(name)
        && !SourceVersion.isKeyword(name)
        && !name.equals("java")
        && !name.equals("dev")
        && !name.equals("FuzzUse");
  }

  /** A type: its text, an expression of it, and its boxed text. */
  private record Ty(String text, String zero, String boxed) {
    boolean primitive() {
      return !text.equals(boxed);
    }
  }

  private Ty type(List<String> variables, boolean primitives) {
    int which = random.nextInt(100);
    if (primitives && which < 20) {
      String[] primitive = PRIMITIVES[random.nextInt(PRIMITIVES.length)];
      return new Ty(primitive[0], primitive[1], primitive[2]);
    }
    if (!variables.isEmpty() && which < 45) {
      String variable = variables.get(random.nextInt(variables.size()));
      String[] forms = {
        "%s",
        "%s[]",
        "java.util.List<%s>",
        "java.util.Map<%s, ? super %s>",
        "java.util.List<? extends %s>"
      };
      String text = pick(forms).replace("%s", variable);
      if (chance(20)) {
        text = box() + "<" + variable + ">";
      }
      return reference(text);
    }
    if (which < 52) {
      return reference(chance(50) ? token() : box() + (chance(50) ? "<?>" : "<java.lang.String>"));
    }
    if (which < 60 && (mainReplacement == null || mainReplacement.typeParameters.isEmpty())) {
      // The top-level type, whose simple name (R, X, Objects...) generated code must not shadow.
      return reference(main.name);
    }
    return reference(pick(REFERENCES));
  }

  private static Ty reference(String text) {
    return new Ty(text, "null", text);
  }

  private String typeParameters(List<String> variables, Set<String> taken, int max) {
    int count = random.nextInt(max + 1);
    List<String> declared = new ArrayList<>();
    Set<String> names = new HashSet<>(taken);
    for (int i = 0; i < count; i++) {
      String name = typeVariableName(names);
      names.add(name);
      String bound = pick(BOUNDS);
      declared.add(name + bound.replace("%s", name));
      variables.add(name);
    }
    return declared.isEmpty() ? "" : "<" + String.join(", ", declared) + ">";
  }

  private String checkedHelper() {
    if (checkedHelper == null) {
      String name = typeName();
      Type type = new Type("class", name);
      type.modifiers = "static final ";
      type.afterName = " extends java.lang.Exception";
      type.members.add("private static final long serialVersionUID = 1L;");
      main.members.add(type);
      checkedHelper = main.name + "." + name;
    }
    return checkedHelper;
  }

  private String uncheckedHelper() {
    if (uncheckedHelper == null) {
      String name = typeName();
      Type type = new Type("class", name);
      type.modifiers = "static ";
      type.afterName = " extends java.lang.RuntimeException";
      type.members.add("private static final long serialVersionUID = 1L;");
      main.members.add(type);
      uncheckedHelper = main.name + "." + name;
    }
    return uncheckedHelper;
  }

  private String token() {
    if (tokenHelper == null) {
      String name = typeName();
      Type type = new Type("class", name);
      type.modifiers = "static final ";
      main.members.add(type);
      tokenHelper = main.name + "." + name;
    }
    return tokenHelper;
  }

  private String box() {
    if (boxHelper == null) {
      String name = typeName();
      Type type = new Type("interface", name);
      type.typeParameters = "<E>";
      main.members.add(type);
      boxHelper = main.name + "." + name;
    }
    return boxHelper;
  }

  /** Zero to two exceptions, checked or not, possibly {@code Throwable} or a type variable. */
  private List<String> exceptions(List<String> exceptionVariables) {
    List<String> exceptions = new ArrayList<>();
    int count = chance(50) ? 0 : 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      int which = random.nextInt(100);
      String exception;
      if (which < 40) {
        exception = pick(CHECKED);
      } else if (which < 60) {
        exception = pick(UNCHECKED);
      } else if (which < 75 && !exceptionVariables.isEmpty()) {
        exception = exceptionVariables.get(random.nextInt(exceptionVariables.size()));
      } else if (which < 90) {
        exception = checkedHelper();
      } else {
        exception = uncheckedHelper();
      }
      if (!exceptions.contains(exception)) {
        exceptions.add(exception);
      }
    }
    return exceptions;
  }

  // ---------------------------------------------------------------------------------------------
  // Class scopes.

  /** A resource class, as written and as the processor models it. */
  private static final class Resource {
    Type type;
    Type parent;

    /** The name of the class from its package: {@code Main.Nested}. */
    String name;

    String kind;
    final List<String> variables = new ArrayList<>();
    final List<String> exceptionVariables = new ArrayList<>();

    /** The resource type; {@code null} when it is the class itself. */
    Ty resource;

    Method enter;
    Method commit;
    Method rollback;
    Method exit;

    String scopeName() {
      return name.replace('.', '_') + "Scope";
    }

    /** The class with its type variables, as a type. */
    String selfType() {
      return variables.isEmpty() ? name : name + "<" + String.join(", ", variables) + ">";
    }

    /** The class with wildcards for its type variables, for code that uses the scope. */
    String wildcardType() {
      return variables.isEmpty()
          ? name
          : name + "<" + String.join(", ", variables.stream().map(v -> "?").toList()) + ">";
    }

    boolean isInterface() {
      return kind.equals("interface");
    }
  }

  /**
   * Adds a valid resource class: the main type itself, or a type nested in it.
   *
   * @param nested whether the class must be nested (some misuses need an enclosing class)
   */
  private Resource resource(boolean nested, boolean mayBeInterfaceEtc) {
    Resource resource = new Resource();
    String[] kinds =
        mayBeInterfaceEtc
            ? new String[] {"class", "class", "abstract class", "interface", "enum", "record"}
            : new String[] {"class", "abstract class"};
    resource.kind = pick(kinds);
    Type parent = null;
    if (!nested && chance(40) && main.members.isEmpty() && mainReplacement == null) {
      resource.type = mainAs(resource.kind);
      resource.name = main.name;
    } else {
      parent = main;
      if (chance(25)) {
        Type middle = new Type(chance(50) ? "interface" : "class", typeName());
        middle.modifiers = middle.keyword.equals("class") ? "static " : "";
        main.members.add(middle);
        parent = middle;
      }
      String keyword = resource.kind.equals("abstract class") ? "class" : resource.kind;
      resource.type = new Type(keyword, typeName());
      // Members of an interface (the main type may have become one) are public and static.
      boolean inInterface =
          (parent == main && mainReplacement != null ? mainReplacement : parent)
              .keyword.equals("interface");
      String visibility =
          inInterface
              ? pick(new String[] {"", "public "})
              : pick(new String[] {"", "public ", "protected "});
      boolean isStatic = keyword.equals("class") && !inInterface;
      resource.type.modifiers =
          visibility
              + (isStatic ? "static " : "")
              + (resource.kind.equals("abstract class") ? "abstract " : "");
      parent.members.add(resource.type);
      resource.name =
          parent == main
              ? main.name + "." + resource.type.name
              : main.name + "." + parent.name + "." + resource.type.name;
    }
    resource.parent = parent;
    Type type = resource.type;
    if (!resource.kind.equals("enum") && chance(35)) {
      type.typeParameters = typeParameters(resource.variables, typeNames, 2);
      if (chance(30)) {
        String name = typeVariableName(new HashSet<>(resource.variables));
        resource.variables.add(name);
        resource.exceptionVariables.add(name);
        String declared = name + " extends java.lang.Exception";
        type.typeParameters =
            type.typeParameters.isEmpty()
                ? "<" + declared + ">"
                : type.typeParameters.substring(0, type.typeParameters.length() - 1)
                    + ", "
                    + declared
                    + ">";
      }
    }
    if (resource.kind.equals("enum")) {
      type.firstLine = "ONE, TWO;";
    }
    if (resource.kind.equals("record")) {
      type.afterName = "(java.lang.String " + memberName() + ")";
    }

    resource.enter = enter(resource);
    boolean commit = chance(50);
    boolean rollback = chance(50);
    boolean exit = chance(60) || (!commit && !rollback);
    if (commit) {
      resource.commit = commit(resource);
    }
    if (rollback) {
      resource.rollback = rollback(resource);
    }
    if (exit) {
      resource.exit = exit(resource);
    }
    List<Method> methods = new ArrayList<>();
    methods.add(resource.enter);
    if (resource.commit != null) {
      methods.add(resource.commit);
    }
    if (resource.rollback != null) {
      methods.add(resource.rollback);
    }
    if (resource.exit != null) {
      methods.add(resource.exit);
    }
    java.util.Collections.shuffle(methods, random);
    type.members.addAll(methods);
    Method overloaded = resource.exit != null ? resource.exit : resource.rollback;
    if (overloaded != null && !overloaded.parameters.isEmpty() && chance(20)) {
      Method overload = new Method(overloaded.name);
      for (int i = 0; i < overloaded.parameters.size(); i++) {
        overload.parameter("char[]", "p" + i);
      }
      finish(resource, overload, false);
      type.members.add(overload);
    }
    return resource;
  }

  /** Turns the main type into the resource class of kind {@code kind}. */
  private Type mainAs(String kind) {
    Type type = new Type(kind.equals("abstract class") ? "class" : kind, main.name);
    type.modifiers =
        (chance(50) ? "public " : "") + (kind.equals("abstract class") ? "abstract " : "");
    mainReplacement = type;
    return type;
  }

  /** When the main type is itself the resource class: its declaration. */
  private Type mainReplacement;

  /** Gives {@code method} its modifiers, a body or none, and layout. */
  private void finish(Resource resource, Method method, boolean abstractAllowed) {
    boolean isInterface = resource.isInterface();
    boolean isAbstractClass = resource.kind.equals("abstract class");
    if (isInterface) {
      if (abstractAllowed && chance(50)) {
        method.body = null;
      } else {
        method.modifiers = "default ";
      }
    } else if (isAbstractClass && abstractAllowed && chance(40)) {
      method.modifiers = pick(new String[] {"", "public ", "protected "}) + "abstract ";
      method.body = null;
    } else if (resource.kind.equals("class") || isAbstractClass) {
      method.modifiers =
          pick(new String[] {"", "public ", "protected ", "final ", "synchronized "});
    } else {
      method.modifiers = pick(new String[] {"", "public "});
    }
    method.ownLines = chance(50);
    method.parametersOnOwnLines = chance(30);
  }

  private Method enter(Resource resource) {
    Method enter = new Method(memberName());
    enter.annotations.add("@Enter");
    int shape = random.nextInt(5);
    if (shape == 0) {
      enter.returnType = "void";
    } else if (shape == 1) {
      enter.returnType = STAGE + "<java.lang.Void>";
      enter.statement("return " + COMPLETED + "(null);");
    } else {
      Ty value = type(resource.variables, shape == 2);
      resource.resource = value;
      if (shape == 2) {
        enter.returnType = value.text();
        enter.statement("return " + value.zero() + ";");
      } else {
        enter.returnType = (shape == 3 ? STAGE : FUTURE) + "<" + value.boxed() + ">";
        enter.statement("return " + COMPLETED + "(null);");
      }
    }
    enter.exceptions.addAll(exceptions(resource.exceptionVariables));
    finish(resource, enter, true);
    return enter;
  }

  /** The type of a parameter that receives the resource. */
  private String resourceParameter(Resource resource) {
    if (chance(20)) {
      return "java.lang.Object";
    }
    if (resource.resource == null) {
      return resource.selfType();
    }
    if (resource.resource.primitive() && chance(70)) {
      return resource.resource.boxed();
    }
    return resource.resource.text();
  }

  private Method commit(Resource resource) {
    Method commit = new Method(memberName());
    commit.annotations.add("@Commit");
    if (chance(50)) {
      commit.parameter(resourceParameter(resource), memberName());
    }
    stepReturn(commit);
    commit.exceptions.addAll(exceptions(resource.exceptionVariables));
    finish(resource, commit, true);
    return commit;
  }

  private Method rollback(Resource resource) {
    Method rollback = new Method(memberName());
    if (chance(40)) {
      List<String> values = new ArrayList<>();
      int count = 1 + random.nextInt(2);
      for (int i = 0; i < count; i++) {
        String value = chance(25) ? uncheckedHelper() + ".class" : pick(NO_ROLLBACK_FOR);
        if (!values.contains(value)) {
          values.add(value);
        }
      }
      rollback.annotations.add("@Rollback(noRollbackFor = {" + String.join(", ", values) + "})");
    } else {
      rollback.annotations.add("@Rollback");
    }
    failureParameters(resource, rollback);
    stepReturn(rollback);
    rollback.exceptions.addAll(exceptions(resource.exceptionVariables));
    finish(resource, rollback, true);
    return rollback;
  }

  private Method exit(Resource resource) {
    Method exit = new Method(memberName());
    exit.annotations.add("@Exit");
    failureParameters(resource, exit);
    int shape = random.nextInt(6);
    switch (shape) {
      case 0 -> exit.returnType = "void";
      case 1 -> {
        exit.returnType = "boolean";
        exit.statement("return false;");
      }
      case 2 -> {
        exit.returnType = STAGE + "<java.lang.Boolean>";
        exit.statement("return " + COMPLETED + "(false);");
      }
      case 3 -> {
        exit.returnType = FUTURE + "<java.lang.Boolean>";
        exit.statement("return " + COMPLETED + "(true);");
      }
      case 4 -> {
        exit.returnType = STAGE + "<?>";
        exit.statement("return " + COMPLETED + "(null);");
      }
      default -> {
        exit.returnType = STAGE + "<java.lang.Void>";
        exit.statement("return " + COMPLETED + "(null);");
      }
    }
    exit.exceptions.addAll(exceptions(resource.exceptionVariables));
    finish(resource, exit, true);
    return exit;
  }

  private void failureParameters(Resource resource, Method method) {
    int shape = random.nextInt(4);
    if (shape == 1 || shape == 3) {
      method.parameter(resourceParameter(resource), memberName());
    }
    if (shape >= 2) {
      method.parameter(THROWABLE, memberName());
    }
  }

  private void stepReturn(Method method) {
    switch (random.nextInt(5)) {
      case 0, 1 -> method.returnType = "void";
      case 2 -> {
        method.returnType = STAGE + "<java.lang.Void>";
        method.statement("return " + COMPLETED + "(null);");
      }
      case 3 -> {
        method.returnType = STAGE + "<?>";
        method.statement("return " + COMPLETED + "(null);");
      }
      default -> {
        method.returnType = FUTURE + "<java.lang.String>";
        method.statement("return " + COMPLETED + "(\"done\");");
      }
    }
  }

  private void validResource(boolean withGenerators) {
    Resource resource = resource(false, true);
    expectScope(resource);
    if (withGenerators) {
      if (mainReplacement == null) {
        generators(main, main.name, "class", List.of());
      } else {
        generators(mainReplacement, main.name, resource.kind, resource.variables);
      }
    }
  }

  private void expectScope(Resource resource) {
    generated.add(packageName + "." + resource.scopeName());
    uses.add(
        "static void use"
            + uses.size()
            + "("
            + resource.wildcardType()
            + " target)"
            + " throws java.lang.Throwable {");
    uses.add(
        "  "
            + resource.scopeName()
            + ".of(target).run(resource ->"
            + " java.lang.System.identityHashCode(resource));");
    uses.add("}");
  }

  /** The top-level type: the main type, or the resource or generator type that replaced it. */
  private Type top() {
    if (mainReplacement == null) {
      return main;
    }
    mainReplacement.members.addAll(main.members);
    main.members.clear();
    return mainReplacement;
  }

  // ---------------------------------------------------------------------------------------------
  // Generators.

  /** A generator method as written. */
  private record Generator(
      Method method, boolean isStatic, boolean async, List<String> variables) {}

  /**
   * Adds valid generator methods to {@code owner}.
   *
   * @param owner the type that declares them
   * @param name its name from the package
   * @param kind class, abstract class, interface, enum, record or inner
   * @param classVariables its type variables
   * @return the methods
   */
  private List<Generator> generators(
      Type owner, String name, String kind, List<String> classVariables) {
    int count = 1 + random.nextInt(3);
    List<Generator> methods = new ArrayList<>();
    Set<String> scopeTypes = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Generator generator = generator(kind, classVariables, null);
      if (!scopeTypes.add(capitalize(generator.method().name))) {
        continue;
      }
      methods.add(generator);
      owner.members.add(generator.method());
      use(name, classVariables, generator);
      if (chance(25)) {
        // An overload: more parameters, so another erasure and another scope type name.
        Generator overload = generator(kind, classVariables, generator);
        methods.add(overload);
        owner.members.add(overload.method());
      }
    }
    generated.add(packageName + "." + name.replace('.', '_') + "Scopes");
    return methods;
  }

  /**
   * A valid generator method.
   *
   * @param overloaded the method it overloads, or {@code null}
   */
  private Generator generator(String kind, List<String> classVariables, Generator overloaded) {
    boolean isStatic =
        kind.equals("inner") || chance(50) || (overloaded != null && overloaded.isStatic());
    boolean async = chance(50);
    Method method = new Method(overloaded == null ? memberName() : overloaded.method().name);
    method.annotations.add("@ScopedResource");
    List<String> variables = new ArrayList<>(isStatic ? List.of() : classVariables);
    Set<String> taken = new HashSet<>(typeNames);
    taken.addAll(classVariables);
    List<String> methodVariables = new ArrayList<>();
    method.typeParameters = typeParameters(methodVariables, taken, 2);
    List<String> exceptionVariables = new ArrayList<>();
    if (chance(20)) {
      Set<String> names = new HashSet<>(taken);
      names.addAll(methodVariables);
      String exception = typeVariableName(names);
      exceptionVariables.add(exception);
      String declared = exception + " extends java.lang.Exception";
      method.typeParameters =
          method.typeParameters.isEmpty()
              ? "<" + declared + ">"
              : method.typeParameters.substring(0, method.typeParameters.length() - 1)
                  + ", "
                  + declared
                  + ">";
    }
    if (!method.typeParameters.isEmpty()) {
      method.typeParameters += " ";
    }
    variables.addAll(methodVariables);
    int parameters =
        overloaded == null
            ? random.nextInt(4)
            : overloaded.method().parameters.size() + random.nextInt(2);
    // More parameters than the original (whose count includes its yield): another erasure.
    List<Ty> parameterTypes = new ArrayList<>();
    for (int i = 0; i < parameters; i++) {
      Ty type = type(variables, true);
      parameterTypes.add(type);
      method.parameter(type.text(), memberName());
    }
    Ty yielded = type(variables, false);
    int wildcard = random.nextInt(5);
    String argument = "null";
    for (int i = 0; i < parameterTypes.size(); i++) {
      if (parameterTypes.get(i).text().equals(yielded.text()) && wildcard != 1) {
        argument = method.parameters.get(i)[1];
      }
    }
    String yieldArgument = yielded.text();
    if (wildcard == 0) {
      yieldArgument = "? super " + yieldArgument;
    } else if (wildcard == 1) {
      yieldArgument = "? extends " + yieldArgument;
    }
    String yield = memberName();
    method.parameter((async ? "AsyncYield<" : "Yield<") + yieldArgument + ">", yield);
    method.exceptions.addAll(exceptions(exceptionVariables));

    boolean abstractMethod =
        !isStatic && (kind.equals("interface") || kind.equals("abstract class")) && chance(40);
    if (abstractMethod) {
      method.body = null;
      method.modifiers = kind.equals("interface") ? "" : "abstract ";
    } else if (async) {
      String returned =
          pick(
              new String[] {
                STAGE + "<java.lang.Void>", STAGE + "<?>", FUTURE + "<java.lang.Void>"
              });
      method.returnType = returned;
      String call = yield + ".yield(" + argument + ")";
      method.statement(
          "return " + call + (returned.startsWith(FUTURE) ? ".toCompletableFuture()" : "") + ";");
    } else {
      switch (random.nextInt(3)) {
        case 0 -> method.statement(yield + ".yield(" + argument + ");");
        case 1 -> {
          method.statement("try {");
          method.statement("  " + yield + ".yield(" + argument + ");");
          method.statement("} finally {");
          method.statement("  java.lang.System.identityHashCode(" + yield + ");");
          method.statement("}");
        }
        default -> {
          method.statement("try {");
          method.statement("  " + yield + ".yield(" + argument + ");");
          method.statement("} catch (java.lang.RuntimeException e) {");
          method.statement("  throw e;");
          method.statement("}");
        }
      }
    }
    if (async && abstractMethod) {
      method.returnType = STAGE + "<java.lang.Void>";
    }
    String visibility = "";
    if (!kind.equals("interface")) {
      visibility = pick(new String[] {"", "public ", "protected "});
    } else if (isStatic && chance(50)) {
      visibility = "public ";
    }
    String modifiers = visibility + (isStatic ? "static " : "");
    if (kind.equals("interface") && !isStatic && !abstractMethod) {
      modifiers = "default ";
    }
    method.modifiers = method.body == null ? method.modifiers : modifiers;
    if (method.body == null && kind.equals("abstract class")) {
      method.modifiers = visibility + "abstract ";
    }
    method.ownLines = chance(50);
    method.parametersOnOwnLines = chance(30);
    return new Generator(method, isStatic, async, methodVariables);
  }

  /** Adds code that calls the factory of {@code generator}, when that is unambiguous. */
  private void use(String owner, List<String> classVariables, Generator generator) {
    if (!generator.variables().isEmpty()) {
      return;
    }
    List<String> parameters = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    if (!generator.isStatic()) {
      String ownerType =
          classVariables.isEmpty()
              ? owner
              : owner
                  + "<"
                  + String.join(", ", classVariables.stream().map(v -> "?").toList())
                  + ">";
      parameters.add(ownerType + " receiver");
      arguments.add("receiver");
    }
    List<String[]> methodParameters = generator.method().parameters;
    for (int i = 0; i < methodParameters.size() - 1; i++) {
      String type = methodParameters.get(i)[0];
      boolean variable = identifiers(type).stream().anyMatch(classVariables::contains);
      String zero = "null";
      for (String[] primitive : PRIMITIVES) {
        if (primitive[0].equals(type)) {
          zero = primitive[1];
        }
      }
      arguments.add(zero.equals("null") && !variable ? "(" + type + ") null" : zero);
    }
    String scopes = owner.replace('.', '_') + "Scopes";
    uses.add(
        "static void use"
            + uses.size()
            + "("
            + String.join(", ", parameters)
            + ")"
            + " throws java.lang.Throwable {");
    uses.add(
        "  "
            + scopes
            + "."
            + generator.method().name
            + "("
            + String.join(", ", arguments)
            + ").run(resource -> java.lang.System.identityHashCode(resource));");
    uses.add("}");
  }

  private void validGenerators(boolean withResource) {
    String kind =
        pick(
            new String[] {
              "class", "class", "abstract class", "interface", "enum", "record", "inner", "generic"
            });
    Type owner;
    String name;
    List<String> classVariables = new ArrayList<>();
    if (kind.equals("inner") || kind.equals("generic") || chance(40)) {
      String keyword =
          kind.equals("inner") || kind.equals("generic") || kind.equals("abstract class")
              ? "class"
              : kind;
      owner = new Type(keyword, typeName());
      if (kind.equals("inner")) {
        owner.modifiers = "";
      } else if (keyword.equals("class")) {
        owner.modifiers = "static " + (kind.equals("abstract class") ? "abstract " : "");
      }
      main.members.add(owner);
      name = main.name + "." + owner.name;
    } else {
      owner = new Type(kind.equals("abstract class") ? "class" : kind, main.name);
      owner.modifiers =
          (chance(50) ? "public " : "") + (kind.equals("abstract class") ? "abstract " : "");
      mainReplacement = owner;
      name = main.name;
    }
    if (kind.equals("generic")) {
      owner.typeParameters = typeParameters(classVariables, typeNames, 2);
      if (classVariables.isEmpty()) {
        classVariables.add(typeVariableName(typeNames));
        owner.typeParameters = "<" + classVariables.get(0) + ">";
      }
      kind = "class";
    }
    if (kind.equals("record")) {
      owner.afterName = "(java.lang.String " + memberName() + ")";
    }
    if (kind.equals("enum")) {
      owner.firstLine = "ONE;";
    }
    generators(owner, name, kind, classVariables);
    if (withResource) {
      Resource resource = resource(true, true);
      expectScope(resource);
    }
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Misuses of class scopes.

  private void expect(String name, IntSupplier line) {
    expectedName = name;
    expectedLine = line;
  }

  private Method anyOf(Resource resource, boolean withEnter) {
    List<Method> methods = new ArrayList<>();
    if (withEnter) {
      methods.add(resource.enter);
    }
    for (Method method : new Method[] {resource.commit, resource.rollback, resource.exit}) {
      if (method != null) {
        methods.add(method);
      }
    }
    return methods.get(random.nextInt(methods.size()));
  }

  private static String annotationName(Method method) {
    String annotation = method.annotations.get(0);
    int end = annotation.indexOf('(');
    return annotation.substring(1, end < 0 ? annotation.length() : end);
  }

  private void resourceMisuse(String misuse) {
    switch (misuse) {
      case "PRIVATE_METHOD" -> {
        Resource resource = resource(false, true);
        Method method = anyOf(resource, true);
        method.modifiers = "private ";
        ensureBody(method);
        expect(method.name, () -> method.nameLine);
      }
      case "STATIC_METHOD" -> {
        Resource resource = staticFriendly();
        Method method = anyOf(resource, true);
        method.modifiers = "static ";
        ensureBody(method);
        expect(method.name, () -> method.nameLine);
      }
      case "GENERIC_METHOD" -> {
        Resource resource = resource(false, true);
        Method method = anyOf(resource, true);
        method.typeParameters = "<" + freshTypeVariable(method) + "> ";
        expect(method.name, () -> method.nameLine);
      }
      case "ENTER_PARAMETERS" -> {
        Resource resource = resource(false, true);
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
          resource.enter.parameter(type(List.of(), true).text(), memberName());
        }
        expect(resource.enter.name, () -> resource.enter.nameLine);
      }
      case "PARAMETERS" -> {
        Resource resource = plainResource();
        Method method;
        int shape = random.nextInt(4);
        if (shape == 0 || (resource.exit == null && resource.rollback == null)) {
          method =
              resource.commit != null ? resource.commit : (resource.commit = commitOf(resource));
          method.parameters.clear();
          method.parameter(THROWABLE, memberName());
        } else {
          method = resource.exit != null ? resource.exit : resource.rollback;
          method.parameters.clear();
          if (shape == 1) {
            method.parameter(THROWABLE, memberName());
            method.parameter(resourceText(resource), memberName());
          } else if (shape == 2) {
            method.parameter(resourceText(resource), memberName());
            method.parameter("java.lang.String", memberName());
          } else {
            method.parameter(resourceText(resource), memberName());
            method.parameter(THROWABLE, memberName());
            method.parameter("boolean", memberName());
          }
        }
        expect(method.name, () -> method.nameLine);
      }
      case "RESOURCE_PARAMETER" -> {
        Resource resource = resource(false, true);
        Method method = anyOf(resource, false);
        method.parameters.clear();
        method.parameter(unrelated(), memberName());
        if (!annotationName(method).equals("Commit") && chance(50)) {
          method.parameter(THROWABLE, memberName());
        }
        expect(method.parameters.get(0)[1], () -> method.parameterLines.get(0));
      }
      case "FAILURE_PARAMETER" -> {
        Resource resource = plainResource();
        Method method =
            resource.exit != null
                ? resource.exit
                : resource.rollback != null
                    ? resource.rollback
                    : (resource.exit = exitOf(resource));
        method.parameters.clear();
        String failure =
            pick(
                new String[] {
                  "java.lang.RuntimeException",
                  "java.io.IOException",
                  "java.lang.Exception",
                  "java.lang.Error",
                  checkedHelper()
                });
        if (chance(50)) {
          method.parameter(resourceText(resource), memberName());
        }
        method.parameter(failure, memberName());
        int last = method.parameters.size() - 1;
        expect(method.parameters.get(last)[1], () -> method.parameterLines.get(last));
      }
      case "EXIT_RETURN" -> {
        Resource resource = resource(false, true);
        Method exit = resource.exit != null ? resource.exit : (resource.exit = exitOf(resource));
        exit.body = exit.body == null ? null : new ArrayList<>();
        String[][] returns = {
          {"java.lang.Boolean", "return true;"},
          {"int", "return 0;"},
          {"java.lang.String", "return null;"},
          {STAGE + "<? extends java.lang.Boolean>", "return null;"},
        };
        String[] chosen = returns[random.nextInt(returns.length)];
        exit.returnType = chosen[0];
        if (exit.body != null) {
          exit.statement(chosen[1]);
        }
        expect(exit.name, () -> exit.nameLine);
      }
      case "STEP_RETURN" -> {
        Resource resource = resource(false, true);
        Method method =
            resource.commit != null
                ? resource.commit
                : resource.rollback != null
                    ? resource.rollback
                    : (resource.commit = commitOf(resource));
        method.body = method.body == null ? null : new ArrayList<>();
        String[][] returns = {
          {"boolean", "return true;"}, {"java.lang.String", "return null;"},
          {"int[]", "return null;"}, {"java.lang.Boolean", "return null;"},
        };
        String[] chosen = returns[random.nextInt(returns.length)];
        method.returnType = chosen[0];
        if (method.body != null) {
          method.statement(chosen[1]);
        }
        expect(method.name, () -> method.nameLine);
      }
      case "RAW_TYPE" -> {
        Resource resource = resource(false, true);
        Method method;
        if (chance(60)) {
          method = resource.enter;
          method.returnType =
              pick(
                  new String[] {
                    STAGE,
                    FUTURE,
                    "java.util.List",
                    STAGE + "<java.util.List>",
                    "java.util.Map<java.lang.String, java.util.List>"
                  });
          method.body = method.body == null ? null : new ArrayList<>(List.of("return null;"));
          resource.resource = reference("java.lang.Object");
          for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
            if (other != null) {
              for (String[] parameter : other.parameters) {
                if (!parameter[0].equals(THROWABLE)) {
                  parameter[0] = "java.lang.Object";
                }
              }
            }
          }
        } else {
          method = anyOf(resource, false);
          method.returnType = pick(new String[] {STAGE, FUTURE});
          method.body = method.body == null ? null : new ArrayList<>(List.of("return null;"));
        }
        method.annotations.add(0, "@java.lang.SuppressWarnings(\"rawtypes\")");
        expect(method.name, () -> method.nameLine);
      }
      case "WILDCARD_RESOURCE" -> {
        Resource resource = resource(false, true);
        Method enter = resource.enter;
        enter.returnType =
            pick(
                new String[] {
                  STAGE + "<?>",
                  STAGE + "<? extends java.lang.CharSequence>",
                  FUTURE + "<? super java.lang.Integer>"
                });
        enter.body = enter.body == null ? null : new ArrayList<>(List.of("return null;"));
        resource.resource = reference("java.lang.Object");
        for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
          if (other != null) {
            for (String[] parameter : other.parameters) {
              if (!parameter[0].equals(THROWABLE)) {
                parameter[0] = "java.lang.Object";
              }
            }
          }
        }
        expect(enter.name, () -> enter.nameLine);
      }
      case "PRIVATE_CLASS" -> {
        Resource resource = resource(true, true);
        // Members of interfaces are public: only a class member can be private.
        boolean enclosingPrivate =
            resource.parent != main && (resource.parent.keyword.equals("interface") || chance(50));
        Type privateType = enclosingPrivate ? resource.parent : resource.type;
        privateType.modifiers =
            "private " + privateType.modifiers.replace("public ", "").replace("protected ", "");
        Type reported = resource.type;
        expect(privateType.name, () -> reported.line);
      }
      case "INNER_CLASS" -> {
        Resource resource = resource(true, false);
        while (resource.parent.keyword.equals("interface")) {
          resource.parent.members.remove(resource.type);
          resource = resource(true, false);
        }
        Type inner = resource.parent != main && chance(50) ? resource.parent : resource.type;
        inner.modifiers = inner.modifiers.replace("static ", "");
        Type reported = resource.type;
        expect(inner.name, () -> reported.line);
      }
      case "LOCAL_CLASS" -> {
        resource(false, true); // Visible to javac, so that it runs the processor.
        Method annotated = new Method(memberName());
        String annotation = pick(new String[] {"Enter", "Exit", "Commit", "Rollback"});
        annotated.annotations.add(chance(30) ? "@dev.scopegen." + annotation : "@" + annotation);
        annotated.ownLines = chance(50);
        Type local = new Type("class", typeName());
        local.members.add(annotated);
        if (chance(40)) {
          local.anonymous = "java.lang.Runnable " + memberName() + " = new java.lang.Runnable()";
          local.members.add("@java.lang.Override public void run() {}");
        }
        Method holder = new Method(memberName());
        holder.body.add(local);
        Type into = mainReplacement != null ? mainReplacement : main;
        holder.modifiers = into.keyword.equals("interface") ? "default " : "";
        into.members.add(holder);
        expect(annotated.name, () -> annotated.annotationLines.get(0));
        expectedName = "@" + annotation + " method " + annotated.name;
      }
      case "ANNOTATION_TYPE" -> {
        Type annotationType = new Type("@interface", typeName());
        Method enter = new Method(memberName());
        enter.annotations.add("@Enter");
        enter.returnType = pick(new String[] {"java.lang.String", "int", "java.lang.Class<?>"});
        enter.body = null;
        Method exit = new Method(memberName());
        exit.annotations.add(pick(new String[] {"@Exit", "@Commit", "@Rollback"}));
        exit.returnType = "java.lang.String[]";
        exit.body = null;
        annotationType.members.add(enter);
        annotationType.members.add(exit);
        main.members.add(annotationType);
        expect(annotationType.name, () -> annotationType.line);
      }
      case "INACCESSIBLE_TYPE" -> {
        Resource resource = resource(true, true);
        Type secret = new Type("class", typeName());
        secret.modifiers = "private static ";
        int shape = random.nextInt(3);
        if (shape == 0) {
          secret.modifiers = "private static final ";
          resource.enter.returnType = main.name + "." + secret.name;
          resource.enter.body =
              resource.enter.body == null ? null : new ArrayList<>(List.of("return null;"));
          for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
            if (other != null) {
              for (String[] parameter : other.parameters) {
                if (!parameter[0].equals(THROWABLE)) {
                  parameter[0] = "java.lang.Object";
                }
              }
            }
          }
          expect(main.name + "." + secret.name, () -> resource.enter.nameLine);
        } else if (shape == 1) {
          secret.afterName = " extends java.lang.Exception";
          secret.members.add("private static final long serialVersionUID = 1L;");
          Method method = anyOf(resource, true);
          method.exceptions.clear();
          method.exceptions.add(main.name + "." + secret.name);
          expect(main.name + "." + secret.name, () -> method.nameLine);
        } else {
          secret.afterName = " extends java.lang.RuntimeException";
          secret.members.add("private static final long serialVersionUID = 1L;");
          Method rollback =
              resource.rollback != null
                  ? resource.rollback
                  : (resource.rollback = rollbackOf(resource));
          rollback.annotations.clear();
          rollback.annotations.add("@Rollback(noRollbackFor = {");
          rollback.annotationValues.add("java.lang.IllegalStateException.class");
          rollback.annotationValues.add(main.name + "." + secret.name + ".class");
          java.util.Collections.shuffle(rollback.annotationValues, random);
          int at = rollback.annotationValues.indexOf(main.name + "." + secret.name + ".class");
          expect(main.name + "." + secret.name, () -> rollback.valueLines.get(at));
        }
        main.members.add(secret);
      }
      case "NAME_CLASH" -> {
        Resource resource = resource(false, true);
        Type clash = new Type("class", resource.scopeName());
        extraTopLevel.add(clash);
        IntSupplier line = () -> resource.type.line;
        expect(resource.type.name, line);
      }
      case "WRITE_FAILED" -> {
        Resource resource = resource(false, true);
        String scope = packageName + "." + resource.scopeName();
        otherProcessorWrites.put(
            scope, "package " + packageName + ";\n\nfinal class " + resource.scopeName() + " {}\n");
        expect(resource.scopeName(), () -> resource.type.line);
      }
      case "DUPLICATE_METHOD" -> {
        Resource resource = resource(false, true);
        Method original = anyOf(resource, true);
        Method duplicate = new Method(memberName());
        duplicate.annotations.add(original.annotations.get(0));
        duplicate.returnType = original.returnType;
        duplicate.body = original.body == null ? null : new ArrayList<>(original.body);
        duplicate.modifiers = original.modifiers;
        duplicate.ownLines = chance(50);
        for (String[] parameter : original.parameters) {
          duplicate.parameter(parameter[0], parameter[1]);
        }
        int at = resource.type.members.indexOf(original);
        resource.type.members.add(at + 1, duplicate);
        expect(original.name, () -> duplicate.annotationLines.get(0));
      }
      case "MISSING_ENTER" -> {
        Resource resource = resource(false, true);
        resource.type.members.remove(resource.enter);
        Method kept = anyOf(resource, false);
        for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
          if (other != null && other != kept) {
            resource.type.members.remove(other);
          }
        }
        for (String[] parameter : kept.parameters) {
          if (!parameter[0].equals(THROWABLE)) {
            parameter[0] = "java.lang.Object";
          }
        }
        expect(kept.name, () -> kept.annotationLines.get(0));
      }
      case "MISSING_RELEASE" -> {
        Resource resource = resource(false, true);
        for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
          resource.type.members.remove(other);
        }
        expect(resource.enter.name, () -> resource.enter.annotationLines.get(0));
      }
      case "MISSING_TYPE" -> {
        Resource resource = resource(false, true);
        String missing = "DoesNotExist" + index;
        resource.enter.returnType = chance(50) ? missing : STAGE + "<" + missing + ">";
        resource.enter.body =
            resource.enter.body == null ? null : new ArrayList<>(List.of("return null;"));
        for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
          if (other != null) {
            for (String[] parameter : other.parameters) {
              if (!parameter[0].equals(THROWABLE)) {
                parameter[0] = "java.lang.Object";
              }
            }
          }
        }
        Type reported = resource.type;
        expect(missing, () -> reported.line);
      }
      default -> throw new AssertionError(misuse);
    }
  }

  /** A resource class whose methods may be static: a class, enum or record. */
  private Resource staticFriendly() {
    for (; ; ) {
      Resource resource = resource(true, true);
      if (!resource.isInterface() && resource.variables.isEmpty()) {
        return resource;
      }
      resource.parent.members.remove(resource.type);
    }
  }

  /** A resource class whose resource is not a failure type and not Object. */
  private Resource plainResource() {
    Resource resource = resource(true, true);
    resource.resource = reference(main.name + "." + freshToken());
    resource.enter.returnType = resource.resource.text();
    resource.enter.body =
        resource.enter.body == null ? null : new ArrayList<>(List.of("return null;"));
    for (Method other : new Method[] {resource.commit, resource.rollback, resource.exit}) {
      if (other != null) {
        for (String[] parameter : other.parameters) {
          if (!parameter[0].equals(THROWABLE)) {
            parameter[0] = resource.resource.text();
          }
        }
      }
    }
    return resource;
  }

  private String resourceText(Resource resource) {
    return resource.resource == null ? resource.selfType() : resource.resource.boxed();
  }

  /** A class nested in the main type that no resource type extends. */
  private String unrelated() {
    return main.name + "." + freshToken();
  }

  private String freshToken() {
    String name = typeName();
    Type type = new Type("class", name);
    type.modifiers = "static final ";
    main.members.add(type);
    return name;
  }

  private Method commitOf(Resource resource) {
    Method commit = commit(resource);
    resource.type.members.add(commit);
    return commit;
  }

  private Method exitOf(Resource resource) {
    Method exit = exit(resource);
    resource.type.members.add(exit);
    return exit;
  }

  private Method rollbackOf(Resource resource) {
    Method rollback = rollback(resource);
    resource.type.members.add(rollback);
    return rollback;
  }

  /** Gives an abstract method a body that returns a value of its type. */
  private static void ensureBody(Method method) {
    if (method.body != null) {
      return;
    }
    method.body = new ArrayList<>();
    if (!method.returnType.equals("void")) {
      method.statement(
          method.returnType.startsWith("java.util.concurrent")
              ? "return " + COMPLETED + "(null);"
              : "return " + zeroOf(method.returnType) + ";");
    }
  }

  private static String zeroOf(String type) {
    for (String[] primitive : PRIMITIVES) {
      if (primitive[0].equals(type)) {
        return primitive[1];
      }
    }
    return "null";
  }

  // ---------------------------------------------------------------------------------------------
  // Misuses of generators.

  private void generatorMisuse(String misuse) {
    String ownerKind = pick(new String[] {"class", "class", "enum", "record", "interface"});
    Type owner = new Type(ownerKind, typeName());
    owner.modifiers = ownerKind.equals("class") ? "static " : "";
    if (ownerKind.equals("record")) {
      owner.afterName = "(java.lang.String " + memberName() + ")";
    }
    if (ownerKind.equals("enum")) {
      owner.firstLine = "ONE;";
    }
    main.members.add(owner);
    String ownerName = main.name + "." + owner.name;
    List<Generator> valid = new ArrayList<>();
    if (chance(50)) {
      valid.addAll(generators(owner, ownerName, ownerKind, List.of()));
    }
    Generator base = generator(ownerKind, List.of(), null);
    Method method = base.method();
    switch (misuse) {
      case "GENERATOR_NO_YIELD" -> {
        method.parameters.remove(method.parameters.size() - 1);
        method.body = method.body == null ? null : new ArrayList<>();
        if (method.body != null && !method.returnType.equals("void")) {
          method.statement("return null;");
        }
        expect(method.name, () -> method.nameLine);
      }
      case "GENERATOR_YIELDS" -> {
        String[] yield = method.parameters.get(method.parameters.size() - 1);
        String other =
            yield[0].startsWith("Yield")
                ? "AsyncYield<java.lang.String>"
                : "Yield<java.lang.String>";
        method.parameters.add(
            random.nextInt(method.parameters.size() + 1),
            new String[] {
              chance(50) ? other : yield[0].replace("? super ", "").replace("? extends ", ""),
              memberName()
            });
        expect(method.name, () -> method.nameLine);
      }
      case "GENERATOR_YIELD_NOT_LAST" -> {
        String[] yield = method.parameters.remove(method.parameters.size() - 1);
        method.parameters.add(0, yield);
        method.parameters.add(
            new String[] {
              pick(new String[] {"int", "java.lang.String", "java.lang.String[]"}), memberName()
            });
        expect(yield[1], () -> method.parameterLines.get(0));
      }
      case "GENERATOR_RETURN" -> {
        boolean async = base.async();
        if (method.body == null) {
          method.body = new ArrayList<>();
          method.modifiers = ownerKind.equals("interface") ? "default " : "";
        }
        String yield = method.parameters.get(method.parameters.size() - 1)[1];
        method.body.clear();
        if (async) {
          String returned =
              pick(
                  new String[] {
                    "void", "java.lang.String", "int", "java.util.concurrent.Future<java.lang.Void>"
                  });
          method.returnType = returned;
          method.statement("java.lang.System.identityHashCode(" + yield + ");");
          if (!returned.equals("void")) {
            method.statement("return " + zeroOf(returned) + ";");
          }
        } else {
          method.returnType =
              pick(new String[] {STAGE + "<java.lang.Void>", "boolean", "java.lang.Object"});
          method.statement(yield + ".yield(null);");
          method.statement("return " + zeroOf(method.returnType) + ";");
        }
        expect(method.name, () -> method.nameLine);
      }
      case "PRIVATE_METHOD" -> {
        privateMethod(method, base);
        expect(method.name, () -> method.nameLine);
      }
      case "GENERATOR_UNUSED_YIELD" -> {
        if (method.body == null) {
          method.body = new ArrayList<>();
          method.modifiers = ownerKind.equals("interface") ? "default " : "";
        }
        method.body.clear();
        if (base.async()) {
          method.statement("return null;");
        } else if (method.parameters.size() > 1) {
          method.statement(
              "java.lang.System.identityHashCode(" + method.parameters.get(0)[1] + ");");
        }
        int last = method.parameters.size() - 1;
        expect(method.parameters.get(last)[1], () -> method.parameterLines.get(last));
      }
      case "GENERATOR_LIFECYCLE" -> {
        // A class scope whose release method is also a generator. As a release method it is
        // valid (the resource is a Yield, which it takes): the generator is the one misuse.
        Type scoped = new Type("class", typeName());
        scoped.modifiers = "static ";
        Method enter = new Method(memberName());
        enter.annotations.add("@Enter");
        enter.returnType = "Yield<java.lang.String>";
        enter.statement("return null;");
        Method release = new Method(memberName());
        String lifecycle = pick(new String[] {"Exit", "Commit", "Rollback"});
        release.annotations.add("@ScopedResource");
        release.annotations.add("@" + lifecycle);
        if (chance(50)) {
          java.util.Collections.reverse(release.annotations);
        }
        release.ownLines = chance(50);
        String yield = memberName();
        release.parameter("Yield<java.lang.String>", yield);
        release.statement(yield + ".yield(null);");
        scoped.members.add(enter);
        scoped.members.add(release);
        main.members.add(scoped);
        expect(release.name + " cannot also be @" + lifecycle, () -> release.nameLine);
      }
      case "GENERATOR_INNER_CLASS" -> {
        Type inner = new Type("class", typeName());
        main.members.add(inner);
        Generator instance = generator("class", List.of(), null);
        while (instance.isStatic()) {
          instance = generator("class", List.of(), null);
        }
        Method instanceMethod = instance.method();
        inner.members.add(instanceMethod);
        expect(instanceMethod.name, () -> instanceMethod.nameLine);
        return;
      }
      case "GENERATOR_PRIVATE_CLASS" -> {
        owner.modifiers = "private " + owner.modifiers;
        if (chance(30)) {
          // The private type in the signature too: still one misuse, one error.
          method.parameters.add(0, new String[] {ownerName, memberName()});
        }
        if (!valid.isEmpty()) {
          // One error per method: keep only the misused one.
          owner.members.removeIf(member -> member instanceof Method);
          generated.clear();
        }
        expect(method.name, () -> method.nameLine);
      }
      case "GENERATOR_LOCAL_CLASS" -> {
        if (valid.isEmpty()) {
          valid.addAll(generators(owner, ownerName, ownerKind, List.of()));
        }
        Type local = new Type("class", typeName());
        boolean anonymous = chance(40);
        Method generator = generator("class", List.of(), null).method();
        if (chance(30)) {
          generator.annotations.set(0, "@dev.scopegen.ScopedResource");
        }
        generator.modifiers =
            generator
                .modifiers
                .replace("static ", "")
                .replace("public ", "")
                .replace("protected ", "");
        local.members.add(generator);
        if (anonymous) {
          local.anonymous = "java.lang.Object " + memberName() + " = new java.lang.Object()";
        } else {
          local.modifiers = "";
        }
        Method holder = new Method(memberName());
        holder.modifiers = owner.keyword.equals("interface") ? "default " : "";
        holder.body.add(local);
        owner.members.add(holder);
        expect(generator.name, () -> generator.annotationLines.get(0));
        return;
      }
      case "GENERATOR_TYPE_VARIABLE" -> {
        Type generic = new Type("class", typeName());
        generic.modifiers = "static ";
        List<String> classVariables = new ArrayList<>();
        generic.typeParameters = typeParameters(classVariables, typeNames, 2);
        if (classVariables.isEmpty()) {
          classVariables.add(typeVariableName(typeNames));
          generic.typeParameters = "<" + classVariables.get(0) + ">";
        }
        main.members.add(generic);
        Generator instance = generator("class", classVariables, null);
        while (instance.isStatic()) {
          instance = generator("class", classVariables, null);
        }
        String hidden = classVariables.get(random.nextInt(classVariables.size()));
        Method hiding = instance.method();
        addTypeParameter(hiding, hidden);
        generic.members.add(hiding);
        expect(hidden, () -> hiding.nameLine);
      }
      case "GENERATOR_RAW_TYPE" -> {
        if (chance(60)) {
          method.parameters.add(
              0,
              new String[] {
                pick(
                    new String[] {
                      "java.util.List",
                      "java.util.Map<java.lang.String, java.util.List>",
                      "java.lang.Comparable[]",
                      "java.util.List<? extends java.lang.Comparable>"
                    }),
                memberName()
              });
        } else {
          addTypeParameter(method, freshTypeVariable(method) + " extends java.lang.Comparable");
        }
        method.annotations.add(0, "@java.lang.SuppressWarnings(\"rawtypes\")");
        expect(method.name, () -> method.nameLine);
      }
      case "GENERATOR_NAME_CLASH" -> {
        Method second = nameClash(ownerName, ownerKind, base);
        owner.members.add(method);
        owner.members.add(second);
        expect(second.name, () -> second.nameLine);
        return;
      }
      case "NAME_CLASH" -> {
        extraTopLevel.add(new Type("class", ownerName.replace('.', '_') + "Scopes"));
        expect(owner.name, () -> owner.line);
      }
      case "INACCESSIBLE_TYPE" -> {
        Type secret = new Type("class", typeName());
        secret.modifiers = "private static final ";
        main.members.add(secret);
        method.parameters.add(
            0,
            new String[] {
              pick(new String[] {
                    "%s",
                    "java.util.List<%s>",
                    "%s[]",
                    "java.util.Map<java.lang.String, ? extends %s>"
                  })
                  .replace("%s", main.name + "." + secret.name),
              memberName()
            });
        expect(main.name + "." + secret.name, () -> method.nameLine);
      }
      case "MISSING_TYPE" -> {
        String missing = "DoesNotExist" + index;
        method.parameters.add(0, new String[] {missing, memberName()});
        expect(missing, () -> owner.line);
      }
      case "WRITE_FAILED" -> {
        String scopes = ownerName.replace('.', '_') + "Scopes";
        otherProcessorWrites.put(
            packageName + "." + scopes,
            "package " + packageName + ";\n\nfinal class " + scopes + " {}\n");
        expect(scopes, () -> owner.line);
      }
      default -> throw new AssertionError(misuse);
    }
    owner.members.add(method);
  }

  /** Makes {@code method} private, with a body. */
  private static void privateMethod(Method method, Generator base) {
    method.modifiers = "private " + (base.isStatic() ? "static " : "");
    if (method.body == null) {
      method.body = new ArrayList<>();
      yieldNull(method);
    }
  }

  /** Adds the statement that yields {@code null} and returns what the method must return. */
  private static void yieldNull(Method method) {
    String yield = method.parameters.get(method.parameters.size() - 1)[1];
    if (method.returnType.equals("void")) {
      method.statement(yield + ".yield(null);");
    } else {
      method.statement(
          "return "
              + yield
              + ".yield(null)"
              + (method.returnType.startsWith(FUTURE) ? ".toCompletableFuture()" : "")
              + ";");
    }
  }

  /** A type variable name that neither {@code method} nor this file declares yet. */
  private String freshTypeVariable(Method method) {
    Set<String> taken = new HashSet<>(typeNames);
    taken.addAll(identifiers(method.typeParameters));
    return typeVariableName(taken);
  }

  /** The identifiers in {@code text}, such as the names in a type ({@code $} included). */
  private static Set<String> identifiers(String text) {
    Set<String> identifiers = new HashSet<>();
    StringBuilder word = new StringBuilder();
    for (char c : (text + " ").toCharArray()) {
      if (Character.isJavaIdentifierPart(c)) {
        word.append(c);
      } else {
        identifiers.add(word.toString());
        word.setLength(0);
      }
    }
    return identifiers;
  }

  /** Adds a type parameter, first, to {@code method}. */
  private static void addTypeParameter(Method method, String declaration) {
    method.typeParameters =
        method.typeParameters.isEmpty()
            ? "<" + declaration + "> "
            : "<" + declaration + ", " + method.typeParameters.substring(1);
  }

  /**
   * Returns a generator method that clashes with {@code base}, declared after it: one whose name
   * differs only in the case of its first letter (the same scope type), or a static method of the
   * same name that takes the owner first beside an instance method (the same factory).
   */
  private Method nameClash(String ownerName, String ownerKind, Generator base) {
    Method first = base.method();
    String flipped = flipCase(first.name);
    if (chance(50)
        && !flipped.equals(first.name)
        && usable(flipped)
        && !typeNames.contains(flipped)
        && memberNames.add(flipped)) {
      Method second = generator(ownerKind, List.of(), null).method();
      second.name = flipped;
      return second;
    }
    if (base.isStatic()) {
      first.modifiers =
          ownerKind.equals("interface") ? "default " : first.modifiers.replace("static ", "");
    }
    Method second = new Method(first.name);
    second.annotations.addAll(first.annotations);
    second.ownLines = chance(50);
    second.parametersOnOwnLines = chance(30);
    second.modifiers = "static ";
    second.typeParameters = first.typeParameters;
    second.returnType = first.returnType;
    second.parameter(ownerName, memberName());
    for (String[] parameter : first.parameters) {
      second.parameter(parameter[0], memberName());
    }
    yieldNull(second);
    second.exceptions.addAll(first.exceptions);
    return second;
  }

  private String flipCase(String name) {
    char first = name.charAt(0);
    char flipped =
        Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first);
    return flipped + name.substring(1);
  }
}
