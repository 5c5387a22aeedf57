package org.tuskdb.shmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.shmem.ProcSlot;
import org.tuskdb.platform.linux.Signals;

class ProcArrayTest {
    @TempDir
    Path dir;

    private PostmasterSegment owner;
    private ProcArrayService postmaster;

    @BeforeEach
    void createSegment() throws Exception {
        TestProcess process = TestProcess.postmaster(dir);
        owner = new PostmasterSegment(process);
        owner.settings = settings(Map.of("max_connections", "3", "backend_pool_max_idle", "2"));
        owner.create();
        postmaster = new ProcArrayService(owner, process);
    }

    @AfterEach
    void removeSegment() {
        owner.deactivate();
    }

    /** A worker's view: its own mapping of the file, as in another process. */
    private WorkerSegment attach(String role, int slot) throws Exception {
        return new WorkerSegment(TestProcess.worker(dir, role, slot));
    }

    @Test
    void capacityComesFromSettings() {
        assertEquals(3 + 2 + 16, postmaster.capacity());
    }

    @Test
    void claimAssignReportSnapshotRelease() throws Exception {
        int backend = postmaster.claim("backend");
        int logger = postmaster.claim("logger");
        assertEquals(List.of(), postmaster.snapshot(), "claimed slots without a pid are not listed");
        postmaster.assign(backend, 1001);
        postmaster.assign(logger, 1002);
        postmaster.setCancelKey(backend, 0x5EC2E7);

        WorkerSegment workerMemory = attach("backend", backend);
        try {
            ProcArrayService worker = new ProcArrayService(workerMemory, TestProcess.worker(dir, "backend", backend));
            ProcSlot mine = worker.mySlot();
            assertEquals(backend, mine.slot());
            mine.beginSession("postgres", "alice", "psql", "127.0.0.1", 40000);
            mine.reportTransactionStart(1234);
            mine.reportState("active", "SELECT 1");

            List<ProcInfo> seen = postmaster.snapshot();
            assertEquals(2, seen.size());
            ProcInfo info = seen.get(0);
            assertEquals(1001, info.pid());
            assertEquals("backend", info.role());
            assertEquals("client backend", info.backendType());
            assertEquals("active", info.state());
            assertEquals("postgres", info.database());
            assertEquals("alice", info.user());
            assertEquals("psql", info.applicationName());
            assertEquals("127.0.0.1", info.clientAddr());
            assertEquals(40000, info.clientPort());
            assertEquals("SELECT 1", info.query());
            assertEquals(1234, info.transactionStart());
            assertTrue(info.queryStart() > 0 && info.stateChange() > 0 && info.backendStart() >= info.processStart());
            assertTrue(info.inSession());

            ProcInfo aux = seen.get(1);
            assertEquals("logger", aux.backendType());
            assertNull(aux.state());
            assertNull(aux.database());
            assertFalse(aux.inSession());

            assertEquals(1001, postmaster.checkCancelKey(1001, 0x5EC2E7));
            assertEquals(-1, postmaster.checkCancelKey(1001, 0x5EC2E8), "wrong key");
            assertEquals(-1, postmaster.checkCancelKey(1002, 0), "no session, no cancel");

            mine.reportState("idle", null);
            assertEquals("SELECT 1", postmaster.find(1001).query(), "idle sessions show their last query");
            mine.endSession();
            ProcInfo pooled = postmaster.find(1001);
            assertFalse(pooled.inSession());
            assertNull(pooled.user());
            assertEquals(-1, postmaster.checkCancelKey(1001, 0x5EC2E7), "old key dies with its session");

            postmaster.release(backend);
            assertNull(postmaster.find(1001));
            assertEquals(1, postmaster.snapshot().size());
            assertEquals(backend, postmaster.claim("backend"), "a released slot is reused");
        } finally {
            workerMemory.deactivate();
        }
    }

