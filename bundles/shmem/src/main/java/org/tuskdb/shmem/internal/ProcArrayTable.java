package org.tuskdb.shmem.internal;

import static org.tuskdb.shmem.internal.ProcArrayLayout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.shmem.sync.Atomics;

/**
 * The ProcArray's slots in one mapping of the segment, and the seqlock that keeps readers
 * lock-free.
 *
 * <p>Writers: the postmaster claims, assigns, sets the cancel key and releases; the process in
 * the slot writes its own activity. A writer enters by a CAS that makes the sequence odd (so
 * the two writers of a slot exclude each other for the few stores they make), writes plain
 * fields, and leaves by a release store of the next even sequence with the slot's new state.
 *
 * <p>Readers take no lock: read the header (acquire); if the sequence is odd, a write is in
 * progress, so retry; copy the fields; fence (acquire); read the header again; if it changed,
 * the copy may be torn, so retry. A writer that died inside the slot leaves it odd forever:
 * readers give up on such a slot after {@link #READ_PATIENCE_NANOS} and leave it out, and
 * the postmaster's {@link #release} overwrites it whatever its sequence.
 */
final class ProcArrayTable {
    static final long READ_PATIENCE_NANOS = 100_000_000L;
    private static final long WRITE_PATIENCE_NANOS = 10_000_000_000L;

    private final MemorySegment region;
    private final int capacity;

    ProcArrayTable(MemorySegment region) {
        this.region = region;
        this.capacity = region.get(ValueLayout.JAVA_INT, CAPACITY);
        if (capacity <= 0 || regionSize(capacity) > region.byteSize()) {
            throw new IllegalStateException("corrupt procarray region: capacity " + capacity);
        }
    }

    /** Postmaster, on the zeroed region at segment creation. */
    static void initialize(MemorySegment region, int capacity) {
        region.set(ValueLayout.JAVA_INT, CAPACITY, capacity);
    }

    int capacity() {
        return capacity;
    }

    MemorySegment slot(int slot) {
        if (slot < 0 || slot >= capacity) {
            throw new IllegalArgumentException("no ProcArray slot " + slot + " (capacity " + capacity + ")");
        }
        return region.asSlice(slotOffset(slot), SLOT_SIZE);
    }

    // ---- seqlock ------------------------------------------------------------------------------

    /** Enters the slot as its writer; returns the header seen (even sequence). */
    long beginWrite(MemorySegment slot) {
        long start = 0;
        while (true) {
            long header = Atomics.getLong(slot, HEADER);
            if ((header & SEQUENCE_ONE) == 0
                    && Atomics.compareAndSetLong(slot, HEADER, header, header + SEQUENCE_ONE)) {
                // Keep the field stores below from becoming visible before the odd sequence.
                VarHandle.storeStoreFence();
                return header;
            }
            if (start == 0) {
                start = System.nanoTime();
            } else if (System.nanoTime() - start > WRITE_PATIENCE_NANOS) {
                throw new IllegalStateException("ProcArray slot stuck in a write (its writer died)");
            }
            Thread.onSpinWait();
        }
    }

    /** Leaves the slot with the next even sequence and the given state. */
    void endWrite(MemorySegment slot, long enteredHeader, int state) {
        long sequence = (enteredHeader & ~STATE_MASK) + 2 * SEQUENCE_ONE;
        Atomics.setLongRelease(slot, HEADER, sequence | state);
    }

    static int state(long header) {
        return (int) (header & STATE_MASK);
    }

    // ---- postmaster ---------------------------------------------------------------------------

    int claim(String role) {
        for (int i = 0; i < capacity; i++) {
            MemorySegment slot = slot(i);
            long header = Atomics.getLong(slot, HEADER);
            if (state(header) != STATE_FREE || (header & SEQUENCE_ONE) != 0
                    || !Atomics.compareAndSetLong(slot, HEADER, header, header + SEQUENCE_ONE)) {
                continue;
            }
            VarHandle.storeStoreFence();
            slot.asSlice(PID).fill((byte) 0);
            SlotText.write(slot, ROLE, ROLE_FIELD, role);
            endWrite(slot, header, STATE_CLAIMED);
            return i;
        }
        return -1;
    }

    void assign(int slotNumber, long pid, long now) {
        MemorySegment slot = slot(slotNumber);
        long header = beginWrite(slot);
        if (state(header) == STATE_FREE) {
            endWrite(slot, header, STATE_FREE);
            throw new IllegalStateException("ProcArray slot " + slotNumber + " was not claimed");
        }
        slot.set(ValueLayout.JAVA_LONG, PID, pid);
        slot.set(ValueLayout.JAVA_LONG, PROCESS_START, now);
        slot.set(ValueLayout.JAVA_LONG, BACKEND_START, now);
        endWrite(slot, header, STATE_OCCUPIED);
    }

    void setCancelKey(int slotNumber, int cancelKey) {
        MemorySegment slot = slot(slotNumber);
        long header = beginWrite(slot);
        slot.set(ValueLayout.JAVA_INT, CANCEL_KEY, cancelKey);
        endWrite(slot, header, state(header));
    }

