package org.tuskdb.platform.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Thin wrappers of libc: file descriptors, poll, files, processes and socket options.
 *
 * <p>Conventions: a failure throws {@link ErrnoException}; {@code read} returns 0 at end of file
 * (libc's convention, not InputStream's -1); {@code write} may write less than asked (as libc),
 * {@code writeFully} loops until all is written. Reads, writes and poll are retried when a
 * signal interrupts them (EINTR): the JVM's signal handlers run on their own thread, so an
 * interrupted call here is never a request to stop. Memory segments passed in must be native
 * (off-heap); byte[] and heap ByteBuffer variants copy through a temporary native buffer.
 */
public final class Libc {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_TRUNC = 0x200;
    public static final int O_APPEND = 0x400;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int POLLIN = 0x1;
    public static final int POLLPRI = 0x2;
    public static final int POLLOUT = 0x4;
    public static final int POLLERR = 0x8;
    public static final int POLLHUP = 0x10;
    public static final int POLLNVAL = 0x20;
    public static final int POLLRDHUP = 0x2000;

    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_KEEPALIVE = 9;
    public static final int IPPROTO_TCP = 6;
    public static final int TCP_NODELAY = 1;

    /** Longest process title /proc/self/comm keeps (TASK_COMM_LEN - 1). */
    public static final int MAX_TITLE_BYTES = 15;

    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;

