/** A consumer in a named module: it reads ScopeGen's annotations at compile time only. */
module example.app {
  requires static dev.scopegen;
  requires dev.scopegen.runtime;
}
