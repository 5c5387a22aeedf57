package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tuskdb.itests.StorageBasicsTest.exec;
import static org.tuskdb.itests.StorageBasicsTest.ids;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Damaged WAL, as after a torn write: replay ends at the first record that does not check out
 * (bad CRC, garbage), as in PostgreSQL, and the server starts with everything before it.
 *
 * <p>Relies on PostgreSQL's file layout: pg_wal/ holds 16 MiB segments named with 24 hex digits
 * (timeline, then the LSN's high 32 bits, then the segment number within them), and
 * {@code pg_current_wal_lsn()} returns the WAL written so far as "X/Y", so that byte N of the WAL
 * stream is at offset N % 16 MiB of the segment named for N / 16 MiB.
 */
@Tag("storage")
class TornWalTest {
    static final long SEGMENT_SIZE = 16L * 1024 * 1024;
    static final Pattern SEGMENT_NAME = Pattern.compile("[0-9A-F]{24}");

    static long currentLsn(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()")) {
            assertTrue(rs.next());
            String text = rs.getString(1);
            int slash = text.indexOf('/');
            return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
        }
    }

    /** The pg_wal segment file that holds WAL byte lsn (the newest timeline when several do). */
    static Path segmentFile(Path dataDir, long lsn) throws IOException {
        long segNo = lsn / SEGMENT_SIZE;
        long perId = 0x1_0000_0000L / SEGMENT_SIZE;
        String suffix = "%08X%08X".formatted(segNo / perId, segNo % perId);
        try (Stream<Path> files = Files.list(dataDir.resolve("pg_wal"))) {
            List<Path> matches = files.filter(p -> SEGMENT_NAME.matcher(p.getFileName().toString()).matches()
                    && p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (matches.isEmpty()) {
                try (Stream<Path> all = Files.list(dataDir.resolve("pg_wal"))) {
                    fail("no WAL segment *" + suffix + " for LSN " + Long.toHexString(lsn) + " in pg_wal: " + all.toList());
                }
            }
            return matches.get(matches.size() - 1);
        }
    }

    /** Prints what the server logged about the end of replay, to see which check stopped it. */
    static void printReplayLog(StorageServer server, String test) {
        server.logs().lines().filter(l -> l.matches("(?i).*(redo|invalid|checksum|crc|end of wal|zeros at|record).*"))
                .forEach(l -> System.out.println(test + ": " + l));
    }

    static void xorByte(Path file, long offset, int mask) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            assertEquals(1, ch.read(b, offset), "byte " + offset + " of " + file + " exists");
            b.put(0, (byte) (b.get(0) ^ mask)).rewind();
            ch.write(b, offset);
            ch.force(true);
        }
    }

    @Test
    void recordWithBadCrcEndsReplayThere() throws Exception {
        try (StorageServer server = StorageServer.start()) {
            long[] before = new long[16];
            long[] after = new long[16];
            try (Connection c = server.connect()) {
                exec(c, "CREATE TABLE torn (id int)");
                for (int id = 1; id <= 5; id++) {
                    exec(c, "INSERT INTO torn VALUES (" + id + ")");
                }
                exec(c, "CHECKPOINT"); // replay starts here; rows 1..5 are in the data file
                for (int id = 6; id <= 15; id++) {
                    before[id] = currentLsn(c);
                    exec(c, "INSERT INTO torn VALUES (" + id + ")"); // committed, so its WAL is flushed
                    after[id] = currentLsn(c);
                }
            }
            int victim = 10;
            assertTrue(after[victim] - before[victim] > 64,
                    "an INSERT and its COMMIT take WAL: " + Long.toHexString(before[victim]) + ".." + Long.toHexString(after[victim]));
            server.killEverything(); // no shutdown checkpoint: the next start replays rows 6..15 from WAL

            // a byte in the body of the first record of the victim's transaction (past the 24-byte
            // header of PostgreSQL's records and the 40-byte one of Tusk's): only the CRC can tell
            long damaged = before[victim] + 48;
            Path segment = segmentFile(server.dataDir(), damaged);
            xorByte(segment, damaged % SEGMENT_SIZE, 0xFF);

            server.startAgain();
            printReplayLog(server, "bad CRC");
            try (Connection c = server.connect()) {
                assertEquals(IntStream.rangeClosed(1, victim - 1).boxed().toList(), ids(c, "SELECT id FROM torn"),
                        "replay stops at the damaged record: everything before it, nothing after it\n" + server.logs());
                exec(c, "INSERT INTO torn VALUES (100)");
            }
            // new WAL continues after the last good record: a crash now replays it correctly
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect()) {
                List<Integer> rows = ids(c, "SELECT id FROM torn");
                List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1, victim - 1).boxed().toList());
                expected.add(100);
                assertTrue(rows.containsAll(expected), "rows " + rows + " hold " + expected + "\n" + server.logs());
                assertEquals(rows.stream().distinct().count(), rows.size(), "no row twice: " + rows);
            }
        }
    }

    /**
     * The end of valid WAL after the record that starts at {@code offset} of this segment, found by
     * following each record's total length (its first 4 bytes, little-endian, without the padding to
     * 8 bytes; Tusk and PostgreSQL agree on that) until a length of zero. PostgreSQL's WAL also
     * has a page header at every 8 KiB (40 bytes at the start of a segment, 24 elsewhere), which
     * records run across.
     */
    static int walEnd(byte[] segment, int offset, boolean pageHeaders) {
        int pos = offset;
        for (int records = 0; records < 10_000; records++) {
            if (pageHeaders && pos % 8192 == 0) {
                pos += pos == 0 ? 40 : 24;
            }
            if (pos + 4 > segment.length) {
                return pos;
            }
            int length = ByteBuffer.wrap(segment, pos, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            if (length == 0) {
                return pos;
            }
            assertTrue(length > 0 && length < SEGMENT_SIZE, "a sane record length at " + pos + ": " + length);
            int remaining = length;
            while (remaining > 0) {
                int room = pageHeaders ? 8192 - pos % 8192 : remaining;
                int take = Math.min(room, remaining);
                pos += take;
                remaining -= take;
                if (remaining > 0) {
                    pos += pos % SEGMENT_SIZE == 0 ? 40 : 24; // a continuation after the next page header
                }
            }
            pos = (pos + 7) & ~7;
        }
        return fail("no end of WAL after 10000 records from offset " + offset);
    }

    static void writeGarbage(Path segment, long offset, int length) throws IOException {
        byte[] garbage = new byte[length];
        new Random(offset).nextBytes(garbage);
        garbage[0] |= 1; // never a zero length field, which would read as a clean end
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(garbage), offset);
            ch.force(true);
        }
        System.out.println("wrote " + length + " bytes of garbage at offset " + offset + " of " + segment.getFileName()
                + " (" + HexFormat.of().formatHex(garbage, 0, 8) + "...)");
    }

    @Test
    void garbageAfterTheLastRecordOfACleanShutdownIsIgnored() throws Exception {
        try (StorageServer server = StorageServer.start()) {
            long lsn;
            try (Connection c = server.connect()) {
                exec(c, "CREATE TABLE garbage (id int)");
                for (int id = 1; id <= 5; id++) {
                    exec(c, "INSERT INTO garbage VALUES (" + id + ")");
                }
                lsn = currentLsn(c); // the next record (the shutdown checkpoint, in a quiet server) starts here
            }
            TuskServer.Result stop = server.stop("fast");
            assertEquals(0, stop.exitCode(), stop.toString());

            Path segment = segmentFile(server.dataDir(), lsn);
            int end = walEnd(Files.readAllBytes(segment), (int) (lsn % SEGMENT_SIZE), server.kind().equals("postgres"));
            assertTrue(end > lsn % SEGMENT_SIZE, "the shutdown checkpoint follows " + Long.toHexString(lsn));
            writeGarbage(segment, end, 300);

            server.startAgain();
            try (Connection c = server.connect()) {
                assertEquals(List.of(1, 2, 3, 4, 5), ids(c, "SELECT id FROM garbage"), server.logs());
                for (int id = 6; id <= 8; id++) {
                    exec(c, "INSERT INTO garbage VALUES (" + id + ")");
                }
            }
            // the WAL written where the garbage was replays correctly after a crash
            server.killEverything();
            server.startAgain();
            printReplayLog(server, "garbage after shutdown");
            try (Connection c = server.connect()) {
                assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), ids(c, "SELECT id FROM garbage"), server.logs());
            }
        }
    }

    @Test
    void garbageAfterTheLastCommitBeforeACrashIsIgnored() throws Exception {
        // no knowledge of the record format: the last commit's WAL ends where pg_current_wal_lsn() says
        try (StorageServer server = StorageServer.start()) {
            long lsn;
            try (Connection c = server.connect()) {
                exec(c, "CREATE TABLE garbage2 (id int)");
                exec(c, "CHECKPOINT");
                for (int id = 1; id <= 5; id++) {
                    exec(c, "INSERT INTO garbage2 VALUES (" + id + ")");
                }
                lsn = currentLsn(c);
            }
            server.killEverything();
            writeGarbage(segmentFile(server.dataDir(), lsn), lsn % SEGMENT_SIZE, 500);
            server.startAgain();
            printReplayLog(server, "garbage after crash");
            try (Connection c = server.connect()) {
                assertEquals(List.of(1, 2, 3, 4, 5), ids(c, "SELECT id FROM garbage2"), "replay ends at the garbage\n" + server.logs());
                for (int id = 6; id <= 8; id++) {
                    exec(c, "INSERT INTO garbage2 VALUES (" + id + ")");
                }
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect()) {
                assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), ids(c, "SELECT id FROM garbage2"), server.logs());
            }
        }
    }

    @Test
    void lastCommitWithCorruptedWalIsNotReplayedButEarlierOnesAre() throws Exception {
        // the torn-last-record case: the crash hit while the last commit's WAL was being written
        try (StorageServer server = StorageServer.start()) {
            long before;
            long after;
            try (Connection c = server.connect()) {
                exec(c, "CREATE TABLE tornlast (id int, pad text)");
                exec(c, "CHECKPOINT");
                for (int id = 1; id <= 20; id++) {
                    exec(c, "INSERT INTO tornlast VALUES (" + id + ", 'row " + id + "')");
                }
                before = currentLsn(c);
                byte[] noise = new byte[750]; // incompressible, and below PostgreSQL's TOAST threshold
                new Random(7).nextBytes(noise);
                exec(c, "INSERT INTO tornlast VALUES (21, '" + HexFormat.of().formatHex(noise) + "')");
                after = currentLsn(c);
            }
            server.killEverything();
            assertTrue(after - before > 1500, "the last transaction's WAL: " + (after - before) + " bytes");
            // damage the second half of the last transaction's WAL, as a torn write would. Other
            // sessions (the pool's backend warm-ups) may write WAL meanwhile, so pg_current_wal_lsn()
            // after the INSERT can lie past its commit in WAL that never reached the disk: the
            // damage stays within the first 1500 bytes after `before`, which the INSERT's own record
            // (1500 bytes of hex) spans and its commit flushed
            long to = Math.min(after, before + 1500);
            long from = before + (to - before) / 2;
            for (long pos = from; pos < to; pos += 64) {
                xorByte(segmentFile(server.dataDir(), pos), pos % SEGMENT_SIZE, 0x5A);
            }
            server.startAgain();
            printReplayLog(server, "torn last");
            try (Connection c = server.connect()) {
                assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), ids(c, "SELECT id FROM tornlast"),
                        "the torn last transaction is gone, all before it are there\n" + server.logs());
            }
        }
    }
}
