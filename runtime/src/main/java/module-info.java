/**
 * The ScopeGen runtime: the scope protocol ({@link dev.scopegen.runtime.AsyncScope}), the exit
 * stack ({@link dev.scopegen.runtime.ExitStack}), the toolbox ({@link dev.scopegen.runtime.Scopes})
 * and the yields of generator methods. JDK only.
 *
 * <p>Generated scope classes live in the modules of the classes they are generated for and call
 * {@code dev.scopegen.runtime.internal}, so that package is exported to every module; it is not
 * part of the API (see its package documentation).
 *
 * <p>Scope uses are recorded as the JFR event {@code dev.scopegen.Scope} while a Flight Recorder
 * recording runs, hence {@code jdk.jfr}.
 */
module dev.scopegen.runtime {
  requires jdk.jfr;

  exports dev.scopegen.runtime;
  exports dev.scopegen.runtime.internal;
}
