package org.tuskdb.platform.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * eventfd(2): a counter in the kernel that poll reports readable while it is non-zero. It wakes
 * a thread blocked in {@link Libc#poll} from another thread of the same process (e.g. the
 * postmaster's accept loop at shutdown). Created non-blocking and close-on-exec.
 */
public final class EventFd {
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;

    private static final class EventfdCall {
        static final MethodHandle HANDLE = Native.function("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private EventFd() {
    }

    /** A new eventfd with counter 0; close it with {@link Libc#close}. */
    public static int create() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            int fd = (int) EventfdCall.HANDLE.invokeExact(state, 0, EFD_NONBLOCK | EFD_CLOEXEC);
            if (fd < 0) {
                throw Native.failure("eventfd", state);
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Adds 1 to the counter: the descriptor polls readable (POLLIN) until drained. */
    public static void signal(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L);
            try {
                Libc.write(fd, one, 8);
            } catch (ErrnoException e) {
                // EAGAIN: the counter is at its maximum, so it is signalled already.
                if (e.errno() != Errno.EAGAIN) {
                    throw e;
                }
            }
        }
    }

    /** Resets the counter to 0 and returns what it was (0 when it was not signalled). */
    public static long drain(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_LONG);
            try {
                Libc.read(fd, value, 8);
                return value.get(JAVA_LONG, 0);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    return 0;
                }
                throw e;
            }
        }
    }
}
