package org.tuskdb.shmem.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocksTest {
    private static final long LOCK = 0;
    private static final long SPIN = 64;
    private static final long INSIDE = 128;  // exclusive holders inside right now (must be 0 or 1)
    private static final long COUNTER = 192; // incremented non-atomically under the lock
    private static final long LATCH = 256;

    @TempDir
    Path dir;

    @Test
    void lwLockExcludesWritersAcrossMappings() throws Exception {
        int threads = 4;
        int rounds = 20_000;
        try (SyncTestSegments shm = new SyncTestSegments(dir.resolve("shm"))) {
            LWLock.initialize(shm.first, LOCK);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MemorySegment seg = shm.mapping(t);
                boolean reader = t == threads - 1;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < rounds; i++) {
                            if (reader) {
                                LWLock.acquireShared(seg, LOCK);
                                if (seg.get(ValueLayout.JAVA_INT, INSIDE) != 0) {
                                    throw new AssertionError("reader inside with a writer");
                                }
                                LWLock.release(seg, LOCK);
                            } else {
                                LWLock.acquireExclusive(seg, LOCK);
                                int inside = seg.get(ValueLayout.JAVA_INT, INSIDE);
                                seg.set(ValueLayout.JAVA_INT, INSIDE, inside + 1);
                                if (inside != 0) {
                                    throw new AssertionError("two writers inside");
                                }
                                seg.set(ValueLayout.JAVA_LONG, COUNTER, seg.get(ValueLayout.JAVA_LONG, COUNTER) + 1);
                                if ((i & 1023) == 0) {
                                    Thread.yield(); // let waiters reach the futex now and then
                                }
                                seg.set(ValueLayout.JAVA_INT, INSIDE, inside);
                                LWLock.release(seg, LOCK);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertNull(failure.get());
            assertEquals((long) (threads - 1) * rounds, shm.second.get(ValueLayout.JAVA_LONG, COUNTER));
            assertEquals(0, Atomics.getInt(shm.first, LOCK), "free, no waiter flag left behind");
        }
    }

    @Test
    void lwLockModesConflictAsPostgresDoes() throws Exception {
        try (SyncTestSegments shm = new SyncTestSegments(dir.resolve("shm"))) {
            LWLock.initialize(shm.first, LOCK);
            assertTrue(LWLock.tryAcquireShared(shm.first, LOCK));
            assertTrue(LWLock.tryAcquireShared(shm.second, LOCK));
            assertEquals(2, LWLock.sharedHolders(shm.first, LOCK));
            assertFalse(LWLock.tryAcquireExclusive(shm.second, LOCK));
            LWLock.release(shm.first, LOCK);
            LWLock.release(shm.second, LOCK);
            assertTrue(LWLock.tryAcquireExclusive(shm.second, LOCK));
            assertTrue(LWLock.isHeldExclusive(shm.first, LOCK));
            assertFalse(LWLock.tryAcquireShared(shm.first, LOCK));

            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> LWLock.acquireShared(shm.first, LOCK));
            Thread.sleep(100);
            assertFalse(waiter.isDone(), "a shared request waits for the exclusive holder");
            assertTrue((Atomics.getInt(shm.first, LOCK) & LWLock.HAS_WAITERS) != 0, "it sleeps on the futex");
            LWLock.release(shm.second, LOCK);
            waiter.get(5, TimeUnit.SECONDS);
            LWLock.release(shm.first, LOCK);
            assertThrows(IllegalStateException.class, () -> LWLock.release(shm.first, LOCK));
        }
    }

    @Test
    void spinLockExcludesAcrossMappings() throws Exception {
        try (SyncTestSegments shm = new SyncTestSegments(dir.resolve("shm"))) {
            SpinLock.initialize(shm.first, SPIN);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                MemorySegment seg = shm.mapping(t);
                workers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        SpinLock.acquire(seg, SPIN);
                        seg.set(ValueLayout.JAVA_LONG, COUNTER, seg.get(ValueLayout.JAVA_LONG, COUNTER) + 1);
                        SpinLock.release(seg, SPIN);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertEquals(60_000, shm.first.get(ValueLayout.JAVA_LONG, COUNTER));
            assertFalse(SpinLock.isHeld(shm.second, SPIN));
        }
    }

    @Test
    void latchWakesItsOwnerFromAnotherMapping() throws Exception {
        try (SyncTestSegments shm = new SyncTestSegments(dir.resolve("shm"))) {
            Latch.initialize(shm.first, LATCH);
            long start = System.nanoTime();
            assertFalse(Latch.wait(shm.first, LATCH, 30), "times out when nobody sets it");
            assertTrue(System.nanoTime() - start >= 25_000_000L);

            CompletableFuture<Boolean> owner = CompletableFuture.supplyAsync(() -> Latch.wait(shm.first, LATCH, 10_000));
            Thread.sleep(50);
            assertFalse(owner.isDone());
            Latch.set(shm.second, LATCH);
            assertTrue(owner.get(5, TimeUnit.SECONDS));
            assertTrue(Latch.isSet(shm.first, LATCH), "wait does not reset");
            assertTrue(Latch.wait(shm.first, LATCH, 0), "already set: returns at once");
            Latch.reset(shm.first, LATCH);
            assertFalse(Latch.isSet(shm.second, LATCH));
        }
    }
}
