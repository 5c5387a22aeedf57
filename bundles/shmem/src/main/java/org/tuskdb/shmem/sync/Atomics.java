package org.tuskdb.shmem.sync;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Atomic access to 32- and 64-bit words of a shared segment (VarHandles on JAVA_INT and
 * JAVA_LONG). Offsets must be naturally aligned (4 or 8), which holds for every word of a
 * region laid out with the region's named offset constants: regions start 64-byte aligned.
 *
 * <p>Between processes, the mapped file's memory is one memory: these have the same meaning
 * across processes as across threads (the CPU, not the JVM, provides it).
 */
public final class Atomics {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private Atomics() {
    }

    public static int getInt(MemorySegment segment, long offset) {
        return (int) INT.getVolatile(segment, offset);
    }

    public static void setInt(MemorySegment segment, long offset, int value) {
        INT.setVolatile(segment, offset, value);
    }

    public static int getIntAcquire(MemorySegment segment, long offset) {
        return (int) INT.getAcquire(segment, offset);
    }

    public static void setIntRelease(MemorySegment segment, long offset, int value) {
        INT.setRelease(segment, offset, value);
    }

    public static boolean compareAndSetInt(MemorySegment segment, long offset, int expected, int value) {
        return INT.compareAndSet(segment, offset, expected, value);
    }

    /** CAS returning the witness value (equal to {@code expected} on success). */
    public static int compareAndExchangeInt(MemorySegment segment, long offset, int expected, int value) {
        return (int) INT.compareAndExchange(segment, offset, expected, value);
    }

    public static int getAndAddInt(MemorySegment segment, long offset, int delta) {
        return (int) INT.getAndAdd(segment, offset, delta);
    }

    public static int getAndSetInt(MemorySegment segment, long offset, int value) {
        return (int) INT.getAndSet(segment, offset, value);
    }

    public static int getAndBitwiseOrInt(MemorySegment segment, long offset, int bits) {
        return (int) INT.getAndBitwiseOr(segment, offset, bits);
    }

    public static int getAndBitwiseAndInt(MemorySegment segment, long offset, int bits) {
        return (int) INT.getAndBitwiseAnd(segment, offset, bits);
    }

    public static long getLong(MemorySegment segment, long offset) {
        return (long) LONG.getVolatile(segment, offset);
    }

    public static void setLong(MemorySegment segment, long offset, long value) {
        LONG.setVolatile(segment, offset, value);
    }

    public static long getLongAcquire(MemorySegment segment, long offset) {
        return (long) LONG.getAcquire(segment, offset);
    }

    public static void setLongRelease(MemorySegment segment, long offset, long value) {
        LONG.setRelease(segment, offset, value);
    }

    public static boolean compareAndSetLong(MemorySegment segment, long offset, long expected, long value) {
        return LONG.compareAndSet(segment, offset, expected, value);
    }

    public static long compareAndExchangeLong(MemorySegment segment, long offset, long expected, long value) {
        return (long) LONG.compareAndExchange(segment, offset, expected, value);
    }

    public static long getAndAddLong(MemorySegment segment, long offset, long delta) {
        return (long) LONG.getAndAdd(segment, offset, delta);
    }

    public static long getAndSetLong(MemorySegment segment, long offset, long value) {
        return (long) LONG.getAndSet(segment, offset, value);
    }
}
