/**
 * The runtime's toolbox: {@link dev.scopegen.runtime.ExitStack} and {@link
 * dev.scopegen.runtime.Scopes}, the Java forms of Python's {@code AsyncExitStack}, {@code
 * asyncio.timeout} and {@code async with lock}.
 *
 * <ul>
 *   <li>{@link dev.scopegen.examples.toolbox.FilesExample}: as many files as the program needs,
 *       entered in one exit stack and closed newest first, also when one cannot be opened.
 *   <li>{@link dev.scopegen.examples.toolbox.HttpTimeoutExample}: HTTP calls to a local server
 *       under a deadline; the slow one times out and its cleanup still runs.
 *   <li>{@link dev.scopegen.examples.toolbox.LockExample}: concurrent workers sharing a counter
 *       under a lock.
 *   <li>{@link dev.scopegen.examples.toolbox.LockWorkersExample}: two workers on one thread taking
 *       turns under an {@link dev.scopegen.runtime.AsyncSemaphore}, and a lock with a deadline in
 *       one {@link dev.scopegen.runtime.Scopes#with} statement.
 * </ul>
 */
package dev.scopegen.examples.toolbox;
