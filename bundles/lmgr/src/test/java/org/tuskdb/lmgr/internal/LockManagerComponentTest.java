package org.tuskdb.lmgr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;

/** The DS components as the postmaster and two workers use them, with fakes of the other bundles' services. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockManagerComponentTest {
    private record Process(int slot, long pid) implements ProcessContext {
        public String role() { return "backend"; }
        public Path dataDirectory() { return Path.of("/nonexistent"); }
        public long postmasterPid() { return 1; }
        public Path controlSocket() { return null; }
        public Path installDirectory() { return null; }
        public long startTimeMillis() { return 0; }
    }

    private record Segment(MemorySegment region) implements SharedMemory {
        public MemorySegment region(String name) {
            if (!LockRegionLayout.REGION_NAME.equals(name)) {
                throw new IllegalArgumentException(name);
            }
            return region;
        }
        public Map<String, Long> regions() { return Map.of(name(), region.byteSize()); }
        public MemorySegment segment() { return region; }
        public long generation() { return 1; }
        private static String name() { return LockRegionLayout.REGION_NAME; }
    }

    /** Takes the lock, then ends the transaction (commit, or abort on an error). */
    private static CompletableFuture<Throwable> transaction(LockManagerComponent locks, LockTag tag) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            Throwable failure = null;
            try {
                locks.lock(tag, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
            } catch (Throwable t) {
                failure = t;
            } finally {
                locks.releaseAll();
            }
            done.complete(failure); // only after releaseAll: the test then expects an empty table

        });
        return done;
    }

    @Test
    void regionIsSizedFromSettingsAndWorkersUseDeadlockTimeout() throws Exception {
        FakeSettings settings = new FakeSettings(Map.of("max_locks_per_transaction", "10", "deadlock_timeout", "30"));
        LockRegionDeclaration declaration = new LockRegionDeclaration(new Process(-1, 1), settings);
        assertEquals("locks", declaration.regionName());
        long size = declaration.regionSize(4);
        assertEquals(LockRegionLayout.forSettings(4, 10).size, size);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment region = arena.allocate(size, 64);
            declaration.initialize(region, 4);
            assertEquals(40, LockRegionLayout.of(region).lockCapacity);

            LockManagerComponent a = new LockManagerComponent(new Segment(region), new Process(0, 4242), settings);
            LockManagerComponent b = new LockManagerComponent(new Segment(region), new Process(1, 4343), settings);
            LockTag x = LockTag.relation(5, 1);
            LockTag y = LockTag.relation(5, 2);
            a.lock(x, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
            b.lock(y, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
            long start = System.nanoTime();
            CompletableFuture<Throwable> fa = transaction(a, y);
            CompletableFuture<Throwable> fb = transaction(b, x);
            Throwable ea = fa.get(5, TimeUnit.SECONDS);
            Throwable eb = fb.get(5, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "deadlock_timeout of 30 ms used");
            assertTrue(ea == null ^ eb == null, "exactly one victim: " + ea + ", " + eb);
            DatabaseException e = (DatabaseException) (ea != null ? ea : eb);
            assertEquals("40P01", e.sqlState());
            assertTrue(e.detail().contains("waits for AccessExclusiveLock on relation 1 of database 5;"), e.detail());
            assertTrue(e.detail().contains("process 4242") && e.detail().contains("process 4343"), e.detail());
            assertEquals(0, a.locks().size());
        }
    }
}
