package dev.scopegen.runtime.internal;

/**
 * A runtime scope with a name of its own in JFR events, such as {@code Scopes.timeout}; other scopes
 * are named by their class. Not part of the API.
 */
public interface NamedScope {

  /**
   * The scope's name in {@code dev.scopegen.Scope} events.
   *
   * @return the name, such as {@code "Scopes.lock"}
   */
  String scopeName();
}
