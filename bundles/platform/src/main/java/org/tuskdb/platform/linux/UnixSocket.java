package org.tuskdb.platform.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Unix-domain stream sockets (AF_UNIX, SOCK_STREAM): listen, accept, connect, and passing a
 * file descriptor to another process with SCM_RIGHTS (how the postmaster hands a client socket
 * to a backend). Every socket is created close-on-exec; every received descriptor too
 * (MSG_CMSG_CLOEXEC), so none leaks into a child process.
 *
 * <p>Descriptor passing builds the structures of sendmsg(2)/recvmsg(2) (Linux, LP64):
 *
 * <pre>
 * msghdr (56)  | name* 8 | namelen u32 + pad 4 | iov* 8 | iovlen 8 | control* 8 | controllen 8 | flags i32 + pad 4 |
 * iovec (16)   | base* 8 | len 8 |
 * cmsghdr (16) | len 8 (= CMSG_LEN(data)) | level i32 | type i32 | data, padded to 8 (CMSG_SPACE) ...
 * </pre>
 *
 * A frame ({@link #sendFrame}/{@link #receiveFrame}) is a 4-byte big-endian length and that many
 * payload bytes; a descriptor sent with a frame travels with its first byte. The kernel never
 * merges the bytes of a message carrying descriptors with bytes sent after it into one read, and
 * the receiver reads the length word alone first, so a descriptor is always matched to its frame.
 */
public final class UnixSocket {
    /** Largest frame {@link #receiveFrame} accepts; a longer length means a corrupt stream. */
    public static final int MAX_FRAME = 64 << 20;

    /** What {@link #receiveWithFd} got: {@code length} bytes (0 at end of stream) and a descriptor or -1. */
    public record Received(int length, int fd) {
    }

    /** A frame's payload and the descriptor that came with it, or -1. */
    public record Frame(byte[] payload, int fd) {
    }

    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int MSG_CTRUNC = 0x8;
    /** Room for a few descriptors, so a sender that sends more cannot leave ours truncated. */
    private static final int MAX_FDS = 4;

    private static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));
    private static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));
    private static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type"));

    // Field offsets (plain offsets, not VarHandles: a VarHandle per field would be spun at class
    // initialization, which every worker pays at start).
    private static final long IOV_BASE = IOVEC.byteOffset(groupElement("iov_base"));
    private static final long IOV_LEN = IOVEC.byteOffset(groupElement("iov_len"));
    private static final long MSG_IOV = MSGHDR.byteOffset(groupElement("msg_iov"));
    private static final long MSG_IOVLEN = MSGHDR.byteOffset(groupElement("msg_iovlen"));
    private static final long MSG_CONTROL = MSGHDR.byteOffset(groupElement("msg_control"));
    private static final long MSG_CONTROLLEN = MSGHDR.byteOffset(groupElement("msg_controllen"));
    private static final long MSG_FLAGS = MSGHDR.byteOffset(groupElement("msg_flags"));
    private static final long CMSG_LEN_FIELD = CMSGHDR.byteOffset(groupElement("cmsg_len"));
    private static final long CMSG_LEVEL = CMSGHDR.byteOffset(groupElement("cmsg_level"));
    private static final long CMSG_TYPE = CMSGHDR.byteOffset(groupElement("cmsg_type"));

    private static final class SendmsgCall {
        static final MethodHandle HANDLE = Native.function("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class RecvmsgCall {
        static final MethodHandle HANDLE = Native.function("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private UnixSocket() {
    }

    // CMSG_ALIGN, CMSG_LEN and CMSG_SPACE of <sys/socket.h>: control data is aligned to size_t.
    static long cmsgAlign(long length) {
        return (length + 7) & ~7L;
    }

    static long cmsgLen(long dataLength) {
        return cmsgAlign(CMSGHDR.byteSize()) + dataLength;
    }

    static long cmsgSpace(long dataLength) {
        return cmsgAlign(CMSGHDR.byteSize()) + cmsgAlign(dataLength);
    }

    // ---- connections --------------------------------------------------------------------------

    /**
     * Listens at {@code path} (a stale file there is removed first) with the given permission
     * bits, e.g. 0600 so only the owner can connect. Returns the listening descriptor.
     */
    public static int listen(Path path, int mode) throws IOException {
        Files.deleteIfExists(path);
        int fd = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM);
        try (Arena arena = Arena.ofConfined()) {
            Sockets.bind(fd, Sockets.unix(arena, path), path.toString());
            Libc.chmod(path, mode);
            Sockets.listen(fd, 128);
            return fd;
        } catch (IOException | RuntimeException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    /** Waits for and accepts one connection; returns its (blocking, close-on-exec) descriptor. */
    public static int accept(int listenFd) throws IOException {
        int fd;
        do {
            fd = accept(listenFd, -1);
        } while (fd < 0);
        return fd;
    }

    /** Accepts one connection, waiting at most {@code timeoutMillis} (-1: for ever); -1 on timeout. */
    public static int accept(int listenFd, int timeoutMillis) throws IOException {
        if (Libc.poll(listenFd, Libc.POLLIN, timeoutMillis) == 0) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            return Sockets.accept(listenFd, arena.allocate(Sockets.SOCKADDR_STORAGE, 8), arena.allocate(JAVA_INT));
        }
    }

    /** Connects to the socket at {@code path}; returns the connected descriptor. */
    public static int connect(Path path) throws IOException {
        int fd = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM);
        try (Arena arena = Arena.ofConfined()) {
            Sockets.connect(fd, Sockets.unix(arena, path), path.toString());
            return fd;
        } catch (IOException | RuntimeException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    /** A connected pair of sockets (socketpair(2)); either end may be passed to a child or another process. */
    public static int[] pair() throws IOException {
        return Sockets.socketPair();
    }

    // ---- descriptor passing -------------------------------------------------------------------

    /**
     * Sends all of {@code payload} (at least one byte) with a copy of {@code fdToPass} attached
     * (SCM_RIGHTS), or without one when it is -1. The caller still owns {@code fdToPass} and
     * closes its copy when it no longer needs it.
     */
    public static void sendWithFd(int sockFd, byte[] payload, int fdToPass) throws IOException {
        if (payload.length == 0) {
            throw new IllegalArgumentException("a descriptor travels with data: send at least one byte");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment data = arena.allocate(payload.length);
            MemorySegment.copy(payload, 0, data, JAVA_BYTE, 0, payload.length);
            MemorySegment iov = arena.allocate(IOVEC);
            iov.set(ADDRESS, IOV_BASE, data);
            iov.set(JAVA_LONG, IOV_LEN, (long) payload.length);
            MemorySegment msg = arena.allocate(MSGHDR);
            msg.set(ADDRESS, MSG_IOV, iov);
            msg.set(JAVA_LONG, MSG_IOVLEN, 1L);
            if (fdToPass >= 0) {
                MemorySegment control = arena.allocate(cmsgSpace(4), 8);
                control.set(JAVA_LONG, CMSG_LEN_FIELD, cmsgLen(4));
                control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
                control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
                control.set(JAVA_INT, cmsgAlign(CMSGHDR.byteSize()), fdToPass);
                msg.set(ADDRESS, MSG_CONTROL, control);
                msg.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
            }
            long sent;
            while ((sent = (long) SendmsgCall.HANDLE.invokeExact(state, sockFd, msg, MSG_NOSIGNAL)) < 0) {
                if (Native.errno(state) != Errno.EINTR) {
                    throw Native.failure("sendmsg", state);
                }
            }
            // The descriptor went with the first byte; the rest of a partial send goes plainly.
            if (sent < payload.length) {
                Libc.writeFully(sockFd, data.asSlice(sent), payload.length - sent);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Reads up to {@code buf.length} bytes and any descriptor that came with them. Returns the
     * byte count (0 at end of stream) and the received descriptor (close-on-exec, now owned by
     * the caller) or -1.
     */
    public static Received receiveWithFd(int sockFd, byte[] buf) throws IOException {
        return receiveWithFd(sockFd, buf, 0, buf.length);
    }

    /** {@link #receiveWithFd(int, byte[])} into {@code buf[offset..offset+length)}. */
    public static Received receiveWithFd(int sockFd, byte[] buf, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment data = arena.allocate(Math.max(1, length));
            MemorySegment iov = arena.allocate(IOVEC);
            iov.set(ADDRESS, IOV_BASE, data);
            iov.set(JAVA_LONG, IOV_LEN, (long) length);
            MemorySegment control = arena.allocate(cmsgSpace(4L * MAX_FDS), 8);
            MemorySegment msg = arena.allocate(MSGHDR);
            msg.set(ADDRESS, MSG_IOV, iov);
            msg.set(JAVA_LONG, MSG_IOVLEN, 1L);
            msg.set(ADDRESS, MSG_CONTROL, control);
            msg.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
            long n;
            while ((n = (long) RecvmsgCall.HANDLE.invokeExact(state, sockFd, msg, MSG_CMSG_CLOEXEC)) < 0) {
                if (Native.errno(state) != Errno.EINTR) {
                    throw Native.failure("recvmsg", state);
                }
                msg.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
            }
            MemorySegment.copy(data, JAVA_BYTE, 0, buf, offset, (int) n);
            int fd = receivedFd(control, msg.get(JAVA_LONG, MSG_CONTROLLEN));
            if (fd >= 0 && (msg.get(JAVA_INT, MSG_FLAGS) & MSG_CTRUNC) != 0) {
                Libc.closeQuietly(fd);
                throw new IOException("recvmsg: control data truncated (descriptors lost)");
            }
            return new Received((int) n, fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** The first SCM_RIGHTS descriptor in the control data; any further ones are closed. */
    private static int receivedFd(MemorySegment control, long controlLength) {
        int first = -1;
        long at = 0;
        long header = cmsgAlign(CMSGHDR.byteSize());
        while (at + header <= controlLength) {
            MemorySegment cmsg = control.asSlice(at);
            long length = cmsg.get(JAVA_LONG, CMSG_LEN_FIELD);
            if (length < header || at + length > controlLength) {
                break;
            }
            if (cmsg.get(JAVA_INT, CMSG_LEVEL) == SOL_SOCKET && cmsg.get(JAVA_INT, CMSG_TYPE) == SCM_RIGHTS) {
                for (long i = header; i + 4 <= length; i += 4) {
                    int fd = cmsg.get(JAVA_INT, i);
                    if (first < 0) {
                        first = fd;
                    } else {
                        Libc.closeQuietly(fd);
                    }
                }
            }
            at += cmsgAlign(length);
        }
        return first;
    }

    // ---- frames -------------------------------------------------------------------------------

    /** Sends one frame: 4-byte big-endian length, then the payload. */
    public static void sendFrame(int sockFd, byte[] payload) throws IOException {
        sendFrame(sockFd, payload, -1);
    }

    /** Sends one frame with a descriptor attached (-1: none); the caller keeps its copy of {@code fdToPass}. */
    public static void sendFrame(int sockFd, byte[] payload, int fdToPass) throws IOException {
        byte[] frame = new byte[4 + payload.length];
        frame[0] = (byte) (payload.length >>> 24);
        frame[1] = (byte) (payload.length >>> 16);
        frame[2] = (byte) (payload.length >>> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        if (fdToPass >= 0) {
            sendWithFd(sockFd, frame, fdToPass);
        } else {
            Libc.writeFully(sockFd, frame, 0, frame.length);
        }
    }

    /**
     * Reads one frame and the descriptor sent with it (or -1). Returns null at end of stream
     * before a frame starts; throws EOFException when the stream ends inside one.
     */
    public static Frame receiveFrame(int sockFd) throws IOException {
        byte[] header = new byte[4];
        int fd = -1;
        try {
            int done = 0;
            while (done < 4) {
                Received r = receiveWithFd(sockFd, header, done, 4 - done);
                fd = keep(fd, r.fd());
                if (r.length() == 0) {
                    if (done == 0 && fd < 0) {
                        return null;
                    }
                    throw new EOFException("end of stream inside a frame header");
                }
                done += r.length();
            }
            int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            if (length < 0 || length > MAX_FRAME) {
                throw new IOException("frame length " + length + " out of range: corrupt stream");
            }
            byte[] payload = new byte[length];
            done = 0;
            while (done < length) {
                Received r = receiveWithFd(sockFd, payload, done, length - done);
                fd = keep(fd, r.fd());
                if (r.length() == 0) {
                    throw new EOFException("end of stream after " + done + " of " + length + " frame bytes");
                }
                done += r.length();
            }
            Frame frame = new Frame(payload, fd);
            fd = -1;
            return frame;
        } finally {
            Libc.closeQuietly(fd);
        }
    }

    private static int keep(int held, int received) {
        if (received < 0) {
            return held;
        }
        if (held >= 0) {
            Libc.closeQuietly(received); // one descriptor per frame; a second is a sender's bug
            return held;
        }
        return received;
    }
}
