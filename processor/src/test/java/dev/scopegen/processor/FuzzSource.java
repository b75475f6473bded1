package dev.scopegen.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a generated Java file, built line by line so that the fuzz generator knows the line
 * of every element it writes, and can check that an error points at it.
 */
final class FuzzSource {

  private final StringBuilder text = new StringBuilder();
  private int nextLine = 1;

  /** The number of the line that {@link #add} writes next. */
  int nextLine() {
    return nextLine;
  }

  /** Adds one line, which must not contain a line break. */
  FuzzSource add(String line) {
    text.append(line).append('\n');
    nextLine++;
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /**
   * A method as the generator writes it. Rendering records the lines of its annotations, name and
   * parameters.
   */
  static final class Method {
    /** Each annotation, written on its own line or before the name, as {@link #ownLines} says. */
    final List<String> annotations = new ArrayList<>();

    /** For a {@code noRollbackFor} annotation written over several lines: its values. */
    final List<String> annotationValues = new ArrayList<>();

    String modifiers = "";
    String typeParameters = "";
    String returnType = "void";
    String name;
    final List<String[]> parameters = new ArrayList<>();
    final List<String> exceptions = new ArrayList<>();

    /** The statements of the body, or {@code null} for a method without one. */
    List<Object> body = new ArrayList<>();

    boolean ownLines;
    boolean parametersOnOwnLines;

    // Filled by render.
    final List<Integer> annotationLines = new ArrayList<>();
    final List<Integer> valueLines = new ArrayList<>();
    int nameLine;
    final List<Integer> parameterLines = new ArrayList<>();

    Method(String name) {
      this.name = name;
    }

    Method parameter(String type, String parameterName) {
      parameters.add(new String[] {type, parameterName});
      return this;
    }

    Method statement(String statement) {
      body.add(statement);
      return this;
    }

    void render(FuzzSource out, String indent) {
      String inline = "";
      for (String annotation : annotations) {
        boolean multiLine = !annotationValues.isEmpty() && annotation.endsWith("{");
        if (ownLines || multiLine) {
          annotationLines.add(out.nextLine());
          out.add(indent + annotation);
          if (multiLine) {
            for (int i = 0; i < annotationValues.size(); i++) {
              valueLines.add(out.nextLine());
              out.add(
                  indent
                      + "    "
                      + annotationValues.get(i)
                      + (i == annotationValues.size() - 1 ? "})" : ","));
            }
          }
        } else {
          annotationLines.add(out.nextLine());
          inline += annotation + " ";
        }
      }
      String header = indent + inline + modifiers + typeParameters + returnType + " " + name + "(";
      String throwsClause = exceptions.isEmpty() ? "" : " throws " + String.join(", ", exceptions);
      String end = body == null ? ";" : " {";
      nameLine = out.nextLine();
      if (parametersOnOwnLines && !parameters.isEmpty()) {
        out.add(header);
        for (int i = 0; i < parameters.size(); i++) {
          parameterLines.add(out.nextLine());
          String separator = i == parameters.size() - 1 ? ")" + throwsClause + end : ",";
          out.add(indent + "    " + parameters.get(i)[0] + " " + parameters.get(i)[1] + separator);
        }
      } else {
        List<String> written = new ArrayList<>();
        for (String[] parameter : parameters) {
          parameterLines.add(out.nextLine());
          written.add(parameter[0] + " " + parameter[1]);
        }
        out.add(header + String.join(", ", written) + ")" + throwsClause + end);
      }
      if (body != null) {
        for (Object statement : body) {
          if (statement instanceof Type) {
            ((Type) statement).render(out, indent + "  ");
          } else {
            out.add(indent + "  " + statement);
          }
        }
        out.add(indent + "}");
      }
    }
  }

  /** A type declaration: class, interface, enum, record, annotation type, or anonymous class. */
  static final class Type {
    /** {@code class}, {@code interface}, {@code enum}, {@code record}, {@code @interface}. */
    final String keyword;

    final String name;
    String modifiers = "";
    String typeParameters = "";

    /** What follows the name and type parameters: record components, extends clauses. */
    String afterName = "";

    /** The first line of the body: enum constants, for instance. */
    String firstLine;

    /** For an anonymous class, the declaration that creates it, up to {@code new X()}. */
    String anonymous;

    /** Methods, nested types and lines. */
    final List<Object> members = new ArrayList<>();

    int line;

    Type(String keyword, String name) {
      this.keyword = keyword;
      this.name = name;
    }

    void render(FuzzSource out, String indent) {
      line = out.nextLine();
      if (anonymous != null) {
        out.add(indent + anonymous + " {");
      } else {
        out.add(indent + modifiers + keyword + " " + name + typeParameters + afterName + " {");
      }
      if (firstLine != null) {
        out.add(indent + "  " + firstLine);
      }
      for (Object member : members) {
        if (member instanceof Method) {
          ((Method) member).render(out, indent + "  ");
        } else if (member instanceof Type) {
          ((Type) member).render(out, indent + "  ");
        } else {
          out.add(indent + "  " + member);
        }
      }
      out.add(indent + (anonymous != null ? "};" : "}"));
    }
  }
}