    /** Frees the slot of a process that is gone, even if it died inside a write. */
    void release(int slotNumber) {
        MemorySegment slot = slot(slotNumber);
        long header = Atomics.getLong(slot, HEADER);
        // An odd sequence above any the slot had, whether or not a dead writer left it odd.
        long writing = ((header & ~STATE_MASK) | SEQUENCE_ONE) + 2 * SEQUENCE_ONE;
        Atomics.setLong(slot, HEADER, writing | state(header));
        VarHandle.storeStoreFence();
        slot.set(ValueLayout.JAVA_LONG, PID, 0L);
        slot.set(ValueLayout.JAVA_INT, CANCEL_KEY, 0);
        slot.set(ValueLayout.JAVA_INT, FLAGS, 0);
        Atomics.setLongRelease(slot, HEADER, (writing + SEQUENCE_ONE) | STATE_FREE);
    }

    // ---- readers ------------------------------------------------------------------------------

    /** A consistent copy of an occupied slot, or null (free, claimed, or stuck in a dead writer's write). */
    ProcInfo read(int slotNumber) {
        MemorySegment slot = slot(slotNumber);
        long start = 0;
        while (true) {
            long before = Atomics.getLongAcquire(slot, HEADER);
            if ((before & SEQUENCE_ONE) == 0) {
                if (state(before) != STATE_OCCUPIED) {
                    return null;
                }
                ProcInfo info = copy(slotNumber, slot);
                VarHandle.acquireFence(); // the copy's loads complete before the header is re-read
                if (Atomics.getLong(slot, HEADER) == before) {
                    return info;
                }
            }
            if (start == 0) {
                start = System.nanoTime();
            } else if (System.nanoTime() - start > READ_PATIENCE_NANOS) {
                return null;
            }
            Thread.onSpinWait();
        }
    }

    private static ProcInfo copy(int slotNumber, MemorySegment slot) {
        String role = SlotText.read(slot, ROLE, ROLE_FIELD);
        boolean inSession = (slot.get(ValueLayout.JAVA_INT, FLAGS) & FLAG_IN_SESSION) != 0;
        return new ProcInfo(slotNumber,
                slot.get(ValueLayout.JAVA_LONG, PID),
                role,
                backendType(role),
                nullIfEmpty(SlotText.read(slot, STATE, STATE_FIELD)),
                nullIfEmpty(SlotText.read(slot, DATABASE, NAME_FIELD)),
                nullIfEmpty(SlotText.read(slot, USER, NAME_FIELD)),
                SlotText.read(slot, APPLICATION_NAME, NAME_FIELD),
                nullIfEmpty(SlotText.read(slot, CLIENT_ADDR, CLIENT_ADDR_FIELD)),
                slot.get(ValueLayout.JAVA_INT, CLIENT_PORT),
                slot.get(ValueLayout.JAVA_LONG, PROCESS_START),
                slot.get(ValueLayout.JAVA_LONG, BACKEND_START),
                slot.get(ValueLayout.JAVA_LONG, XACT_START),
                slot.get(ValueLayout.JAVA_LONG, QUERY_START),
                slot.get(ValueLayout.JAVA_LONG, STATE_CHANGE),
                SlotText.read(slot, QUERY, QUERY_FIELD),
                inSession);
    }

    /** Cancel key and session flag of a slot whose pid matches, read under the seqlock; null if none. */
    private int[] cancelFields(int slotNumber, long pid) {
        MemorySegment slot = slot(slotNumber);
        for (int attempt = 0; attempt < 1000; attempt++) {
            long before = Atomics.getLongAcquire(slot, HEADER);
            if ((before & SEQUENCE_ONE) != 0) {
                Thread.onSpinWait();
                continue;
            }
            if (state(before) != STATE_OCCUPIED) {
                return null;
            }
            long slotPid = slot.get(ValueLayout.JAVA_LONG, PID);
            int key = slot.get(ValueLayout.JAVA_INT, CANCEL_KEY);
            int flags = slot.get(ValueLayout.JAVA_INT, FLAGS);
            VarHandle.acquireFence();
            if (Atomics.getLong(slot, HEADER) == before) {
                return slotPid == pid ? new int[] {key, flags} : null;
            }
        }
        return null;
    }

    List<ProcInfo> snapshot() {
        List<ProcInfo> result = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            ProcInfo info = read(i);
            if (info != null && info.pid() > 0) {
                result.add(info);
            }
        }
        return result;
    }

    ProcInfo find(long pid) {
        if (pid <= 0) {
            return null;
        }
        for (int i = 0; i < capacity; i++) {
            // Cheap pre-check without the seqlock; the full read below confirms.
            if (Atomics.getLong(slot(i), PID) == pid) {
                ProcInfo info = read(i);
                if (info != null && info.pid() == pid) {
                    return info;
                }
            }
        }
        return null;
    }

    /** PostgreSQL's cancel-key check: the pid of the in-session slot with this (pid, key), else -1. */
    long checkCancelKey(long pid, int key) {
        if (pid <= 0) {
            return -1;
        }
        for (int i = 0; i < capacity; i++) {
            int[] fields = cancelFields(i, pid);
            if (fields != null && fields[0] == key && (fields[1] & FLAG_IN_SESSION) != 0) {
                return pid;
            }
        }
        return -1;
    }

    static String backendType(String role) {
        return "backend".equals(role) ? "client backend" : role;
    }

    private static String nullIfEmpty(String text) {
        return text.isEmpty() ? null : text;
    }
}
