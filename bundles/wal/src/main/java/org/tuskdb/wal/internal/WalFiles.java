package org.tuskdb.wal.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tuskdb.api.DatabaseException;

/**
 * The 16 MiB segment files of {@code pg_wal/}, named as PostgreSQL names them on timeline 1
 * ({@code 000000010000000000000001} holds LSNs 0/1000000 to 0/1FFFFFF), and this process's open
 * descriptors for writing them. A new segment is created zero-filled under a temporary name,
 * fsynced and renamed into place, so a segment file under its real name always has its full
 * size and fdatasync never has to update its length. Only a holder of WALWriteLock writes,
 * creates or recycles segments; instances are not thread-safe on their own.
 */
final class WalFiles implements AutoCloseable {
    static final int SEGMENT_SIZE = 16 * 1024 * 1024;
    static final int SEGMENT_SHIFT = 24;
    static final int TIMELINE = 1;
    private static final long SEGMENTS_PER_XLOGID = 0x1_0000_0000L / SEGMENT_SIZE;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Path dir;
    private long openSegno = -1;
    private FileChannel openChannel;
    private WalSettings.SyncMethod openMethod;
    /** Tests: extra latency per fsync, to model a disk slower than this machine's. */
    long extraSyncNanos;

    WalFiles(Path dir) {
        this.dir = dir;
    }

    Path directory() {
        return dir;
    }

    /** The segment holding the byte before {@code lsn} (pg_walfile_name's XLByteToPrevSeg). */
    static String segmentNameBefore(long lsn) {
        return segmentName(Long.divideUnsigned(lsn - 1, SEGMENT_SIZE));
    }

    static String segmentName(long segno) {
        return String.format("%08X%08X%08X", TIMELINE, segno / SEGMENTS_PER_XLOGID, segno % SEGMENTS_PER_XLOGID);
    }

    /** The segment number of a file name, or -1 when the name is not a segment's. */
    static long parseSegmentName(String name) {
        if (name.length() != 24) {
            return -1;
        }
        for (int i = 0; i < 24; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                return -1;
            }
        }
        long hi = Long.parseLong(name, 8, 16, 16);
        long lo = Long.parseLong(name, 16, 24, 16);
        return hi * SEGMENTS_PER_XLOGID + lo;
    }

    static long segno(long lsn) {
        return lsn >>> SEGMENT_SHIFT;
    }

    static long segmentStart(long segno) {
        return segno << SEGMENT_SHIFT;
    }

    Path path(long segno) {
        return dir.resolve(segmentName(segno));
    }

    /** Every segment file in pg_wal, ascending. */
    List<Long> list() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                long s = parseSegmentName(p.getFileName().toString());
                if (s >= 0) {
                    out.add(s);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Writes {@code data} at {@code lsn} (within one segment), creating the segment if needed. */
    void write(long lsn, ByteBuffer data, WalSettings settings) {
        long segno = segno(lsn);
        long offset = lsn - segmentStart(segno);
        try {
            FileChannel ch = channel(segno, settings);
            while (data.hasRemaining()) {
                offset += ch.write(data, offset);
            }
        } catch (IOException e) {
            throw ioError("could not write to log file " + segmentName(segno) + " at offset " + offset, e);
        }
    }

    /**
     * Makes the segment durable per wal_sync_method (a no-op for open_sync/open_datasync, whose
     * writes already are). Returns true when it called fsync/fdatasync.
     */
    boolean sync(long segno, WalSettings settings) {
        if (settings.syncMethod() == WalSettings.SyncMethod.OPEN_SYNC
                || settings.syncMethod() == WalSettings.SyncMethod.OPEN_DATASYNC) {
            return false;
        }
        try {
            FileChannel ch = segno == openSegno ? openChannel : null;
            if (ch != null) {
                ch.force(settings.syncMethod() == WalSettings.SyncMethod.FSYNC);
            } else {
                try (FileChannel other = FileChannel.open(path(segno), StandardOpenOption.WRITE)) {
                    other.force(settings.syncMethod() == WalSettings.SyncMethod.FSYNC);
                }
            }
            if (extraSyncNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(extraSyncNanos);
            }
            return true;
        } catch (NoSuchFileException e) {
            return false; // removed by a checkpoint: nothing left to make durable
        } catch (IOException e) {
            throw ioError("could not fsync log file " + segmentName(segno), e);
        }
    }

    private FileChannel channel(long segno, WalSettings settings) throws IOException {
        WalSettings.SyncMethod method = settings.fsync() ? settings.syncMethod() : WalSettings.SyncMethod.FDATASYNC;
        if (segno == openSegno && method == openMethod) {
            return openChannel;
        }
        closeOpen();
        Path p = path(segno);
        if (!Files.exists(p)) {
            createZeroed(segno, settings.fsync());
        }
        List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.WRITE));
        if (method == WalSettings.SyncMethod.OPEN_SYNC) {
            options.add(StandardOpenOption.SYNC);
        } else if (method == WalSettings.SyncMethod.OPEN_DATASYNC) {
            options.add(StandardOpenOption.DSYNC);
        }
        openChannel = FileChannel.open(p, options.toArray(OpenOption[]::new));
        openSegno = segno;
        openMethod = method;
        return openChannel;
    }

    /** Creates a zero-filled segment: temp file, fill, fsync, rename, fsync pg_wal. */
    void createZeroed(long segno, boolean fsync) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("xlogtemp." + ProcessHandle.current().pid());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            while (pos < SEGMENT_SIZE) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(z.capacity(), SEGMENT_SIZE - pos));
                pos += ch.write(z, pos);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        Files.move(tmp, path(segno), StandardCopyOption.ATOMIC_MOVE);
        if (fsync) {
            syncDirectory(dir);
        }
    }

    /**
     * Gives an old segment file a future segment's name (recycling, as PostgreSQL does): its stale
     * records carry old LSNs and can never be taken for records at the new position. False when
     * the target exists.
     */
    boolean recycle(long oldSegno, long newSegno) throws IOException {
        if (oldSegno == openSegno) {
            closeOpen();
        }
        try {
            Files.move(path(oldSegno), path(newSegno), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    void remove(long segno) throws IOException {
        if (segno == openSegno) {
            closeOpen();
        }
        Files.deleteIfExists(path(segno));
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory for fsync; nothing more can be done.
        }
    }

    private void closeOpen() {
        if (openChannel != null) {
            try {
                openChannel.close();
            } catch (IOException e) {
                // closing a descriptor we only wrote through: nothing to recover
            }
        }
        openChannel = null;
        openSegno = -1;
        openMethod = null;
    }

    @Override
    public void close() {
        closeOpen();
    }

    static DatabaseException ioError(String message, IOException e) {
        return new DatabaseException(DatabaseException.Severity.ERROR, "58030", message + ": " + e.getMessage(),
                null, null, 0, e);
    }
}