    private static final class ReadCall {
        static final MethodHandle HANDLE = Native.function("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }
    private static final class WriteCall {
        static final MethodHandle HANDLE = Native.function("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }
    private static final class CloseCall {
        static final MethodHandle HANDLE = Native.function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class ShutdownCall {
        static final MethodHandle HANDLE = Native.function("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class PollCall {
        static final MethodHandle HANDLE = Native.function("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }
    private static final class KillCall {
        static final MethodHandle HANDLE = Native.function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class GetpidCall {
        static final MethodHandle HANDLE = Native.plainFunction("getpid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class GetppidCall {
        static final MethodHandle HANDLE = Native.plainFunction("getppid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class MkfifoCall {
        static final MethodHandle HANDLE = Native.function("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class OpenCall {
        static final MethodHandle HANDLE = Native.function("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
    }
    private static final class Dup2Call {
        static final MethodHandle HANDLE = Native.function("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class ChmodCall {
        static final MethodHandle HANDLE = Native.function("chmod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class FcntlCall {
        static final MethodHandle HANDLE = Native.function("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
    }
    private static final class SetsockoptCall {
        static final MethodHandle HANDLE = Native.function("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class GetsockoptCall {
        static final MethodHandle HANDLE = Native.function("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class PosixFallocateCall {
        static final MethodHandle HANDLE = Native.plainFunction("posix_fallocate",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    }

    private Libc() {
    }

    // ---- reading and writing ------------------------------------------------------------------

    /** Reads up to {@code length} bytes into native memory; returns the count, 0 at end of file. */
    public static long read(int fd, MemorySegment buffer, long length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return read(fd, buffer, length, Native.callState(arena));
        }
    }

    private static long read(int fd, MemorySegment buffer, long length, MemorySegment state) throws IOException {
        checkNative(buffer, length);
        try {
            while (true) {
                long n = (long) ReadCall.HANDLE.invokeExact(state, fd, buffer, length);
                if (n >= 0) {
                    return n;
                }
                if (Native.errno(state) != Errno.EINTR) {
                    throw Native.failure("read", state);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Reads up to {@code length} bytes into {@code bytes[offset..]}; returns the count, 0 at end of file. */
    public static int read(int fd, byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            int n = (int) read(fd, buffer, length, Native.callState(arena));
            MemorySegment.copy(buffer, JAVA_BYTE, 0, bytes, offset, n);
            return n;
        }
    }

    /** Reads exactly {@code length} bytes; EOFException when the file or peer ends first. */
    public static void readFully(int fd, byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = read(fd, bytes, offset + done, length - done);
            if (n == 0) {
                throw new EOFException("end of file after " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }

    /**
     * Reads into the buffer's remaining space and advances its position; returns the count,
     * 0 at end of file. A direct buffer is read into without copying.
     */
    public static int read(int fd, ByteBuffer buffer) throws IOException {
        int length = buffer.remaining();
        if (buffer.isDirect()) {
            MemorySegment target = MemorySegment.ofBuffer(buffer);
            int n = (int) read(fd, target, length);
            buffer.position(buffer.position() + n);
            return n;
        }
        byte[] copy = new byte[length];
        int n = read(fd, copy, 0, length);
        buffer.put(copy, 0, n);
        return n;
    }

    /** Writes up to {@code length} bytes from native memory; returns the count written (may be less). */
    public static long write(int fd, MemorySegment buffer, long length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return write(fd, buffer, length, Native.callState(arena));
        }
    }

    private static long write(int fd, MemorySegment buffer, long length, MemorySegment state) throws IOException {
        checkNative(buffer, length);
        try {
            while (true) {
                long n = (long) WriteCall.HANDLE.invokeExact(state, fd, buffer, length);
                if (n >= 0) {
                    return n;
                }
                if (Native.errno(state) != Errno.EINTR) {
                    throw Native.failure("write", state);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Writes up to {@code length} bytes of {@code bytes[offset..]}; returns the count written (may be less). */
    public static int write(int fd, byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            MemorySegment.copy(bytes, offset, buffer, JAVA_BYTE, 0, length);
            return (int) write(fd, buffer, length, Native.callState(arena));
        }
    }

    /** Writes all {@code length} bytes, looping over partial writes. */
    public static void writeFully(int fd, byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            MemorySegment.copy(bytes, offset, buffer, JAVA_BYTE, 0, length);
            writeFully(fd, buffer, length, Native.callState(arena));
        }
    }

    /** Writes all {@code length} bytes of native memory, looping over partial writes. */
    public static void writeFully(int fd, MemorySegment buffer, long length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            writeFully(fd, buffer, length, Native.callState(arena));
        }
    }

    private static void writeFully(int fd, MemorySegment buffer, long length, MemorySegment state) throws IOException {
        long done = 0;
        while (done < length) {
            done += write(fd, buffer.asSlice(done), length - done, state);
        }
    }

    /**
     * Writes the buffer's remaining bytes (all of them, looping over partial writes) and advances
     * its position. A direct buffer is written without copying.
     */
    public static void write(int fd, ByteBuffer buffer) throws IOException {
        int length = buffer.remaining();
        if (buffer.isDirect()) {
            writeFully(fd, MemorySegment.ofBuffer(buffer), length);
            buffer.position(buffer.position() + length);
            return;
        }
        byte[] copy = new byte[length];
        buffer.get(copy);
        writeFully(fd, copy, 0, length);
    }

    private static void checkNative(MemorySegment buffer, long length) {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("system calls need native memory, not a heap segment");
        }
        if (length < 0 || length > buffer.byteSize()) {
            throw new IndexOutOfBoundsException("length " + length + " outside a segment of " + buffer.byteSize());
        }
    }

    // ---- descriptors --------------------------------------------------------------------------

    /** Closes a descriptor. Not retried on EINTR: Linux has closed it anyway. */
    public static void close(int fd) throws IOException {
        simpleCall("close", CloseCall.HANDLE, fd);
    }

    /** Closes a descriptor, ignoring any failure (cleanup paths). */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (IOException ignored) {
            // cleanup: nothing useful to do
        }
    }

    /** shutdown(2): how is {@link #SHUT_RD}, {@link #SHUT_WR} or {@link #SHUT_RDWR}. */
    public static void shutdown(int fd, int how) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            if ((int) ShutdownCall.HANDLE.invokeExact(state, fd, how) < 0) {
                throw Native.failure("shutdown", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** open(2); returns the new descriptor. Add {@link #O_CLOEXEC} unless a child must inherit it. */
    public static int open(Path path, int flags, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment name = arena.allocateFrom(path.toString());
            int fd = (int) OpenCall.HANDLE.invokeExact(state, name, flags, mode);
            if (fd < 0) {
                throw Native.failure("open(" + path + ")", state);
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** dup2(2): makes {@code newFd} a copy of {@code oldFd} (e.g. to redirect stdout). */
    public static void dup2(int oldFd, int newFd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            while (true) {
                if ((int) Dup2Call.HANDLE.invokeExact(state, oldFd, newFd) >= 0) {
                    return;
                }
                if (Native.errno(state) != Errno.EINTR) {
                    throw Native.failure("dup2", state);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Switches O_NONBLOCK on or off for a descriptor. */
    public static void setBlocking(int fd, boolean blocking) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            int flags = (int) FcntlCall.HANDLE.invokeExact(state, fd, F_GETFL, 0);
            if (flags < 0) {
                throw Native.failure("fcntl(F_GETFL)", state);
            }
            int wanted = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
            if (wanted != flags && (int) FcntlCall.HANDLE.invokeExact(state, fd, F_SETFL, wanted) < 0) {
                throw Native.failure("fcntl(F_SETFL)", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    // ---- poll ---------------------------------------------------------------------------------

    /**
     * Waits until one of the descriptors is ready. {@code events[i]} is the POLL* mask wanted for
     * {@code fds[i]}; returns each descriptor's revents (all 0 after a timeout). A timeout of -1
     * waits for ever; an interrupted wait resumes with the time that is left.
     */
    public static int[] poll(int[] fds, int[] events, int timeoutMillis) throws IOException {
        if (fds.length != events.length) {
            throw new IllegalArgumentException("fds and events differ in length");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment pollFds = arena.allocate(8L * fds.length, 4);
            for (int i = 0; i < fds.length; i++) {
                pollFds.set(JAVA_INT, 8L * i, fds[i]);
                pollFds.set(JAVA_SHORT, 8L * i + 4, (short) events[i]);
            }
            long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
            int timeout = timeoutMillis;
            while (true) {
                int n = (int) PollCall.HANDLE.invokeExact(state, pollFds, (long) fds.length, timeout);
                if (n >= 0) {
                    int[] revents = new int[fds.length];
                    for (int i = 0; i < fds.length && n > 0; i++) {
                        revents[i] = pollFds.get(JAVA_SHORT, 8L * i + 6) & 0xffff;
                    }
                    return revents;
                }
                if (Native.errno(state) != Errno.EINTR) {
                    throw Native.failure("poll", state);
                }
                if (timeoutMillis > 0) {
                    timeout = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** poll of one descriptor; returns its revents, 0 after a timeout. */
    public static int poll(int fd, int events, int timeoutMillis) throws IOException {
        return poll(new int[] {fd}, new int[] {events}, timeoutMillis)[0];
    }

    // ---- files --------------------------------------------------------------------------------

    /** mkfifo(3) with the given permission bits (e.g. 0600). */
    public static void mkfifo(Path path, int mode) throws IOException {
        pathCall("mkfifo", MkfifoCall.HANDLE, path, mode);
    }

    /** chmod(2) with the given permission bits. */
    public static void chmod(Path path, int mode) throws IOException {
        pathCall("chmod", ChmodCall.HANDLE, path, mode);
    }

    /**
     * Reserves {@code length} bytes of a file's blocks (posix_fallocate), so that later writes to
     * a mapping of it cannot fail with SIGBUS on a full tmpfs.
     */
    public static void allocate(int fd, long length) throws IOException {
        try {
            int error;
            do {
                error = (int) PosixFallocateCall.HANDLE.invokeExact(fd, 0L, length);
            } while (error == Errno.EINTR);
            if (error != 0) {
                throw new ErrnoException("posix_fallocate", error);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static void pathCall(String call, MethodHandle handle, Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment name = arena.allocateFrom(path.toString());
            if ((int) handle.invokeExact(state, name, mode) < 0) {
                throw Native.failure(call + "(" + path + ")", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    // ---- processes ----------------------------------------------------------------------------

    /** kill(2): sends the signal (see {@link Signals}) to the process. */
    public static void kill(long pid, int signal) throws IOException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            // kill(0 or negative) would signal process groups: never what a caller of this means.
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            if ((int) KillCall.HANDLE.invokeExact(state, (int) pid, signal) < 0) {
                throw Native.failure("kill(" + pid + ", " + Signals.name(signal) + ")", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** True when a process with that pid exists (kill with signal 0; EPERM still means it exists). */
    public static boolean processExists(long pid) {
        try {
            kill(pid, 0);
            return true;
        } catch (ErrnoException e) {
            return e.errno() == Errno.EPERM;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    public static long getpid() {
        try {
            return (int) GetpidCall.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** The parent's pid; 1 (or a subreaper's) once the parent has died. */
    public static long getppid() {
        try {
            return (int) GetppidCall.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Sets the process's name as {@code ps -e}, {@code top} and {@code /proc/PID/status} show it
     * (the kernel's comm, which /proc/self/comm sets for the main thread, thereby for the
     * process). Truncated to {@value #MAX_TITLE_BYTES} bytes of UTF-8, e.g. "tusk backend".
     */
    public static void setProcessTitle(String title) throws IOException {
        byte[] bytes = title.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_TITLE_BYTES);
        while (length > 0 && length < bytes.length && (bytes[length] & 0xC0) == 0x80) {
            length--; // do not cut a multi-byte character in half
        }
        Files.write(Path.of("/proc/self/comm"), Arrays.copyOf(bytes, length));
    }

    /** The process title as the kernel has it (/proc/self/comm). */
    public static String processTitle() throws IOException {
        return Files.readString(Path.of("/proc/self/comm")).strip();
    }

    // ---- socket options -----------------------------------------------------------------------

    /** setsockopt(2) of an int option. */
    public static void setSocketOption(int fd, int level, int option, int value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            if ((int) SetsockoptCall.HANDLE.invokeExact(state, fd, level, option, v, 4) < 0) {
                throw Native.failure("setsockopt(" + level + ", " + option + ")", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** An int socket option's value (getsockopt). */
    public static int socketOption(int fd, int level, int option) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
            if ((int) GetsockoptCall.HANDLE.invokeExact(state, fd, level, option, v, length) < 0) {
                throw Native.failure("getsockopt(" + level + ", " + option + ")", state);
            }
            return v.get(JAVA_INT, 0);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** TCP_NODELAY: send small protocol messages at once (PostgreSQL sets it on every client socket). */
    public static void setTcpNoDelay(int fd, boolean on) throws IOException {
        setSocketOption(fd, IPPROTO_TCP, TCP_NODELAY, on ? 1 : 0);
    }

    /**
     * The socket's own address as inet_ntop writes it and its port (getsockname): what a
     * connected client reached; null for a Unix-domain socket.
     *
     * @since 1.2
     */
    public static java.net.InetSocketAddress localAddress(int fd) throws IOException {
        Sockets.Endpoint e = Sockets.localEndpoint(fd);
        return e.address() == null ? null : java.net.InetSocketAddress.createUnresolved(e.address(), e.port());
    }

    /** SO_KEEPALIVE: notice peers that vanished without closing. */
    public static void setKeepAlive(int fd, boolean on) throws IOException {
        setSocketOption(fd, SOL_SOCKET, SO_KEEPALIVE, on ? 1 : 0);
    }

    private static void simpleCall(String call, MethodHandle handle, int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            if ((int) handle.invokeExact(state, fd) < 0) {
                throw Native.failure(call, state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }
}
