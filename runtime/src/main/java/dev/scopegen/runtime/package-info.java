/**
 * The ScopeGen runtime: Python's {@code async with}, {@code AsyncExitStack} and {@code contextlib}
 * for Java. Everything public here is API.
 *
 * <ul>
 *   <li>The scope protocol: {@link dev.scopegen.runtime.AsyncScope} ({@code enter}, {@code exit},
 *       and {@code use}, {@code call}, {@code run}), {@link dev.scopegen.runtime.TypedScope} for
 *       scopes that declare what they throw, and the bodies {@link
 *       dev.scopegen.runtime.ScopeFunction} and {@link dev.scopegen.runtime.ScopeConsumer}.
 *   <li>The exit stack: {@link dev.scopegen.runtime.ExitStack}, with its registrations {@link
 *       dev.scopegen.runtime.ExitHandler}, {@link dev.scopegen.runtime.AsyncExitHandler}, {@link
 *       dev.scopegen.runtime.Cleanup} and {@link dev.scopegen.runtime.AsyncCleanup}.
 *   <li>The toolbox: {@link dev.scopegen.runtime.Scopes} (timeout, lock, permit, closing,
 *       suppress, just, all, with), {@link dev.scopegen.runtime.Deadline}, {@link
 *       dev.scopegen.runtime.AsyncSemaphore}, and the statements of several scopes {@link
 *       dev.scopegen.runtime.With2}, {@link dev.scopegen.runtime.With3}, {@link
 *       dev.scopegen.runtime.With4}.
 *   <li>Generator methods ({@code @ScopedResource}): {@link dev.scopegen.runtime.Yield}, {@link
 *       dev.scopegen.runtime.AsyncYield} and {@link dev.scopegen.runtime.YieldStage}.
 *   <li>{@link dev.scopegen.runtime.Failures}: the suppressed-exception bookkeeping every scope
 *       follows.
 * </ul>
 *
 * <p>The engines behind these types live in {@code dev.scopegen.runtime.internal}, which is also
 * what generated scope classes call: public so that generated code in any package and module can
 * reach it, but not for users. The two package-private classes left here are the halves of {@link
 * dev.scopegen.runtime.Deadline} and {@link dev.scopegen.runtime.AsyncSemaphore} that need their
 * private state: the scopes of {@code Scopes.timeout} and {@code Scopes.permit(AsyncSemaphore)}.
 */
package dev.scopegen.runtime;
