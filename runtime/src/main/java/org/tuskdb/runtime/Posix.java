package org.tuskdb.runtime;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The few system calls the launcher needs before any bundle runs (the platform bundle offers the
 * rest to bundles). The launcher is not a bundle, so it cannot use the platform bundle's.
 */
final class Posix {
    private static final int EEXIST = 17;
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

    /**
     * Built at first use (a holder class): only the postmaster makes the log FIFO, and building a
     * downcall handle costs every worker start some milliseconds of class spinning.
     */
    private static final class MkfifoCall {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("mkfifo").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                Linker.Option.captureCallState("errno"));
    }

    private Posix() {
    }

    /** Creates a FIFO with the given mode; an existing FIFO at that path is fine. */
    static void mkfifo(Path path, int mode) throws IOException {
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) MkfifoCall.HANDLE.invokeExact(state, arena.allocateFrom(path.toString()), mode);
            if (rc == 0) {
                return;
            }
            errno = state.get(ValueLayout.JAVA_INT,
                    CALL_STATE.byteOffset(StructLayout.PathElement.groupElement("errno")));
        } catch (Throwable t) {
            throw new IOException("mkfifo " + path + " failed", t);
        }
        if (errno == EEXIST && isFifo(path)) {
            return;
        }
        throw new IOException("mkfifo " + path + " failed: errno " + errno);
    }

    /** True for a FIFO (or another special file: nothing else gets there in a data directory). */
    static boolean isFifo(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sets the name {@code ps -o comm}, {@code top} and {@code pgrep} show for this process (the
     * main thread's comm, at most 15 bytes). Best effort: not every system has /proc.
     */
    static void setProcessTitle(String title) {
        try {
            Files.writeString(Path.of("/proc/self/comm"), title.length() > 15 ? title.substring(0, 15) : title);
        } catch (IOException | RuntimeException e) {
            // Only cosmetic; ps still shows -Dtusk.role=... in the command line.
        }
    }
}
