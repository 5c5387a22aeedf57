package org.tuskdb.postmaster.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Undoes inherited "ignore" dispositions before Java handlers are installed.
 *
 * <p>A process started in the background by a non-interactive shell ({@code tusk start}) has
 * SIGINT (and SIGQUIT) set to SIG_IGN, and the disposition is inherited across exec by every
 * worker. The JVM then silently refuses to install a handler for an ignored signal
 * (sun.misc.Signal.handle does nothing), so fast shutdown and query cancel would never arrive.
 * Resetting such a signal to SIG_DFL first lets the handler in. A signal that is not ignored is
 * left alone: its handler may be the JVM's own, which must keep its flags.
 * (Missing from the platform bundle; private here until it has it.)
 */
public final class SignalDisposition {
    /** The process's ignored signals, a hex mask (bit n-1 for signal n), in /proc/self/status. */
    private static final String SIG_IGN_LINE = "SigIgn:";

    /** Built at first use only: a downcall stub costs a worker's start milliseconds of CPU. */
    private static final class SignalCall {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("signal").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    }

    private SignalDisposition() {}

    /**
     * Whether the signal's disposition is SIG_IGN: the kernel's SigIgn mask of this process
     * (read from /proc, not with a sigaction downcall, whose stub every worker would build at
     * start for a signal that is almost never ignored).
     */
    public static boolean isIgnored(int signal) {
        return (ignoredMask() >>> (signal - 1) & 1) != 0;
    }

    static long ignoredMask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(SIG_IGN_LINE)) {
                    return Long.parseUnsignedLong(line.substring(SIG_IGN_LINE.length()).trim(), 16);
                }
            }
            throw new IllegalStateException("no " + SIG_IGN_LINE + " line in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets each ignored signal back to its default action (call before installing a Java handler). */
    public static void restoreDefaultIfIgnored(int... signals) {
        long ignored = ignoredMask();
        for (int signal : signals) {
            if ((ignored >>> (signal - 1) & 1) == 0) {
                continue;
            }
            try {
                MemorySegment previous = (MemorySegment) SignalCall.HANDLE.invokeExact(signal, MemorySegment.NULL);
                if (previous.address() == -1L) {
                    throw new IllegalStateException("signal(" + signal + ", SIG_DFL) failed");
                }
            } catch (Throwable t) {
                throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
            }
        }
    }
}
