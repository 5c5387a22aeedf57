package org.tuskdb.sql.internal.async;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The NOTIFY queue (PostgreSQL's async.c queue, in the segment instead of pg_notify's SLRU): one
 * ring of notification entries that every backend's committed NOTIFYs are appended to, and one
 * listener entry per ProcArray slot with the position up to which that backend has read.
 *
 * <pre>
 *  region +0   LWLock (4 bytes)           guards everything below
 *         +8   head  (long)               byte position of the next entry, only ever grows
 *         +16  tail  (long)               the lowest position a listener may still need
 *         +64  listeners[procSlots]       32 bytes each:
 *                +0 listening (int, 0/1)  +4 database (int)  +8 pid (long)  +16 position (long)
 *         ring  (RING_SIZE bytes, at a 64-byte boundary after the listeners)
 *
 *  entry at position p (ring offset p % RING_SIZE, 8-byte aligned, never split by the wrap):
 *         +0 length (int, the whole entry padded to 8; WRAP = -1: the rest of the ring is unused)
 *         +4 database (int)  +8 sender pid (int)  +12 channel length (short)
 *         +14 payload length (short)  +16 channel bytes, payload bytes (UTF-8), padding
 * </pre>
 *
 * <p>Rules: everything is read and written under the lock, exclusive to append, to change a
 * listener entry, or to move the tail; shared to read entries and move one's own position (only
 * the owner of a slot writes its position, and an appender holds the lock exclusively, so it sees
 * every position settled). Entries are appended after the notifying transaction's commit, so a
 * reader never sees an uncommitted one and the queue's order is the commit order. Nothing is ever
 * waited for while the lock is held. A listener's slot is its process's ProcArray slot: one
 * session at a time.
 */
public final class NotifyQueue {
    /** PostgreSQL's limit: NAMEDATALEN - 1 bytes of channel name. */
    public static final int MAX_CHANNEL_BYTES = 63;
    /** PostgreSQL's NOTIFY_PAYLOAD_MAX_LENGTH - 1: the payload must be shorter than 8000 bytes. */
    public static final int MAX_PAYLOAD_BYTES = 7999;
    /** The ring's size: 4 MiB, about 50,000 short notifications not yet read by some listener. */
    public static final long RING_SIZE = 4L << 20;

    private static final long LOCK = 0;
    private static final long HEAD = 8;
    private static final long TAIL = 16;
    private static final long LISTENERS = 64;
    private static final long LISTENER_SIZE = 32;
    private static final int WRAP = -1;
    private static final int ENTRY_HEADER = 16;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    /** One notification read from the queue. */
    public record Entry(int database, int senderPid, String channel, String payload) {}

    private final MemorySegment region;
    private final int slots;
    private final long ring;

    private NotifyQueue(MemorySegment region, int slots) {
        this.region = region;
        this.slots = slots;
        this.ring = ringOffset(slots);
    }

    /** The region's size for a segment with that many ProcArray slots. */
    public static long regionSize(int procSlots) {
        return ringOffset(procSlots) + RING_SIZE;
    }

    private static long ringOffset(int procSlots) {
        return (LISTENERS + procSlots * LISTENER_SIZE + 63) & ~63L;
    }

    /** Prepares a zeroed region (the postmaster, once per segment). */
    public static void initialize(MemorySegment region) {
        LWLock.initialize(region, LOCK);
    }

    /** The queue in a region of the segment laid out for {@code procSlots} slots. */
    public static NotifyQueue attach(MemorySegment region, int procSlots) {
        if (region.byteSize() < regionSize(procSlots)) {
            throw new IllegalStateException("notify region too small: " + region.byteSize());
        }
        return new NotifyQueue(region, procSlots);
    }

    /** A queue in this JVM's memory (an engine without shared memory: tests, standalone). */
    public static NotifyQueue local(int procSlots) {
        MemorySegment region = Arena.ofAuto().allocate(regionSize(procSlots), 64);
        initialize(region);
        return new NotifyQueue(region, procSlots);
    }

    public int slots() {
        return slots;
    }

