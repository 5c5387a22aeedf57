package org.tuskdb.wal.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.tuskdb.api.DatabaseException;

/**
 * {@code global/pg_control}: which checkpoint recovery starts from (PostgreSQL's
 * ControlFileData). A fixed 8 KiB file whose first 64 bytes are the struct, little-endian:
 *
 * <pre>
 *   0 magic 'TKCF' | 4 version | 8 system identifier | 16 state | 20 timeline
 *  24 last checkpoint LSN | 32 its redo LSN | 40 its time (ms) | 48 time of this write (ms)
 *  56 CRC-32C of bytes 0-55 | 60 0
 * </pre>
 *
 * Written atomically: the new contents go to {@code pg_control.tmp}, which is fsynced and renamed
 * over the old file, and then {@code global/} is fsynced; a crash leaves the old or the new file,
 * never a mixture. Read back, a wrong magic, version or CRC is an error (the server must not guess
 * where to start).
 */
final class ControlFile {
    static final int SIZE = 8192;
    static final int MAGIC = 0x4643_4B54; // "TKCF" little-endian
    static final int VERSION = 1;

    /** PostgreSQL's DBState values. */
    static final int STATE_SHUT_DOWN = 1;
    static final int STATE_IN_CRASH_RECOVERY = 4;
    static final int STATE_IN_PRODUCTION = 6;

    record Data(long systemId, int state, int timeline, long checkpointLsn, long redoLsn, long checkpointTime,
                long writeTime) {
        Data with(int newState, long ckpt, long redo, long time) {
            return new Data(systemId, newState, timeline, ckpt, redo, time, System.currentTimeMillis());
        }

        String stateName() {
            return switch (state) {
                case STATE_SHUT_DOWN -> "shut down";
                case STATE_IN_CRASH_RECOVERY -> "in crash recovery";
                case STATE_IN_PRODUCTION -> "in production";
                default -> "unknown (" + state + ")";
            };
        }
    }

    private ControlFile() {
    }

    static Path path(Path dataDirectory) {
        return dataDirectory.resolve("global").resolve("pg_control");
    }

    /** The control data, or null when the file does not exist (a fresh data directory). */
    static Data read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw WalFiles.ioError("could not read file \"" + file + "\"", e);
        }
        if (bytes.length < 64) {
            throw new DatabaseException("XX001", "control file \"" + file + "\" is too short (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 56);
        if ((int) crc.getValue() != b.getInt(56)) {
            throw new DatabaseException("XX001", "incorrect checksum in control file");
        }
        if (b.getInt(0) != MAGIC || b.getInt(4) != VERSION) {
            throw new DatabaseException("XX001", "control file has an unknown format (version " + b.getInt(4) + ")");
        }
        return new Data(b.getLong(8), b.getInt(16), b.getInt(20), b.getLong(24), b.getLong(32), b.getLong(40),
                b.getLong(48));
    }

    static byte[] encode(Data d) {
        byte[] bytes = new byte[SIZE];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, MAGIC).putInt(4, VERSION).putLong(8, d.systemId()).putInt(16, d.state()).putInt(20, d.timeline())
                .putLong(24, d.checkpointLsn()).putLong(32, d.redoLsn()).putLong(40, d.checkpointTime())
                .putLong(48, d.writeTime());
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 56);
        b.putInt(56, (int) crc.getValue());
        return bytes;
    }

    static void write(Path file, Data d, boolean fsync) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer data = ByteBuffer.wrap(encode(d));
                while (data.hasRemaining()) {
                    ch.write(data);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                WalFiles.syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw WalFiles.ioError("could not write control file \"" + file + "\"", e);
        }
    }
}
