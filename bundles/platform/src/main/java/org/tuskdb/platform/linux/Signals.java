package org.tuskdb.platform.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Signal handling with PostgreSQL's meanings (see the team contract): INT cancel / fast
 * shutdown, TERM terminate / smart shutdown, HUP reload, QUIT die at once, USR1/USR2 free for
 * internal use. Numbers are Linux's, the same on x86_64 and aarch64.
 *
 * <p>Java handlers ({@link #handle}) run on the JVM's signal dispatcher thread, not in the
 * interrupted thread: they should set a flag, wake a latch or signal a thread, and return.
 * SIGQUIT belongs to the JVM (thread dumps) and cannot be handled from Java, so
 * {@link #exitImmediatelyOn} makes libc's {@code _exit} its native handler instead.
 */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;

    private static final class SignalCall {
        static final MethodHandle HANDLE = Native.function("signal", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    }
    private static final MemorySegment EXIT_NOW = Native.symbol("_exit");
    private static final MemorySegment SIG_ERR = MemorySegment.ofAddress(-1L);

    private Signals() {
    }

    /**
     * Runs {@code action} whenever the signal arrives (sun.misc.Signal). {@code name} is
     * "INT", "TERM", "HUP", "USR1" or "USR2" (a "SIG" prefix is accepted).
     * Throws IllegalArgumentException when the JVM reserves the signal.
     */
    public static void handle(String name, Runnable action) {
        String bare = name.startsWith("SIG") ? name.substring(3) : name;
        sun.misc.Signal.handle(new sun.misc.Signal(bare), new Handler(action));
    }

    /** A named class, not a lambda: the AOT cache serves it, a bundle class's lambda is spun at every start. */
    private record Handler(Runnable action) implements sun.misc.SignalHandler {
        @Override
        public void handle(sun.misc.Signal signal) {
            action.run();
        }
    }

    /**
     * Installs libc's {@code _exit} as the native handler of the signal, so that the process ends
     * at once, without shutdown hooks or finalization, with exit status equal to the signal
     * number (PostgreSQL's quickdie for SIGQUIT). The postmaster treats that as a crash unless it
     * sent the signal itself.
     */
    public static void exitImmediatelyOn(int signal) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment previous = (MemorySegment) SignalCall.HANDLE.invokeExact(state, signal, EXIT_NOW);
            if (previous.address() == SIG_ERR.address()) {
                throw Native.failure("signal(" + name(signal) + ", _exit)", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** "SIGINT" for 2, and so on; "signal N" for others. */
    public static String name(int signal) {
        return switch (signal) {
            case 0 -> "0";
            case SIGHUP -> "SIGHUP";
            case SIGINT -> "SIGINT";
            case SIGQUIT -> "SIGQUIT";
            case 6 -> "SIGABRT";
            case SIGKILL -> "SIGKILL";
            case SIGUSR1 -> "SIGUSR1";
            case 11 -> "SIGSEGV";
            case SIGUSR2 -> "SIGUSR2";
            case 13 -> "SIGPIPE";
            case SIGTERM -> "SIGTERM";
            case 17 -> "SIGCHLD";
            default -> "signal " + signal;
        };
    }
}
