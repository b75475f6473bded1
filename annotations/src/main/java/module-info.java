/**
 * The ScopeGen annotations: {@link dev.scopegen.Enter @Enter}, {@link dev.scopegen.Exit @Exit},
 * {@link dev.scopegen.Commit @Commit}, {@link dev.scopegen.Rollback @Rollback} and {@link
 * dev.scopegen.ScopedResource @ScopedResource}.
 *
 * <p>Only the annotation processor reads them, so a module that uses them needs them at compile
 * time only:
 *
 * <pre>{@code
 * module com.example.app {
 *   requires static dev.scopegen;
 *   requires dev.scopegen.runtime;
 * }
 * }</pre>
 */
module dev.scopegen {
  exports dev.scopegen;
}
