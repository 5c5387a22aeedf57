package org.tuskdb.postmaster.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

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
    private static final long SIG_IGN = 1;
    /** glibc's struct sigaction is 152 bytes on x86_64 and aarch64; sa_handler comes first. */
    private static final long SIGACTION_SIZE = 256;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SIGNAL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("signal").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle SIGACTION = LINKER.downcallHandle(
            LINKER.defaultLookup().find("sigaction").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private SignalDisposition() {}

    /** Whether the signal's disposition is SIG_IGN. */
    public static boolean isIgnored(int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 8);
            int rc = (int) SIGACTION.invokeExact(signal, MemorySegment.NULL, old);
            return rc == 0 && old.get(JAVA_LONG, 0) == SIG_IGN;
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }

    /** Sets each ignored signal back to its default action (call before installing a Java handler). */
    public static void restoreDefaultIfIgnored(int... signals) {
        for (int signal : signals) {
            if (!isIgnored(signal)) {
                continue;
            }
            try {
                MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signal, MemorySegment.NULL);
                if (previous.address() == -1L) {
                    throw new IllegalStateException("signal(" + signal + ", SIG_DFL) failed");
                }
            } catch (Throwable t) {
                throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
            }
        }
    }
}
