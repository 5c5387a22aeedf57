package org.tuskdb.wal.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;

class ControlFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndIsReplacedAtomically() {
        Path p = ControlFile.path(dir);
        assertNull(ControlFile.read(p), "missing: a fresh data directory");
        ControlFile.Data d = new ControlFile.Data(0x1234_5678_9ABCL, ControlFile.STATE_IN_PRODUCTION, 1,
                0x1000028L, 0x1000000L, 1_700_000_000_000L, 1_700_000_000_001L);
        ControlFile.write(p, d, true);
        assertEquals(d, ControlFile.read(p));
        ControlFile.Data e = d.with(ControlFile.STATE_SHUT_DOWN, 0x2000000L, 0x2000000L, 5);
        ControlFile.write(p, e, true);
        assertEquals(ControlFile.STATE_SHUT_DOWN, ControlFile.read(p).state());
        assertEquals(0x2000000L, ControlFile.read(p).checkpointLsn());
        assertFalse(Files.exists(p.resolveSibling("pg_control.tmp")));
        assertEquals(ControlFile.SIZE, p.toFile().length());
    }

    @Test
    void aFlippedBitIsAChecksumError() throws Exception {
        Path p = ControlFile.path(dir);
        ControlFile.write(p, new ControlFile.Data(1, ControlFile.STATE_IN_PRODUCTION, 1, 2, 3, 4, 5), false);
        byte[] b = Files.readAllBytes(p);
        b[24] ^= 0x10;
        Files.write(p, b);
        DatabaseException ex = assertThrows(DatabaseException.class, () -> ControlFile.read(p));
        assertEquals("XX001", ex.sqlState());
        assertTrue(ex.getMessage().contains("checksum"));
    }
}
