/**
 * Linux system calls for Tusk, made through {@code java.lang.foreign}: the single home of native
 * operating-system access for every other bundle (x86_64 and aarch64, glibc).
 *
 * <p>Every class here is a stateless final class of static methods (or, for
 * {@link org.tuskdb.platform.linux.TcpListener}, an object owning its file descriptors). A failed
 * call throws {@link org.tuskdb.platform.linux.ErrnoException}, an {@link java.io.IOException}
 * naming the call and the errno. Calls that a signal can interrupt are retried on EINTR where
 * the caller cannot care (read, write, poll with the remaining timeout, accept, connect).
 *
 * <ul>
 *   <li>{@link org.tuskdb.platform.linux.Libc}: file descriptors, poll, files, processes, socket options</li>
 *   <li>{@link org.tuskdb.platform.linux.EventFd}: eventfd wake-ups</li>
 *   <li>{@link org.tuskdb.platform.linux.TcpListener}: the postmaster's listening sockets</li>
 *   <li>{@link org.tuskdb.platform.linux.UnixSocket}: Unix stream sockets and descriptor passing</li>
 *   <li>{@link org.tuskdb.platform.linux.Signals}: signal handlers and {@code _exit} on SIGQUIT</li>
 *   <li>{@link org.tuskdb.platform.linux.Futex}: cross-process sleep/wake on a shared word</li>
 * </ul>
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package org.tuskdb.platform.linux;
