package org.tuskdb.platform.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The socket calls shared by {@link TcpListener} and {@link UnixSocket}, and the sockaddr
 * layouts they pass (Linux, LP64):
 *
 * <pre>
 * sockaddr_in  (16): | family u16 | port u16 BE | addr 4 bytes | zero 8 |
 * sockaddr_in6 (28): | family u16 | port u16 BE | flowinfo u32 | addr 16 bytes | scope_id u32 |
 * sockaddr_un (110): | family u16 | path 108 bytes, NUL-terminated |
 * </pre>
 */
final class Sockets {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SOCKADDR_STORAGE = 128;
    static final int UNIX_PATH_MAX = 108;

    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private static final class SocketCall {
        static final MethodHandle HANDLE = Native.function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class SocketpairCall {
        static final MethodHandle HANDLE = Native.function("socketpair",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class BindCall {
        static final MethodHandle HANDLE = Native.function("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class ListenCall {
        static final MethodHandle HANDLE = Native.function("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class ConnectCall {
        static final MethodHandle HANDLE = Native.function("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class Accept4Call {
        static final MethodHandle HANDLE = Native.function("accept4",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }
    private static final class GetsocknameCall {
        static final MethodHandle HANDLE = Native.function("getsockname",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class InetNtopCall {
        static final MethodHandle HANDLE = Native.plainFunction("inet_ntop",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    private Sockets() {
    }

    /** A peer or local address as text and port (null and -1 for a Unix-domain socket). */
    record Endpoint(String address, int port) {
    }

    static int socket(int family, int type) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            int fd = (int) SocketCall.HANDLE.invokeExact(state, family, type | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Native.failure("socket", state);
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    static int[] socketPair() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if ((int) SocketpairCall.HANDLE.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) {
                throw Native.failure("socketpair", state);
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    static void bind(int fd, MemorySegment address, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            if ((int) BindCall.HANDLE.invokeExact(state, fd, address, (int) address.byteSize()) < 0) {
                throw Native.failure("bind(" + what + ")", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    static void listen(int fd, int backlog) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            if ((int) ListenCall.HANDLE.invokeExact(state, fd, backlog) < 0) {
                throw Native.failure("listen", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    static void connect(int fd, MemorySegment address, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            while (true) {
                if ((int) ConnectCall.HANDLE.invokeExact(state, fd, address, (int) address.byteSize()) == 0) {
                    return;
                }
                // An interrupted connect goes on in the background; wait for it like a blocking one.
                if (Native.errno(state) == Errno.EINTR) {
                    Libc.poll(fd, Libc.POLLOUT, -1);
                    return;
                }
                throw Native.failure("connect(" + what + ")", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * accept4 with close-on-exec (the new socket is blocking). Returns -1 when nothing is pending
     * on a non-blocking listener (EAGAIN) or the connection was already reset (ECONNABORTED).
     */
    static int accept(int fd, MemorySegment peer, MemorySegment peerLength) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            while (true) {
                peerLength.set(JAVA_INT, 0, (int) peer.byteSize());
                int client = (int) Accept4Call.HANDLE.invokeExact(state, fd, peer, peerLength, SOCK_CLOEXEC);
                if (client >= 0) {
                    return client;
                }
                int errno = Native.errno(state);
                if (errno == Errno.EAGAIN || errno == Errno.ECONNABORTED) {
                    return -1;
                }
                if (errno != Errno.EINTR) {
                    throw Native.failure("accept", state);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    static Endpoint localEndpoint(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment address = arena.allocate(SOCKADDR_STORAGE, 8);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_STORAGE);
            if ((int) GetsocknameCall.HANDLE.invokeExact(state, fd, address, length) < 0) {
                throw Native.failure("getsockname", state);
            }
            return decode(address);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    static MemorySegment inet(Arena arena, InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            MemorySegment sa = arena.allocate(16, 4);
            sa.set(JAVA_SHORT, 0, (short) AF_INET);
            sa.set(PORT, 2, (short) port);
            MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
            return sa;
        }
        Inet6Address v6 = (Inet6Address) address;
        MemorySegment sa = arena.allocate(28, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_INET6);
        sa.set(PORT, 2, (short) port);
        MemorySegment.copy(v6.getAddress(), 0, sa, JAVA_BYTE, 8, 16);
        sa.set(JAVA_INT, 24, v6.getScopeId());
        return sa;
    }

    static MemorySegment unix(Arena arena, Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= UNIX_PATH_MAX) {
            throw new ErrnoException("Unix-domain socket path \"" + path + "\" (longer than " + (UNIX_PATH_MAX - 1)
                    + " bytes)", Errno.ENAMETOOLONG);
        }
        MemorySegment sa = arena.allocate(2 + UNIX_PATH_MAX, 2);
        sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, sa, JAVA_BYTE, 2, name.length);
        return sa;
    }

    /** Address text as inet_ntop writes it ("127.0.0.1", "::1") and port; (null, -1) for AF_UNIX. */
    static Endpoint decode(MemorySegment sa) {
        int family = sa.get(JAVA_SHORT, 0);
        if (family != AF_INET && family != AF_INET6) {
            return new Endpoint(null, -1);
        }
        int port = sa.get(PORT, 2) & 0xffff;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(64);
            MemorySegment raw = sa.asSlice(family == AF_INET ? 4 : 8);
            MemorySegment r = (MemorySegment) InetNtopCall.HANDLE.invokeExact(family, raw, text, 64);
            return new Endpoint(r.equals(MemorySegment.NULL) ? "?" : text.getString(0), port);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }
}
