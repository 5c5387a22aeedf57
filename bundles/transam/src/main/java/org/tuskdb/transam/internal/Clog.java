package org.tuskdb.transam.internal;

import static org.tuskdb.transam.internal.TransamLayout.CLOG_CONTROL_LOCK;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_DIRTY;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_LRU_COUNTER;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_SLOT_FLAGS;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_SLOT_LAST_USED;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_SLOT_LSN;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_SLOT_PAGE;
import static org.tuskdb.transam.internal.TransamLayout.CLOG_WRITING;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * pg_xact (PostgreSQL's clog.c over slru.c): two status bits per xid in 8 KiB pages, 32 pages
 * per segment file {@code pg_xact/XXXX} (hex segment number, at least 4 digits), cached in
 * {@code clogSlots} page slots of the transam region with LRU replacement.
 *
 * <p>One control LWLock protects every slot header and page: shared to read a resident page's
 * bits, exclusive to change bits, to load a page or to start a write. Page reads and eviction
 * writes happen under the exclusive lock (local positional I/O of one page; rare: the cache
 * covers 32768 xids per slot). A dirty page is written only after the WAL is flushed up to the
 * page's LSN (the end of the latest commit record whose status it holds); the flush itself is
 * done with the lock released, then the lookup starts again. A checkpoint copies a dirty page
 * under the lock, marks it WRITING (never evicted while so) and writes the copy without the lock.
 *
 * <p>Pages that were never written read as zeros (IN_PROGRESS): there are no "zero page" WAL
 * records; redo of commit/abort records simply sets bits, extending the cache as needed, and
 * {@link #trim} at the end of recovery clears every bit at or after the next xid so stale bits
 * of xids that will be assigned again are never seen.
 */
final class Clog implements AutoCloseable {
    static final int PAGE_SIZE = 8192;
    static final long XIDS_PER_PAGE = PAGE_SIZE * 4L;
    static final int PAGES_PER_SEGMENT = 32;

    static final int IN_PROGRESS = 0;
    static final int COMMITTED = 1;
    static final int ABORTED = 2;
    static final int SUB_COMMITTED = 3;

    private final MemorySegment region;
    private final TransamLayout layout;
    private final Path directory;
    private final WriteAheadLog wal;
    private final boolean fsync;
    private final Map<Long, FileChannel> files = new ConcurrentHashMap<>();
    /** The slot of the last page found: a guess, always checked against the slot's page number. */
    private int hint;

    Clog(MemorySegment region, TransamLayout layout, Path directory, WriteAheadLog wal, boolean fsync) {
        this.region = region;
        this.layout = layout;
        this.directory = directory;
        this.wal = wal;
        this.fsync = fsync;
    }

    static long pageOf(long xid) {
        return xid / XIDS_PER_PAGE;
    }

    private static long byteInPage(long xid) {
        return (xid % XIDS_PER_PAGE) >>> 2;
    }

    private static int shiftOf(long xid) {
        return (int) (xid & 3) << 1;
    }

    /** The raw two bits of {@code xid}. */
    int status(long xid) {
        long page = pageOf(xid);
        LWLock.acquireShared(region, CLOG_CONTROL_LOCK);
        try {
            int slot = findSlot(page);
            if (slot >= 0) {
                // Plain store of the LRU stamp under the shared lock: a heuristic, as in slru.c.
                region.set(ValueLayout.JAVA_LONG, layout.clogSlotHeader(slot) + CLOG_SLOT_LAST_USED,
                        region.get(ValueLayout.JAVA_LONG, CLOG_LRU_COUNTER));
                return bits(slot, xid);
            }
        } finally {
            LWLock.release(region, CLOG_CONTROL_LOCK);
        }
        LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
        try {
            return bits(loadLocked(page), xid);
        } finally {
            LWLock.release(region, CLOG_CONTROL_LOCK);
        }
    }

    /** Sets the bits of one xid; {@code lsn} (0: none) is the WAL that must be flushed before the page is written. */
    void setStatus(long xid, int status, long lsn) {
        LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
        try {
            setLocked(loadLocked(pageOf(xid)), xid, status, lsn);
        } finally {
            LWLock.release(region, CLOG_CONTROL_LOCK);
        }
    }

    /**
     * Records the outcome of a transaction tree (clog.c's TransactionIdSetTreeStatus). For a
     * commit whose subxids are on other pages than the top xid: those are first marked
     * SUB_COMMITTED, then the top xid's page (top and the subxids on it) COMMITTED in one lock
     * hold, then the rest COMMITTED; so whoever sees a subxid COMMITTED sees the top COMMITTED.
     */
    void setTreeStatus(long top, long[] subs, int from, int to, int status, long lsn) {
        long topPage = pageOf(top);
        boolean samePage = true;
        for (int i = from; i < to; i++) {
            samePage &= pageOf(subs[i]) == topPage;
        }
        if (status == COMMITTED && !samePage) {
            for (int i = from; i < to; i++) {
                if (pageOf(subs[i]) != topPage) {
                    setStatus(subs[i], SUB_COMMITTED, lsn);
                }
            }
        }
        LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
        try {
            int slot = loadLocked(topPage);
            for (int i = from; i < to; i++) {
                if (pageOf(subs[i]) == topPage) {
                    setLocked(slot, subs[i], status, lsn);
                }
            }
            setLocked(slot, top, status, lsn);
        } finally {
            LWLock.release(region, CLOG_CONTROL_LOCK);
        }
        if (!samePage) {
            for (int i = from; i < to; i++) {
                if (pageOf(subs[i]) != topPage) {
                    setStatus(subs[i], status, lsn);
                }
            }
        }
    }

    /** The LSN that must be durable before a hint bit based on {@code xid}'s status may be (0: none). */
    long pageLsn(long xid) {
        LWLock.acquireShared(region, CLOG_CONTROL_LOCK);
        try {
            int slot = findSlot(pageOf(xid));
            return slot < 0 ? 0 : region.get(ValueLayout.JAVA_LONG, layout.clogSlotHeader(slot) + CLOG_SLOT_LSN);
        } finally {
            LWLock.release(region, CLOG_CONTROL_LOCK);
        }
    }

    private int bits(int slot, long xid) {
        byte b = region.get(ValueLayout.JAVA_BYTE, layout.clogPage(slot) + byteInPage(xid));
        return (b >> shiftOf(xid)) & 3;
    }

    private void setLocked(int slot, long xid, int status, long lsn) {
        long at = layout.clogPage(slot) + byteInPage(xid);
        int shift = shiftOf(xid);
        int b = region.get(ValueLayout.JAVA_BYTE, at);
        region.set(ValueLayout.JAVA_BYTE, at, (byte) ((b & ~(3 << shift)) | (status << shift)));
        long header = layout.clogSlotHeader(slot);
        region.set(ValueLayout.JAVA_INT, header + CLOG_SLOT_FLAGS,
                region.get(ValueLayout.JAVA_INT, header + CLOG_SLOT_FLAGS) | CLOG_DIRTY);
        if (lsn > region.get(ValueLayout.JAVA_LONG, header + CLOG_SLOT_LSN)) {
            region.set(ValueLayout.JAVA_LONG, header + CLOG_SLOT_LSN, lsn);
        }
    }

    private long slotPage(int slot) {
        return region.get(ValueLayout.JAVA_LONG, layout.clogSlotHeader(slot) + CLOG_SLOT_PAGE);
    }

    private int slotFlags(int slot) {
        return region.get(ValueLayout.JAVA_INT, layout.clogSlotHeader(slot) + CLOG_SLOT_FLAGS);
    }

    private void setSlotFlags(int slot, int flags) {
        region.set(ValueLayout.JAVA_INT, layout.clogSlotHeader(slot) + CLOG_SLOT_FLAGS, flags);
    }

    /** With the control lock held (either mode): the slot holding {@code page}, or -1. */
    private int findSlot(long page) {
        int guess = hint;
        if (guess < layout.clogSlots && slotPage(guess) == page) {
            return guess;
        }
        for (int i = 0; i < layout.clogSlots; i++) {
            if (slotPage(i) == page) {
                hint = i;
                return i;
            }
        }
        return -1;
    }

    /**
     * With the control lock held exclusively: the slot holding {@code page}, reading it in (and
     * writing out a victim) if needed. May release and re-take the lock (to flush WAL, or while
     * every slot is being written); the lock is held again on return, also when it throws.
     */
    private int loadLocked(long page) {
        long flushedTo = 0;
        while (true) {
            int slot = findSlot(page);
            if (slot >= 0) {
                stamp(slot);
                return slot;
            }
            int victim = -1;
            long oldest = Long.MAX_VALUE;
            for (int i = 0; i < layout.clogSlots; i++) {
                if (slotPage(i) == -1) {
                    victim = i;
                    break;
                }
                if ((slotFlags(i) & CLOG_WRITING) != 0) {
                    continue;
                }
                long used = region.get(ValueLayout.JAVA_LONG, layout.clogSlotHeader(i) + CLOG_SLOT_LAST_USED);
                if (used < oldest) {
                    oldest = used;
                    victim = i;
                }
            }
            if (victim < 0) {
                LWLock.release(region, CLOG_CONTROL_LOCK);
                LockSupport.parkNanos(100_000);
                LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
                continue;
            }
            long victimPage = slotPage(victim);
            if (victimPage != -1 && (slotFlags(victim) & CLOG_DIRTY) != 0) {
                long lsn = region.get(ValueLayout.JAVA_LONG, layout.clogSlotHeader(victim) + CLOG_SLOT_LSN);
                if (wal != null && lsn > flushedTo && lsn > wal.flushedPosition()) {
                    // WAL before pg_xact; never flush WAL while holding a transam lock.
                    LWLock.release(region, CLOG_CONTROL_LOCK);
                    try {
                        wal.flush(lsn);
                        flushedTo = lsn;
                    } finally {
                        LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
                    }
                    continue;
                }
                writePage(victimPage, region.asSlice(layout.clogPage(victim), PAGE_SIZE).asByteBuffer());
                sync(victimPage / PAGES_PER_SEGMENT);
                setSlotFlags(victim, 0);
            }
            long header = layout.clogSlotHeader(victim);
            region.set(ValueLayout.JAVA_LONG, header + CLOG_SLOT_PAGE, -1);
            readPage(page, region.asSlice(layout.clogPage(victim), PAGE_SIZE));
            region.set(ValueLayout.JAVA_LONG, header + CLOG_SLOT_LSN, 0);
            setSlotFlags(victim, 0);
            region.set(ValueLayout.JAVA_LONG, header + CLOG_SLOT_PAGE, page);
            stamp(victim);
            hint = victim;
            return victim;
        }
    }

    private void stamp(int slot) {
        long now = Atomics.getAndAddLong(region, CLOG_LRU_COUNTER, 1) + 1;
        region.set(ValueLayout.JAVA_LONG, layout.clogSlotHeader(slot) + CLOG_SLOT_LAST_USED, now);
    }

    /**
     * Writes every dirty page (each after flushing WAL to its LSN) and fsyncs the files written
     * (the checkpoint's duty: afterwards the WAL before the redo point is not needed for pg_xact).
     */
    void checkpoint() {
        TreeSet<Long> written = new TreeSet<>();
        byte[] copy = new byte[PAGE_SIZE];
        for (int slot = 0; slot < layout.clogSlots; slot++) {
            long page;
            long lsn;
            LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
            try {
                page = slotPage(slot);
                int flags = slotFlags(slot);
                if (page == -1 || (flags & CLOG_DIRTY) == 0 || (flags & CLOG_WRITING) != 0) {
                    continue;
                }
                MemorySegment.copy(region, ValueLayout.JAVA_BYTE, layout.clogPage(slot), copy, 0, PAGE_SIZE);
                lsn = region.get(ValueLayout.JAVA_LONG, layout.clogSlotHeader(slot) + CLOG_SLOT_LSN);
                setSlotFlags(slot, (flags & ~CLOG_DIRTY) | CLOG_WRITING);
            } finally {
                LWLock.release(region, CLOG_CONTROL_LOCK);
            }
            boolean ok = false;
            try {
                if (wal != null && lsn > wal.flushedPosition()) {
                    wal.flush(lsn);
                }
                writePage(page, ByteBuffer.wrap(copy));
                written.add(page / PAGES_PER_SEGMENT);
                ok = true;
            } finally {
                LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
                int flags = slotFlags(slot) & ~CLOG_WRITING;
                setSlotFlags(slot, ok ? flags : flags | CLOG_DIRTY);
                LWLock.release(region, CLOG_CONTROL_LOCK);
            }
        }
        for (long segment : written) {
            sync(segment);
        }
    }

    /**
     * End of recovery: clears the bits of every xid at or after {@code nextXid} (in the cache and
     * on disk: the rest of its segment file is cut off, later segment files are removed), so an
     * xid assigned again never inherits the status a lost transaction left on disk.
     */
    void trim(long nextXid) {
        long page = pageOf(nextXid);
        long segment = page / PAGES_PER_SEGMENT;
        LWLock.acquireExclusive(region, CLOG_CONTROL_LOCK);
        try {
            for (int i = 0; i < layout.clogSlots; i++) {
                if (slotPage(i) > page && (slotFlags(i) & CLOG_WRITING) == 0) {
                    region.set(ValueLayout.JAVA_LONG, layout.clogSlotHeader(i) + CLOG_SLOT_PAGE, -1);
                    setSlotFlags(i, 0);
                }
            }
            int slot = loadLocked(page);
            long base = layout.clogPage(slot);
            long first = byteInPage(nextXid);
            int shift = shiftOf(nextXid);
            if (shift != 0) {
                int b = region.get(ValueLayout.JAVA_BYTE, base + first);
                region.set(ValueLayout.JAVA_BYTE, base + first, (byte) (b & ((1 << shift) - 1)));
                first++;
            }
            region.asSlice(base + first, PAGE_SIZE - first).fill((byte) 0);
            setSlotFlags(slot, slotFlags(slot) | CLOG_DIRTY);
        } finally {
            LWLock.release(region, CLOG_CONTROL_LOCK);
        }
        try {
            Path current = directory.resolve(fileName(segment));
            if (Files.exists(current)) {
                long keep = (page % PAGES_PER_SEGMENT + 1) * PAGE_SIZE;
                FileChannel channel = channel(segment, true);
                if (channel.size() > keep) {
                    channel.truncate(keep);
                }
            }
            if (Files.isDirectory(directory)) {
                try (DirectoryStream<Path> all = Files.newDirectoryStream(directory)) {
                    for (Path file : all) {
                        long number = parseSegment(file.getFileName().toString());
                        if (number > segment) {
                            FileChannel open = files.remove(number);
                            if (open != null) {
                                open.close();
                            }
                            Files.deleteIfExists(file);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw ioError("could not trim pg_xact at segment " + fileName(segment), e);
        }
    }

    static String fileName(long segment) {
        return String.format("%04X", segment);
    }

    private static long parseSegment(String name) {
        if (name.length() < 4 || name.length() > 15) {
            return -1;
        }
        try {
            return Long.parseLong(name, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private FileChannel channel(long segment, boolean create) throws IOException {
        FileChannel channel = files.get(segment);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Path file = directory.resolve(fileName(segment));
        if (create) {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } else {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        FileChannel raced = files.putIfAbsent(segment, channel);
        if (raced != null && raced.isOpen()) {
            channel.close();
            return raced;
        }
        files.put(segment, channel);
        return channel;
    }

    private void readPage(long page, MemorySegment into) {
        ByteBuffer buffer = into.asByteBuffer();
        try {
            FileChannel channel = channel(page / PAGES_PER_SEGMENT, false);
            if (channel != null) {
                long position = (page % PAGES_PER_SEGMENT) * PAGE_SIZE;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position());
                    if (n < 0) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw ioError("could not read pg_xact page " + page, e);
        }
        into.asSlice(buffer.position()).fill((byte) 0);
    }

    private void writePage(long page, ByteBuffer from) {
        try {
            FileChannel channel = channel(page / PAGES_PER_SEGMENT, true);
            long position = (page % PAGES_PER_SEGMENT) * PAGE_SIZE;
            while (from.hasRemaining()) {
                channel.write(from, position + from.position());
            }
        } catch (IOException e) {
            throw ioError("could not write pg_xact page " + page, e);
        }
    }

    private void sync(long segment) {
        if (!fsync) {
            return;
        }
        try {
            FileChannel channel = channel(segment, false);
            if (channel != null) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw ioError("could not fsync pg_xact file " + fileName(segment), e);
        }
    }

    private static DatabaseException ioError(String message, IOException e) {
        return new DatabaseException(DatabaseException.Severity.ERROR, "58030", message, e.toString(), null, 0, e);
    }

    @Override
    public void close() {
        for (FileChannel channel : files.values()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a read/write channel after its data was forced: nothing left to lose
            }
        }
        files.clear();
    }
}