    private long listener(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("no listener slot " + slot);
        }
        return LISTENERS + slot * LISTENER_SIZE;
    }

    /** Registers the slot as listening from now on (from the current head); no-op if it is. */
    public void listen(int slot, int database, long pid) {
        long l = listener(slot);
        LWLock.acquireExclusive(region, LOCK);
        try {
            if (region.get(INT, l) == 1 && region.get(LONG, l + 8) == pid) {
                return;
            }
            region.set(INT, l + 4, database);
            region.set(LONG, l + 8, pid);
            region.set(LONG, l + 16, region.get(LONG, HEAD));
            region.set(INT, l, 1);
        } finally {
            LWLock.release(region, LOCK);
        }
    }

    /** The slot listens no more; what it had not read is no longer kept for it. */
    public void unlisten(int slot) {
        long l = listener(slot);
        LWLock.acquireExclusive(region, LOCK);
        try {
            region.set(INT, l, 0);
            advanceTail();
        } finally {
            LWLock.release(region, LOCK);
        }
    }

    /** Bytes an entry of that channel and payload takes. */
    public static int entrySize(byte[] channel, byte[] payload) {
        return (ENTRY_HEADER + channel.length + payload.length + 7) & ~7;
    }

    /**
     * Whether {@code bytes} more would fit now (PreCommit_Notify's check, made before the
     * transaction commits: once committed, its notifications must not fail).
     */
    public void checkRoom(long bytes) {
        LWLock.acquireExclusive(region, LOCK);
        try {
            advanceTail();
            if (bytes + slack(bytes) > RING_SIZE - used()) {
                throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "too many notifications in the NOTIFY queue");
            }
        } finally {
            LWLock.release(region, LOCK);
        }
    }

    /** Room a wrap can waste: up to one entry's worth at the end of the ring. */
    private static long slack(long bytes) {
        return Math.min(bytes, MAX_PAYLOAD_BYTES + MAX_CHANNEL_BYTES + ENTRY_HEADER + 8);
    }

    private long used() {
        return region.get(LONG, HEAD) - region.get(LONG, TAIL);
    }

    /**
     * Appends the entries of one committed transaction and returns the pids of the other
     * listening backends of that database, to be signalled. Entries that no longer fit (room was
     * checked before commit, but others may have appended since) are dropped and counted.
     *
     * @param channels and payloads UTF-8, pairwise
     */
    public Appended append(int database, int senderPid, List<byte[]> channels, List<byte[]> payloads) {
        int dropped = 0;
        List<Long> wake = new ArrayList<>();
        LWLock.acquireExclusive(region, LOCK);
        try {
            advanceTail();
            long head = region.get(LONG, HEAD);
            for (int i = 0; i < channels.size(); i++) {
                byte[] channel = channels.get(i);
                byte[] payload = payloads.get(i);
                int size = entrySize(channel, payload);
                long offset = head % RING_SIZE;
                long waste = RING_SIZE - offset < size ? RING_SIZE - offset : 0;
                if (head + waste + size - region.get(LONG, TAIL) > RING_SIZE) {
                    dropped++;
                    continue;
                }
                if (waste > 0) {
                    region.set(INT, ring + offset, WRAP);
                    head += waste;
                    offset = 0;
                }
                long e = ring + offset;
                region.set(INT, e, size);
                region.set(INT, e + 4, database);
                region.set(INT, e + 8, senderPid);
                region.set(SHORT, e + 12, (short) channel.length);
                region.set(SHORT, e + 14, (short) payload.length);
                MemorySegment.copy(channel, 0, region, ValueLayout.JAVA_BYTE, e + ENTRY_HEADER, channel.length);
                MemorySegment.copy(payload, 0, region, ValueLayout.JAVA_BYTE, e + ENTRY_HEADER + channel.length,
                    payload.length);
                head += size;
            }
            region.set(LONG, HEAD, head);
            for (int s = 0; s < slots; s++) {
                long l = LISTENERS + s * LISTENER_SIZE;
                if (region.get(INT, l) == 1 && region.get(INT, l + 4) == database
                        && region.get(LONG, l + 8) != senderPid && region.get(LONG, l + 16) < head) {
                    wake.add(region.get(LONG, l + 8));
                }
            }
        } finally {
            LWLock.release(region, LOCK);
        }
        return new Appended(wake, dropped);
    }

    /** What {@link #append} did: the listeners to wake, and how many entries found no room. */
    public record Appended(List<Long> listenersToWake, int dropped) {}

    /**
     * Reads every entry past the slot's position (of any database: the caller filters) and moves
     * the position to the head. Empty when the slot does not listen.
     */
    public List<Entry> read(int slot) {
        long l = listener(slot);
        List<Entry> out = List.of();
        LWLock.acquireShared(region, LOCK);
        try {
            if (region.get(INT, l) != 1) {
                return out;
            }
            long pos = region.get(LONG, l + 16);
            long head = region.get(LONG, HEAD);
            if (pos >= head) {
                return out;
            }
            out = new ArrayList<>();
            while (pos < head) {
                long offset = pos % RING_SIZE;
                long e = ring + offset;
                int size = region.get(INT, e);
                if (size == WRAP) {
                    pos += RING_SIZE - offset;
                    continue;
                }
                int channelLength = region.get(SHORT, e + 12);
                int payloadLength = region.get(SHORT, e + 14);
                byte[] bytes = new byte[channelLength + payloadLength];
                MemorySegment.copy(region, ValueLayout.JAVA_BYTE, e + ENTRY_HEADER, bytes, 0, bytes.length);
                out.add(new Entry(region.get(INT, e + 4), region.get(INT, e + 8),
                    new String(bytes, 0, channelLength, StandardCharsets.UTF_8),
                    new String(bytes, channelLength, payloadLength, StandardCharsets.UTF_8)));
                pos += size;
            }
            region.set(LONG, l + 16, pos);
        } finally {
            LWLock.release(region, LOCK);
        }
        return out;
    }

    /** pg_notification_queue_usage(): the fraction of the ring held for listeners that lag. */
    public double usage() {
        LWLock.acquireShared(region, LOCK);
        try {
            return (double) (region.get(LONG, HEAD) - lowestPosition()) / RING_SIZE;
        } finally {
            LWLock.release(region, LOCK);
        }
    }

    /** Under the exclusive lock: the tail becomes the lowest listener position (the head if none). */
    private void advanceTail() {
        region.set(LONG, TAIL, lowestPosition());
    }

    /** Under the lock: the lowest position a listener has not read past, the head when none listens. */
    private long lowestPosition() {
        long lowest = region.get(LONG, HEAD);
        for (int s = 0; s < slots; s++) {
            long l = LISTENERS + s * LISTENER_SIZE;
            if (region.get(INT, l) == 1) {
                lowest = Math.min(lowest, region.get(LONG, l + 16));
            }
        }
        return lowest;
    }
}
