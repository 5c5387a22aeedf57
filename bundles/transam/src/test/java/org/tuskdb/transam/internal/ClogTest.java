package org.tuskdb.transam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClogTest {
    @TempDir
    Path data;

    private static int expected(long xid) {
        return (int) (xid % 3) + 1; // COMMITTED, ABORTED, SUB_COMMITTED
    }

    @Test
    void pagesAreEvictedWrittenAndReadBackWithFewSlots() throws Exception {
        FakeWal wal = new FakeWal();
        try (TestServer server = new TestServer(data, 2, 2)) {
            Transam t = server.transam(wal);
            long step = Clog.XIDS_PER_PAGE / 2 + 7;
            for (long xid = 3; xid < 6 * Clog.XIDS_PER_PAGE; xid += step) {
                t.clog.setStatus(xid, expected(xid), wal.record(1, 0).xid(xid).insert());
            }
            for (long xid = 3; xid < 6 * Clog.XIDS_PER_PAGE; xid += step) {
                assertEquals(expected(xid), t.clog.status(xid), "xid " + xid);
                assertEquals(0, t.clog.status(xid + 1));
            }
            assertTrue(!wal.flushRequests.isEmpty(), "a dirty page is written only after the WAL up to its LSN");
            assertTrue(wal.flushedPosition() > wal.records.get(0).endLsn());
            assertTrue(Files.size(data.resolve("pg_xact").resolve("0000")) >= 5 * Clog.PAGE_SIZE);
        }
    }

    @Test
    void twoMappingsShareTheCache() throws Exception {
        try (TestServer server = new TestServer(data, 2, 4)) {
            Transam a = server.transam(null);
            Transam b = server.transam(null);
            a.clog.setStatus(40_000, Clog.COMMITTED, 0);
            assertEquals(Clog.COMMITTED, b.clog.status(40_000));
            b.clog.setStatus(40_001, Clog.ABORTED, 0);
            assertEquals(Clog.ABORTED, a.clog.status(40_001));
            assertEquals(Clog.COMMITTED, a.clog.status(40_000));
        }
    }

    @Test
    void treeCommitAcrossPagesEndsAllCommitted() throws Exception {
        try (TestServer server = new TestServer(data, 2, 3)) {
            Transam t = server.transam(null);
            long top = Clog.XIDS_PER_PAGE - 2;
            long[] subs = {top + 1, top + 2, top + 3, 3 * Clog.XIDS_PER_PAGE};
            t.clog.setTreeStatus(top, subs, 0, subs.length, Clog.COMMITTED, 0);
            assertEquals(Clog.COMMITTED, t.clog.status(top));
            for (long s : subs) {
                assertEquals(Clog.COMMITTED, t.clog.status(s));
            }
        }
    }

    @Test
    void segmentFilesAreNamedInHex() {
        assertEquals("0000", Clog.fileName(0));
        assertEquals("001F", Clog.fileName(31));
        assertEquals("10000", Clog.fileName(65536));
    }
}
