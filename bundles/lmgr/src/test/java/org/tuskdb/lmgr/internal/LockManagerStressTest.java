package org.tuskdb.lmgr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;

/**
 * Several processes take random modes on a few tags in random order, as transactions do, until
 * they have finished 300 transactions (at least a second, at most 20 on a loaded machine): no two
 * processes ever hold conflicting modes at once, every deadlock is resolved by
 * 40P01 (no one hangs), and the shared table is empty at the end.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockManagerStressTest {
    private static final LockMode[] MODES = {LockMode.ACCESS_SHARE, LockMode.ROW_EXCLUSIVE, LockMode.SHARE,
        LockMode.SHARE_ROW_EXCLUSIVE, LockMode.ACCESS_EXCLUSIVE};

    @TempDir
    Path dir;

    @Test
    void randomTransactionsNeverHoldConflictingModesAndAlwaysFinish() throws Exception {
        int processes = 4;
        int tagCount = 3;
        LockTag[] tags = new LockTag[tagCount];
        AtomicIntegerArray[] holders = new AtomicIntegerArray[tagCount];
        for (int t = 0; t < tagCount; t++) {
            tags[t] = LockTag.relation(5, 20_000 + t);
            holders[t] = new AtomicIntegerArray(LockMode.values().length);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger deadlocks = new AtomicInteger();
        long start = System.nanoTime();
        long minimum = start + TimeUnit.MILLISECONDS.toNanos(1000);
        long cap = start + TimeUnit.SECONDS.toNanos(20);
        int wanted = 300;
        try (LockRegionFixture shm = new LockRegionFixture(dir.resolve("locks"), processes, 8)) {
            List<Thread> threads = new ArrayList<>();
            for (int slot = 0; slot < processes; slot++) {
                ProcessLockManager locks = shm.process(slot, 20);
                Random random = new Random(slot);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (failure.get() == null) {
                            long now = System.nanoTime();
                            if (now >= cap || now >= minimum && transactions.get() >= wanted) {
                                break;
                            }
                            int[] taken = new int[tagCount];
                            java.util.Arrays.fill(taken, -1);
                            try {
                                for (int step = 0; step < 2; step++) {
                                    int t = random.nextInt(tagCount);
                                    if (taken[t] >= 0) {
                                        continue;
                                    }
                                    LockMode mode = MODES[random.nextInt(MODES.length)];
                                    locks.lock(tags[t], mode, 0, Interruptible.NONE);
                                    taken[t] = mode.ordinal();
                                    holders[t].incrementAndGet(mode.ordinal());
                                    for (LockMode other : LockMode.values()) {
                                        int count = holders[t].get(other.ordinal()) - (other == mode ? 1 : 0);
                                        if (mode.conflictsWith(other) && count > 0) {
                                            throw new AssertionError(mode + " granted while " + other + " held");
                                        }
                                    }
                                }
                                transactions.incrementAndGet();
                            } catch (DatabaseException e) {
                                if (!LockErrors.DEADLOCK_DETECTED.equals(e.sqlState())) {
                                    throw e;
                                }
                                deadlocks.incrementAndGet();
                            } finally {
                                for (int t = 0; t < tagCount; t++) {
                                    if (taken[t] >= 0) {
                                        holders[t].decrementAndGet(taken[t]);
                                    }
                                }
                                locks.releaseAll();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(25));
                assertTrue(!thread.isAlive(), "a process hangs in a lock wait");
            }
            assertNull(failure.get());
            assertTrue(transactions.get() >= wanted, transactions + " transactions in 20 s");
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            System.out.println("stress: " + transactions + " transactions, " + deadlocks + " deadlocks");
        }
    }
}
