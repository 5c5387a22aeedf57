package org.tuskdb.platform.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * futex(2) on a 32-bit word: sleep while the word holds an expected value, wake sleepers after
 * changing it. The shared (not FUTEX_PRIVATE) operations are used, so the kernel keys the wait
 * queue by the file page behind the word: processes that map the same file (and two mappings of
 * it in one process) wait on and wake the same queue. The word must be 4-byte aligned.
 *
 * <p>This is the sleeping half of the shared-memory primitives in {@code org.tuskdb.shmem.sync};
 * the protocol around the word (who changes it and when to wake) is theirs.
 */
public final class Futex {
    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;
    private static final long SYS_FUTEX = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 202;
        case "aarch64", "arm64" -> 98;
        default -> throw new ExceptionInInitializerError("futex: unsupported architecture " + System.getProperty("os.arch"));
    };

    // long syscall(long number, ...): every variadic argument is passed as a long so that the
    // whole register is defined, whatever the kernel reads of it.
    private static final class SyscallCall {
        static final MethodHandle HANDLE = Native.function("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private Futex() {
    }

    /**
     * Sleeps while {@code word} holds {@code expected}, at most {@code timeoutNanos} (negative:
     * no limit). Returns false only when the timeout passed; true when woken, when the word did
     * not hold {@code expected}, or when a signal interrupted the sleep. Callers re-check their
     * condition in a loop either way (wake-ups may be spurious).
     */
    public static boolean wait(MemorySegment word, int expected, long timeoutNanos) {
        checkWord(word);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            MemorySegment timeout = MemorySegment.NULL;
            if (timeoutNanos >= 0) {
                timeout = arena.allocate(16, 8); // struct timespec { time_t tv_sec; long tv_nsec; }
                timeout.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
                timeout.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            }
            long r = (long) SyscallCall.HANDLE.invokeExact(state, SYS_FUTEX, word, FUTEX_WAIT, expected & 0xffffffffL,
                    timeout, 0L, 0L);
            if (r == 0) {
                return true;
            }
            int errno = Native.errno(state);
            if (errno == Errno.ETIMEDOUT) {
                return false;
            }
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return true;
            }
            throw new UncheckedIOException(new ErrnoException("futex(FUTEX_WAIT)", errno));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Wakes up to {@code count} processes or threads sleeping on {@code word}; returns how many woke. */
    public static int wake(MemorySegment word, int count) {
        checkWord(word);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.callState(arena);
            long r = (long) SyscallCall.HANDLE.invokeExact(state, SYS_FUTEX, word, FUTEX_WAKE, (long) count,
                    MemorySegment.NULL, 0L, 0L);
            if (r < 0) {
                throw new UncheckedIOException(new ErrnoException("futex(FUTEX_WAKE)", Native.errno(state)));
            }
            return (int) r;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Wakes every sleeper on {@code word}. */
    public static int wakeAll(MemorySegment word) {
        return wake(word, Integer.MAX_VALUE);
    }

    private static void checkWord(MemorySegment word) {
        if (!word.isNative() || word.byteSize() < 4 || (word.address() & 3) != 0) {
            throw new IllegalArgumentException("a futex word is 4 aligned bytes of native memory");
        }
    }
}