    @Test
    void claimFailsWhenFull() {
        for (int i = 0; i < postmaster.capacity(); i++) {
            assertEquals(i, postmaster.claim("backend"));
        }
        assertEquals(-1, postmaster.claim("backend"));
    }

    @Test
    void queryTextIsCutAt1024BytesOnACharacterBoundary() throws Exception {
        int slot = postmaster.claim("backend");
        postmaster.assign(slot, 2001);
        ProcSlot mine = new ProcArrayService(owner, TestProcess.worker(dir, "backend", slot)).mySlot();
        mine.beginSession("db", "u", "", null, 0);
        String query = "SELECT '-" + "é".repeat(600) + "'";
        mine.reportState("active", query);
        ProcInfo info = postmaster.find(2001);
        byte[] kept = info.query().getBytes(StandardCharsets.UTF_8);
        assertEquals(1023, kept.length, "9 ASCII bytes + 507 two-byte characters; the 508th would pass 1024");
        assertTrue(query.startsWith(info.query()));
        assertNull(info.clientAddr());
        assertEquals(-1, info.clientPort(), "Unix-domain client");
    }

    @Test
    void onlyOurProcessesCanBeSignalled() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "30").start();
        Process ours = new ProcessBuilder("sleep", "30").start();
        try {
            assertFalse(postmaster.signalTerminate(stranger.pid()), "not in the array: refused");
            assertFalse(postmaster.signalCancel(stranger.pid()));
            assertTrue(stranger.isAlive());

            int slot = postmaster.claim("backend");
            postmaster.assign(slot, ours.pid());
            assertTrue(postmaster.signalTerminate(ours.pid()));
            assertTrue(ours.waitFor(5, TimeUnit.SECONDS));
            assertEquals(128 + Signals.SIGTERM, ours.exitValue());
        } finally {
            stranger.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            ours.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void mySlotIsForWorkersOnly() {
        assertThrows(IllegalStateException.class, () -> postmaster.mySlot());
    }

    @Test
    void readersNeverSeeATornSlot() throws Exception {
        int slot = postmaster.claim("backend");
        postmaster.assign(slot, 3001);
        WorkerSegment writerMemory = attach("backend", slot);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                ProcSlot mine = new ProcArrayService(writerMemory, TestProcess.worker(dir, "backend", slot)).mySlot();
                for (int i = 0; !stop.get(); i++) {
                    String n = Integer.toString(i);
                    mine.beginSession("db" + n, "user" + n, "app" + n, "10.0.0." + (i % 250), i);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            int consistent = 0;
            // a count of reads, not a time window: on a loaded machine 300 ms held fewer than 100
            long end = System.nanoTime() + 30_000_000_000L;
            while (consistent <= 100 && System.nanoTime() < end) {
                ProcInfo info = postmaster.find(3001);
                if (info == null || info.database() == null) {
                    continue;
                }
                String n = info.database().substring(2);
                assertEquals("user" + n, info.user());
                assertEquals("app" + n, info.applicationName());
                assertEquals(Integer.parseInt(n), info.clientPort());
                consistent++;
            }
            assertTrue(consistent > 100, "read " + consistent + " copies");
        } finally {
            stop.set(true);
            writer.join();
            writerMemory.deactivate();
        }
        assertNull(failure.get());
    }

    static SettingsRegistry settings(Map<String, String> values) {
        return new SettingsRegistry() {
            @Override
            public Collection<SettingDefinition> definitions() {
                return List.of();
            }

            @Override
            public SettingDefinition find(String name) {
                return null;
            }

            @Override
            public String value(String name) {
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(name);
                }
                return value;
            }

            @Override
            public String source(String name) {
                return "default";
            }

            @Override
            public String normalize(String name, String value) {
                return value;
            }

            @Override
            public String display(String name, String baseValue) {
                return baseValue;
            }

            @Override
            public void reload() {
            }
        };
    }
}
