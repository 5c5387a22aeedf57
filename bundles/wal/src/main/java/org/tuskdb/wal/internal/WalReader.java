package org.tuskdb.wal.internal;

import static org.tuskdb.wal.internal.RecordFormat.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

import org.tuskdb.api.wal.Lsn;

/**
 * Reads records sequentially from a start LSN (PostgreSQL's xlogreader). Each segment is read
 * whole with one large read into one of two native buffers while the other is prefetched by a
 * background thread, so replay is bound by decoding and redo rather than by I/O waits. A record
 * inside one segment is a view of the buffer; one that spans segments is copied into a scratch
 * array.
 *
 * <p>{@link #next()} returns null at the end of valid WAL: a missing or short segment, a zero
 * or stale header (its LSN field is not its position), a bad length, a broken back link, a CRC
 * mismatch, or an inconsistent layout. {@link #endReason()} says which.
 */
final class WalReader implements AutoCloseable {
    private static final int SEG = WalFiles.SEGMENT_SIZE;

    private final WalFiles files;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment[] bufs = new MemorySegment[2];
    /** ByteBuffer views of {@code bufs} for the CRC, made once per buffer (not three per record). */
    private final ByteBuffer[] views = new ByteBuffer[2];
    private final long[] segOf = {-1, -1};
    private final long[] length = {-1, -1};
    @SuppressWarnings("unchecked")
    private final Future<?>[] pending = new Future<?>[2];
    private ExecutorService io;
    private int cur;

    private byte[] scratch = new byte[64 * 1024];
    private ByteBuffer scratchView = ByteBuffer.wrap(scratch);
    private final byte[] headerScratch = new byte[HEADER_SIZE];
    private final CRC32C crc = new CRC32C();
    private final DecodedRecord rec = new DecodedRecord();

    private long pos;
    private long expectedPrev = -1;
    private long lastLsn;
    private String endReason = "";

    WalReader(WalFiles files, long start) {
        this.files = files;
        this.pos = start;
    }

    /** The position after the last valid record (where new WAL goes). */
    long endOfValid() {
        return pos;
    }

    /** Start of the last valid record returned, 0 if none. */
    long lastRecordLsn() {
        return lastLsn;
    }

    String endReason() {
        return endReason;
    }

    /** The next valid record, or null at the end of valid WAL. */
    DecodedRecord next() {
        long p = pos;
        if ((p & 7) != 0) {
            return end("unaligned position " + Lsn.format(p));
        }
        long segno = WalFiles.segno(p);
        int off = (int) (p & (SEG - 1));
        int i = acquire(segno);
        if (length[i] < 0) {
            return end("log file " + WalFiles.segmentName(segno) + " does not exist");
        }
        cur = i;
        prefetch(segno + 1);
        MemorySegment header;
        if (off + HEADER_SIZE <= length[i]) {
            header = bufs[i].asSlice(off, HEADER_SIZE);
        } else if (length[i] < SEG) {
            return end("log file " + WalFiles.segmentName(segno) + " ends at offset " + length[i]);
        } else {
            if (!copyOut(p, HEADER_SIZE, headerScratch)) {
                return end("record header at " + Lsn.format(p) + " is incomplete");
            }
            header = MemorySegment.ofArray(headerScratch);
        }
        int total = header.get(INT, TOTAL_LENGTH);
        if (!headerValid(header, p)) {
            return null;
        }
        long prev = header.get(LONG, PREV);
        if (expectedPrev >= 0 && prev != expectedPrev) {
            return end("record at " + Lsn.format(p) + " has incorrect prev-link " + Lsn.format(prev));
        }
        i = acquire(segno);
        if (length[i] >= off + (long) total) {
            return check(bufs[i].asSlice(off, total), views[i], off, p, total);
        }
        growScratch(total);
        if (!copyOut(p, total, scratch)) {
            return end("record at " + Lsn.format(p) + " is incomplete");
        }
        return check(MemorySegment.ofArray(scratch).asSlice(0, total), scratchView, 0, p, total);
    }

    /**
     * The record at the position by itself, with two small positional reads and no segment
     * buffers or read-ahead (a clean start needs only the checkpoint record that pg_control
     * names; reading its whole segment, and the next, cost more than the rest of the WAL
     * recovery step). The same validity checks as {@link #next()}; a record that spans segments
     * is read the ordinary way.
     */
    DecodedRecord nextAlone() {
        long p = pos;
        if ((p & 7) != 0) {
            return end("unaligned position " + Lsn.format(p));
        }
        long segno = WalFiles.segno(p);
        int off = (int) (p & (SEG - 1));
        if (off + HEADER_SIZE > SEG) {
            return next();
        }
        try (FileChannel ch = FileChannel.open(files.path(segno), StandardOpenOption.READ)) {
            if (readFully(ch, headerScratch, HEADER_SIZE, off) < HEADER_SIZE) {
                return end("log file " + WalFiles.segmentName(segno) + " ends before offset " + (off + HEADER_SIZE));
            }
            MemorySegment header = MemorySegment.ofArray(headerScratch);
            int total = header.get(INT, TOTAL_LENGTH);
            if (!headerValid(header, p)) {
                return null;
            }
            if (off + (long) total > SEG) {
                return next();
            }
            growScratch(total);
            if (readFully(ch, scratch, total, off) < total) {
                return end("record at " + Lsn.format(p) + " is incomplete");
            }
            return check(MemorySegment.ofArray(scratch).asSlice(0, total), scratchView, 0, p, total);
        } catch (NoSuchFileException e) {
            return end("log file " + WalFiles.segmentName(segno) + " does not exist");
        } catch (IOException e) {
            throw WalFiles.ioError("could not read log file " + WalFiles.segmentName(segno), e);
        }
    }

