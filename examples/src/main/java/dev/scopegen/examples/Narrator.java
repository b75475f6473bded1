package dev.scopegen.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Prints the demo's story: chapters, steps, and what happened to exceptions. */
public final class Narrator {

  private final PrintStream out;

  /**
   * Creates a narrator that prints to {@code out}.
   *
   * @param out where the story goes
   */
  public Narrator(PrintStream out) {
    this.out = out;
  }

  /**
   * Starts a chapter of the demo.
   *
   * @param title the chapter's title
   */
  public void chapter(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  /**
   * Tells one thing that happened.
   *
   * @param text what happened
   */
  public void say(String text) {
    out.println("  " + text);
  }

  /**
   * Tells which exception propagated and what was suppressed onto it.
   *
   * @param failure the exception that reached the caller
   */
  public void propagated(Throwable failure) {
    say("propagated: " + describe(failure));
    for (Throwable suppressed : failure.getSuppressed()) {
      say("  suppressed onto it: " + describe(suppressed));
    }
  }

  /**
   * Describes an exception in one line: its simple class name and the first line of its message.
   *
   * @param failure the exception
   * @return for example {@code IllegalStateException("disk full")}
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message != null && message.indexOf('\n') >= 0) {
      message = message.substring(0, message.indexOf('\n')).strip();
    }
    return failure.getClass().getSimpleName() + (message == null ? "" : "(\"" + message + "\")");
  }

  /**
   * Joins values for a one-line listing.
   *
   * @param values the values
   * @return them, separated by commas
   */
  public static String list(Object... values) {
    return Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(", "));
  }
}
