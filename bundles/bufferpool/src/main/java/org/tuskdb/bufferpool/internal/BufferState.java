package org.tuskdb.bufferpool.internal;

/**
 * The 64-bit state word of a buffer descriptor (PostgreSQL 15's BufferDesc.state): refcount,
 * usage count and flags, changed only by CAS. LOCKED is the buffer header lock: while it is set,
 * only its holder changes the word (by a plain release store that also clears it), so every CAS
 * elsewhere waits for it to clear first.
 *
 * <pre>
 *  bits  0-17  refcount (number of processes/threads holding a pin)
 *  bits 18-21  usage count (0..5, clock sweep)
 *  bit  22     LOCKED            header spinlock
 *  bit  23     DIRTY             page differs from disk
 *  bit  24     VALID             page holds the tagged block's data
 *  bit  25     TAG_VALID         tag names a block (mapped in the table)
 *  bit  26     IO_IN_PROGRESS    a read or write is under way
 *  bit  27     IO_ERROR          the last I/O failed
 *  bit  28     JUST_DIRTIED      dirtied since the current write started
 *  bit  29     CHECKPOINT_NEEDED dirty when the running checkpoint began
 *  bit  30     IO_WAITERS        someone sleeps on the I/O wait word
 * </pre>
 */
final class BufferState {
    static final long REFCOUNT_ONE = 1L;
    static final long REFCOUNT_MASK = (1L << 18) - 1;
    static final int USAGE_SHIFT = 18;
    static final long USAGE_ONE = 1L << USAGE_SHIFT;
    static final long USAGE_MASK = 0xFL << USAGE_SHIFT;
    static final int MAX_USAGE = 5;

    static final long LOCKED = 1L << 22;
    static final long DIRTY = 1L << 23;
    static final long VALID = 1L << 24;
    static final long TAG_VALID = 1L << 25;
    static final long IO_IN_PROGRESS = 1L << 26;
    static final long IO_ERROR = 1L << 27;
    static final long JUST_DIRTIED = 1L << 28;
    static final long CHECKPOINT_NEEDED = 1L << 29;
    static final long IO_WAITERS = 1L << 30;

    private BufferState() {
    }

    static int refcount(long state) {
        return (int) (state & REFCOUNT_MASK);
    }

    static int usage(long state) {
        return (int) ((state & USAGE_MASK) >>> USAGE_SHIFT);
    }
}