    /** A header at {@code p} that can start a record: not zeros, its own LSN, a sane length (else the end). */
    private boolean headerValid(MemorySegment header, long p) {
        int total = header.get(INT, TOTAL_LENGTH);
        long lsn = header.get(LONG, LSN);
        if (total == 0 && lsn == 0) {
            end("zeros at " + Lsn.format(p));
            return false;
        }
        if (lsn != p) {
            end("record at " + Lsn.format(p) + " has position " + Lsn.format(lsn) + " (stale or torn)");
            return false;
        }
        if (total < HEADER_SIZE || total > MAX_RECORD) {
            end("invalid record length " + total + " at " + Lsn.format(p));
            return false;
        }
        return true;
    }

    private static int readFully(FileChannel ch, byte[] into, int n, long at) throws IOException {
        ByteBuffer dst = ByteBuffer.wrap(into, 0, n);
        while (dst.hasRemaining()) {
            if (ch.read(dst, at + dst.position()) < 0) {
                break;
            }
        }
        return dst.position();
    }

    private void growScratch(int total) {
        if (scratch.length < total) {
            scratch = new byte[Math.max(total, scratch.length * 2)];
            scratchView = ByteBuffer.wrap(scratch);
        }
    }

    /**
     * CRC and layout of a whole record at {@code p}, which is {@code whole} and also the bytes
     * of {@code view} from {@code base}; on success the reader moves past it.
     */
    private DecodedRecord check(MemorySegment whole, ByteBuffer view, int base, long p, int total) {
        crc.reset();
        crcUpdate(view, base + HEADER_SIZE, total - HEADER_SIZE);
        crcUpdate(view, base, CRC);
        crcUpdate(view, base + LSN, HEADER_SIZE - LSN);
        if ((int) crc.getValue() != whole.get(INT, CRC)) {
            return end("incorrect resource manager data checksum in record at " + Lsn.format(p));
        }
        if (!rec.decode(whole, p, total)) {
            return end("record at " + Lsn.format(p) + " has an inconsistent layout");
        }
        pos = p + align(total);
        expectedPrev = p;
        lastLsn = p;
        return rec;
    }

    private void crcUpdate(ByteBuffer view, int from, int n) {
        view.limit(from + n).position(from);
        crc.update(view);
    }

    private DecodedRecord end(String reason) {
        endReason = reason;
        return null;
    }

    /** Copies {@code n} bytes starting at {@code lsn} that may span segments; false if the WAL ends first. */
    private boolean copyOut(long lsn, int n, byte[] dest) {
        int done = 0;
        MemorySegment target = MemorySegment.ofArray(dest);
        while (done < n) {
            long p = lsn + done;
            long segno = WalFiles.segno(p);
            int off = (int) (p & (SEG - 1));
            int i = acquire(segno);
            if (length[i] <= off) {
                return false;
            }
            int take = (int) Math.min(n - done, length[i] - off);
            MemorySegment.copy(bufs[i], off, target, done, take);
            done += take;
            if (done < n && length[i] < SEG) {
                return false;
            }
        }
        return true;
    }

    /** The buffer holding segment {@code segno}, reading it if neither does. */
    private int acquire(long segno) {
        for (int i = 0; i < 2; i++) {
            if (segOf[i] == segno) {
                await(i);
                return i;
            }
        }
        int victim = segOf[cur] == segno - 1 ? 1 - cur : cur;
        await(victim);
        load(victim, segno);
        return victim;
    }

    private void prefetch(long segno) {
        int other = 1 - cur;
        if (segOf[other] == segno || segOf[cur] == segno) {
            return;
        }
        await(other);
        segOf[other] = segno;
        length[other] = -1;
        if (io == null) {
            io = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "wal prefetch");
                t.setDaemon(true);
                return t;
            });
        }
        pending[other] = io.submit(() -> load(other, segno));
    }

    private void await(int i) {
        Future<?> f = pending[i];
        if (f != null) {
            pending[i] = null;
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading WAL", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not read WAL", e.getCause());
            }
        }
    }

    private void load(int i, long segno) {
        segOf[i] = segno;
        length[i] = -1;
        if (bufs[i] == null) {
            bufs[i] = arena.allocate(SEG, 4096); // allocated when first needed (nextAlone needs none)
            views[i] = bufs[i].asByteBuffer();
        }
        try (FileChannel ch = FileChannel.open(files.path(segno), StandardOpenOption.READ)) {
            ByteBuffer dst = bufs[i].asByteBuffer();
            long at = 0;
            while (dst.hasRemaining()) {
                int n = ch.read(dst, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
            length[i] = at;
        } catch (NoSuchFileException e) {
            length[i] = -1;
        } catch (IOException e) {
            throw WalFiles.ioError("could not read log file " + WalFiles.segmentName(segno), e);
        }
    }

    @Override
    public void close() {
        // A read-ahead not started yet is cancelled (shutdownNow alone would drop it from the
        // queue without completing its Future, and waiting for it would hang forever); one
        // under way is waited for, since it writes into memory the arena is about to free.
        for (int i = 0; i < 2; i++) {
            Future<?> f = pending[i];
            if (f != null) {
                f.cancel(false);
            }
            try {
                await(i);
            } catch (RuntimeException e) {
                // cancelled or failed: closing anyway
            }
        }
        if (io != null) {
            io.shutdownNow();
        }
        arena.close();
    }
}
