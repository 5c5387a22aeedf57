package org.tuskdb.lmgr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockManager.LockInfo;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockManagerTest {
    private static final LockTag T1 = LockTag.relation(5, 16384);
    private static final LockTag T2 = LockTag.relation(5, 16385);
    private static final LockTag T3 = LockTag.transaction(742);
    /** deadlock_timeout in these tests: short, so deadlock tests are fast. */
    private static final long DEADLOCK_TIMEOUT = 50;
    /** "Forever" for waits that must end for another reason. */
    private static final long NO_DEADLOCK_CHECK = 60_000;

    @TempDir
    Path dir;
    private LockRegionFixture shm;

    @BeforeEach
    void create() throws Exception {
        shm = new LockRegionFixture(dir.resolve("locks"), 8, 16);
    }

    @AfterEach
    void close() {
        shm.close();
    }

    @Test
    void conflictTableIsHonouredForAllPairs() {
        ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
        ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
        for (LockMode held : LockMode.values()) {
            for (LockMode wanted : LockMode.values()) {
                a.lock(T1, held, 0, Interruptible.NONE);
                boolean got = b.tryLock(T1, wanted);
                assertEquals(!held.conflictsWith(wanted), got, held + " held, " + wanted + " asked");
                b.releaseAll();
                a.unlock(T1, held);
            }
        }
        assertArrayEquals(new int[] {0, 0}, shm.inUse(), "nothing left in the shared table");
    }

    @Test
    void ownLocksNeverConflict() {
        ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
        for (LockMode mode : LockMode.values()) {
            assertTrue(a.tryLock(T1, mode), mode.pgName());
        }
        assertEquals(8, a.locks().size());
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void reacquiringCountsAndReleasesOnlyAtZero() {
        ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
        ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
        a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
        a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
        assertTrue(a.tryLock(T1, LockMode.ROW_EXCLUSIVE));
        assertEquals(1, a.locks().size(), "one shared hold however often it is counted");
        a.unlock(T1, LockMode.ROW_EXCLUSIVE);
        a.unlock(T1, LockMode.ROW_EXCLUSIVE);
        assertFalse(b.tryLock(T1, LockMode.SHARE), "still held once");
        a.unlock(T1, LockMode.ROW_EXCLUSIVE);
        assertTrue(b.tryLock(T1, LockMode.SHARE));
        a.unlock(T1, LockMode.ROW_EXCLUSIVE); // not held: a warning, no harm
        b.releaseAll();
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void waiterIsGrantedPromptlyWhenHolderReleases() throws Exception {
        ProcessLockManager a = shm.process(0, NO_DEADLOCK_CHECK);
        ProcessLockManager b = shm.process(1, NO_DEADLOCK_CHECK);
        long[] delays = new long[5];
        for (int round = 0; round < delays.length; round++) {
            a.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
            long[] grantedAt = new long[1];
            CompletableFuture<Throwable> waiter = attempt(() -> {
                b.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
                grantedAt[0] = System.nanoTime();
            });
            awaitLocks(a, l -> l.pid() == LockRegionFixture.pid(1) && !l.granted());
            Thread.sleep(20); // well into a sleep slice
            long released = System.nanoTime();
            a.unlock(T1, LockMode.ACCESS_EXCLUSIVE);
            assertNull(waiter.get(5, TimeUnit.SECONDS));
            delays[round] = grantedAt[0] - released;
            b.unlock(T1, LockMode.ACCESS_SHARE);
        }
        Arrays.sort(delays);
        assertTrue(delays[2] < 10_000_000L, "woken by the releaser, not by polling: " + Arrays.toString(delays));
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void exclusiveWaiterIsNotStarvedByLaterShareRequests() throws Exception {
        ProcessLockManager reader = shm.process(0, NO_DEADLOCK_CHECK);
        ProcessLockManager writer = shm.process(1, NO_DEADLOCK_CHECK);
        ProcessLockManager lateReader = shm.process(2, NO_DEADLOCK_CHECK);
        reader.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        CompletableFuture<Throwable> w = attempt(() -> writer.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE));
        awaitLocks(reader, l -> l.pid() == LockRegionFixture.pid(1) && !l.granted());

        assertFalse(lateReader.tryLock(T1, LockMode.ACCESS_SHARE), "queues behind the exclusive waiter");
        CompletableFuture<Throwable> r = attempt(() -> lateReader.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE));
        awaitLocks(reader, l -> l.pid() == LockRegionFixture.pid(2) && !l.granted());

        reader.unlock(T1, LockMode.ACCESS_SHARE);
        assertNull(w.get(5, TimeUnit.SECONDS), "the writer first");
        Thread.sleep(30);
        assertFalse(r.isDone(), "the late reader waits for the writer");
        writer.unlock(T1, LockMode.ACCESS_EXCLUSIVE);
        assertNull(r.get(5, TimeUnit.SECONDS));
        lateReader.releaseAll();
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void compatibleWaitersAreAllGrantedTogether() throws Exception {
        ProcessLockManager writer = shm.process(0, NO_DEADLOCK_CHECK);
        writer.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        List<CompletableFuture<Throwable>> readers = new ArrayList<>();
        for (int slot = 1; slot <= 3; slot++) {
            ProcessLockManager reader = shm.process(slot, NO_DEADLOCK_CHECK);
            readers.add(attempt(() -> reader.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE)));
        }
        awaitLocks(writer, l -> !l.granted(), 3);
        writer.releaseAll();
        for (CompletableFuture<Throwable> reader : readers) {
            assertNull(reader.get(5, TimeUnit.SECONDS));
        }
        assertEquals(3, writer.locks().stream().filter(LockInfo::granted).count());
    }

    @Test
    void deadlockBetweenTwoProcessesFailsExactlyOne() throws Exception {
        ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
        ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
        a.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        b.lock(T2, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        CompletableFuture<Throwable> fa = attempt(() -> transaction(a, T2));
        CompletableFuture<Throwable> fb = attempt(() -> transaction(b, T1));
        List<Throwable> outcomes = Arrays.asList(fa.get(10, TimeUnit.SECONDS), fb.get(10, TimeUnit.SECONDS));
        List<DatabaseException> deadlocks = deadlocks(outcomes);
        assertEquals(1, deadlocks.size(), "exactly one victim: " + outcomes);
        DatabaseException e = deadlocks.getFirst();
        assertEquals("deadlock detected", e.getMessage());
        String[] lines = e.detail().split("\n");
        assertEquals(2, lines.length, e.detail());
        assertTrue(lines[0].matches("Process 100[01] waits for AccessExclusiveLock on relation 1638[45] of database 5;"
                + " blocked by process 100[01]\\."), lines[0]);
        a.releaseAll();
        b.releaseAll();
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void deadlockAmongThreeProcessesFailsExactlyOne() throws Exception {
        ProcessLockManager[] procs = {shm.process(0, DEADLOCK_TIMEOUT), shm.process(1, DEADLOCK_TIMEOUT),
            shm.process(2, DEADLOCK_TIMEOUT)};
        LockTag[] tags = {T1, T2, T3};
        for (int i = 0; i < 3; i++) {
            procs[i].lock(tags[i], LockMode.EXCLUSIVE, 0, Interruptible.NONE);
        }
        List<CompletableFuture<Throwable>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessLockManager p = procs[i];
            LockTag next = tags[(i + 1) % 3];
            futures.add(attempt(() -> transaction(p, next)));
        }
        List<Throwable> outcomes = new ArrayList<>();
        for (CompletableFuture<Throwable> f : futures) {
            outcomes.add(f.get(10, TimeUnit.SECONDS));
        }
        List<DatabaseException> deadlocks = deadlocks(outcomes);
        assertEquals(1, deadlocks.size(), "exactly one victim: " + outcomes);
        assertEquals(3, deadlocks.getFirst().detail().split("\n").length, deadlocks.getFirst().detail());
        assertTrue(deadlocks.getFirst().detail().contains("on transaction 742"), deadlocks.getFirst().detail());
        for (ProcessLockManager p : procs) {
            p.releaseAll();
        }
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void lockUpgradeDeadlockIsDetectedAtOnce() throws Exception {
        ProcessLockManager a = shm.process(0, NO_DEADLOCK_CHECK);
        ProcessLockManager b = shm.process(1, NO_DEADLOCK_CHECK);
        a.lock(T1, LockMode.SHARE, 0, Interruptible.NONE);
        b.lock(T1, LockMode.SHARE, 0, Interruptible.NONE);
        CompletableFuture<Throwable> fa = attempt(() -> transaction(a, T1));
        awaitLocks(b, l -> !l.granted());
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> b.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE));
        assertEquals(LockErrors.DEADLOCK_DETECTED, e.sqlState());
        b.releaseAll();
        assertNull(fa.get(5, TimeUnit.SECONDS), "the other upgrade goes through");
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void waitingLongerThanLockTimeoutFailsWith55P03() throws Exception {
        ProcessLockManager a = shm.process(0, NO_DEADLOCK_CHECK);
        ProcessLockManager b = shm.process(1, NO_DEADLOCK_CHECK);
        a.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        long start = System.nanoTime();
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> b.lock(T1, LockMode.ACCESS_SHARE, 100, Interruptible.NONE));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("55P03", e.sqlState());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        assertTrue(waited >= 100 && waited < 2000, "waited " + waited + " ms");
        assertEquals(List.of(new LockInfo(T1, LockMode.ACCESS_EXCLUSIVE, LockRegionFixture.pid(0), true)), a.locks());
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
        assertTrue(b.tryLock(T1, LockMode.ACCESS_EXCLUSIVE), "b holds nothing stale");
    }

    @Test
    void interruptEndsWaitAndWakesThoseBehind() throws Exception {
        ProcessLockManager reader = shm.process(0, NO_DEADLOCK_CHECK);
        ProcessLockManager writer = shm.process(1, NO_DEADLOCK_CHECK);
        ProcessLockManager lateReader = shm.process(2, NO_DEADLOCK_CHECK);
        reader.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        writer.lock(T2, LockMode.ACCESS_SHARE, 0, Interruptible.NONE); // holds another lock: stays held
        AtomicBoolean cancel = new AtomicBoolean();
        DatabaseException canceled = DatabaseException.error("57014", "canceling statement due to user request");
        Interruptible interrupts = () -> {
            if (cancel.get()) {
                throw canceled;
            }
        };
        CompletableFuture<Throwable> w = attempt(() -> writer.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, interrupts));
        awaitLocks(reader, l -> l.pid() == LockRegionFixture.pid(1) && !l.granted());
        CompletableFuture<Throwable> r = attempt(() -> lateReader.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE));
        awaitLocks(reader, l -> l.pid() == LockRegionFixture.pid(2) && !l.granted());

        cancel.set(true);
        assertSame(canceled, w.get(5, TimeUnit.SECONDS), "the wait ends with the interrupt's exception");
        assertNull(r.get(5, TimeUnit.SECONDS), "the reader behind the canceled writer is granted");
        List<LockInfo> all = reader.locks();
        assertEquals(3, all.size(), all.toString());
        assertTrue(all.stream().allMatch(LockInfo::granted), all.toString());
        reader.releaseAll();
        lateReader.releaseAll();
        writer.releaseAll();
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
    }

    @Test
    void releaseAllReleasesEveryModeAndCount() {
        ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
        ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
        a.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        a.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
        a.lock(T2, LockMode.SHARE, 0, Interruptible.NONE);
        a.lock(T3, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
        assertEquals(4, a.locks().size());
        a.releaseAll();
        assertEquals(0, a.heldLockCount());
        assertArrayEquals(new int[] {0, 0}, shm.inUse());
        for (LockTag tag : List.of(T1, T2, T3)) {
            assertTrue(b.tryLock(tag, LockMode.ACCESS_EXCLUSIVE), tag.toString());
        }
        a.releaseAll(); // nothing held: nothing to do
        b.releaseAll();
    }

    @Test
    void exhaustedLockTableFailsWith53200AndStaysUsable() throws Exception {
        try (LockRegionFixture small = new LockRegionFixture(dir.resolve("small"), 2, 2)) {
            // SHARE: a mode the fast path never holds, so every lock takes a shared-table entry
            ProcessLockManager a = small.process(0, DEADLOCK_TIMEOUT);
            for (int rel = 0; rel < 4; rel++) {
                a.lock(LockTag.relation(5, rel), LockMode.SHARE, 0, Interruptible.NONE);
            }
            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> a.lock(LockTag.relation(5, 99), LockMode.SHARE, 0, Interruptible.NONE));
            assertEquals("53200", e.sqlState());
            assertEquals("out of shared memory", e.getMessage());
            assertEquals("You might need to increase max_locks_per_transaction.", e.hint());
            assertEquals("53200", assertThrows(DatabaseException.class,
                    () -> a.tryLock(LockTag.relation(5, 98), LockMode.SHARE)).sqlState());
            ProcessLockManager b = small.process(1, DEADLOCK_TIMEOUT);
            b.lock(LockTag.relation(5, 0), LockMode.SHARE, 0, Interruptible.NONE); // existing lock: fine
            b.releaseAll();
            a.releaseAll();
            assertArrayEquals(new int[] {0, 0}, small.inUse());
            a.lock(LockTag.relation(5, 99), LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
            a.releaseAll();
        }
    }

    @Test
    void locksListsHoldersAndWaitersWithTheirPids() throws Exception {
        ProcessLockManager a = shm.process(0, NO_DEADLOCK_CHECK);
        ProcessLockManager b = shm.process(3, NO_DEADLOCK_CHECK);
        a.lock(T1, LockMode.SHARE, 0, Interruptible.NONE);
        CompletableFuture<Throwable> w = attempt(() -> b.lock(T1, LockMode.EXCLUSIVE, 0, Interruptible.NONE));
        awaitLocks(a, l -> !l.granted());
        assertEquals(List.of(new LockInfo(T1, LockMode.SHARE, 1000, true), new LockInfo(T1, LockMode.EXCLUSIVE, 1003, false)),
                b.locks());
        a.releaseAll();
        assertNull(w.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(new LockInfo(T1, LockMode.EXCLUSIVE, 1003, true)), a.locks());
        b.releaseAll();
    }

    // ------------------------------------------------------------------ helpers

    /** Takes the lock as a transaction would, then ends (commit or, on an error, abort): releases everything. */
    private static void transaction(ProcessLockManager p, LockTag tag) {
        try {
            p.lock(tag, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        } finally {
            p.releaseAll();
        }
    }

    /** A transaction that waits for another one's id and then ends (releasing its own id too). */
    private static void waitForTransaction(ProcessLockManager p, LockTag xid) {
        try {
            p.lock(xid, LockMode.SHARE, 0, Interruptible.NONE);
        } finally {
            p.releaseAll();
        }
    }

    private static List<DatabaseException> deadlocks(List<Throwable> outcomes) {
        List<DatabaseException> out = new ArrayList<>();
        for (Throwable t : outcomes) {
            if (t == null) {
                continue;
            }
            if (t instanceof DatabaseException e && LockErrors.DEADLOCK_DETECTED.equals(e.sqlState())) {
                out.add(e);
            } else {
                fail("unexpected failure", t);
            }
        }
        return out;
    }

    /** Runs the action on its own thread (a process's session); completes with its exception or null. */
    private static CompletableFuture<Throwable> attempt(Runnable action) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.complete(t);
            }
        });
        return done;
    }

    private static void awaitLocks(ProcessLockManager any, Predicate<LockInfo> matching) throws InterruptedException {
        awaitLocks(any, matching, 1);
    }

    private static void awaitLocks(ProcessLockManager any, Predicate<LockInfo> matching, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (any.locks().stream().filter(matching).count() < count) {
            if (System.nanoTime() > deadline) {
                fail("lock table never showed the expected entries: " + any.locks());
            }
            Thread.sleep(1);
        }
    }

    @Test
    void sessionLocksSurviveTransactionEndAndStackWithTransactionLocks() {
        LockTag key = new LockTag(LockTag.Kind.ADVISORY, 5, 42, 1);
        ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
        ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
        assertTrue(a.lockSession(key, LockMode.EXCLUSIVE, true, 0, Interruptible.NONE));
        a.lock(key, LockMode.EXCLUSIVE, 0, Interruptible.NONE); // the transaction-level count of the same mode
        a.releaseAll();
        assertFalse(b.tryLock(key, LockMode.SHARE), "the session level keeps the lock past the transaction");
        assertFalse(b.lockSession(key, LockMode.SHARE, false, 0, Interruptible.NONE));
        assertTrue(a.unlockSession(key, LockMode.EXCLUSIVE));
        assertFalse(a.unlockSession(key, LockMode.EXCLUSIVE), "nothing left to release");
        assertTrue(b.lockSession(key, LockMode.SHARE, false, 0, Interruptible.NONE));
        assertTrue(a.lockSession(key, LockMode.SHARE, true, 0, Interruptible.NONE), "share locks do not conflict");
        b.releaseSessionLocks();
        a.releaseSessionLocks();
        assertEquals(0, a.heldLockCount());
        assertArrayEquals(new int[] {0, 0}, shm.inUse(), "nothing left in the shared table");
    }

    /**
     * Weak relation locks in per-process fast-path entries: they stay out of the shared table,
     * yet every strong request sees them (it moves them there first), waits and deadlocks
     * through them still work, and pg_locks lists them.
     */
    @Nested
    class FastPath {
        @Test
        void weakRelationLocksStayOutOfTheSharedTableAndShowInLocks() {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            a.lock(T1, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
            b.lock(T1, LockMode.ROW_SHARE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {0, 0}, shm.inUse(), "fast path: no shared-table entry");
            List<LockInfo> locks = a.locks();
            assertEquals(3, locks.size(), locks.toString());
            assertTrue(locks.contains(new LockInfo(T1, LockMode.ROW_EXCLUSIVE, LockRegionFixture.pid(0), true, true)));
            assertTrue(locks.contains(new LockInfo(T1, LockMode.ACCESS_SHARE, LockRegionFixture.pid(0), true, true)));
            assertTrue(locks.contains(new LockInfo(T1, LockMode.ROW_SHARE, LockRegionFixture.pid(1), true, true)));
            a.unlock(T1, LockMode.ACCESS_SHARE);
            assertEquals(2, a.locks().size());
            a.releaseAll();
            b.releaseAll();
            assertEquals(List.of(), a.locks());
        }

        @Test
        void strongRequestSeesFastPathHoldsAndIsGrantedWhenTheyEnd() throws Exception {
            ProcessLockManager a = shm.process(0, NO_DEADLOCK_CHECK);
            ProcessLockManager b = shm.process(1, NO_DEADLOCK_CHECK);
            ProcessLockManager c = shm.process(2, NO_DEADLOCK_CHECK);
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            assertFalse(b.tryLock(T1, LockMode.SHARE), "conflicts with the fast-path RowExclusive");
            assertTrue(b.tryLock(T2, LockMode.SHARE), "another relation is not affected");
            b.releaseAll();
            CompletableFuture<Throwable> strong = attempt(() -> b.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE));
            awaitLocks(a, l -> l.pid() == LockRegionFixture.pid(1) && !l.granted());
            assertTrue(a.locks().contains(new LockInfo(T1, LockMode.ROW_EXCLUSIVE, LockRegionFixture.pid(0), true, false)),
                "the strong request moved the fast-path hold into the shared table");
            assertFalse(c.tryLock(T1, LockMode.ACCESS_SHARE), "a weak request queues behind the strong waiter");
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE); // already held: only counted
            a.releaseAll();
            assertNull(strong.get(5, TimeUnit.SECONDS));
            assertFalse(c.tryLock(T1, LockMode.ACCESS_SHARE), "AccessExclusive is held");
            b.releaseAll();
            assertTrue(c.tryLock(T1, LockMode.ACCESS_SHARE));
            assertArrayEquals(new int[] {0, 0}, shm.inUse(), "no strong lock left: the fast path again");
            c.releaseAll();
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            a.releaseAll();
        }

        @Test
        void ownFastPathHoldUpgradesToAStrongMode() {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            a.lock(T1, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
            assertFalse(b.tryLock(T1, LockMode.ACCESS_SHARE));
            a.unlock(T1, LockMode.ACCESS_EXCLUSIVE);
            assertTrue(b.tryLock(T1, LockMode.ACCESS_SHARE), "RowExclusive alone is left");
            assertFalse(b.tryLock(T1, LockMode.SHARE));
            a.releaseAll();
            assertTrue(b.tryLock(T1, LockMode.SHARE));
            b.releaseAll();
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            assertEquals(List.of(), a.locks());
        }

        @Test
        void deadlockThroughFastPathHoldsFailsExactlyOne() throws Exception {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            b.lock(T2, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            CompletableFuture<Throwable> fa = attempt(() -> transaction(a, T2));
            CompletableFuture<Throwable> fb = attempt(() -> transaction(b, T1));
            List<Throwable> outcomes = Arrays.asList(fa.get(10, TimeUnit.SECONDS), fb.get(10, TimeUnit.SECONDS));
            int victims = 0;
            for (Throwable t : outcomes) {
                if (t instanceof DatabaseException e && LockErrors.DEADLOCK_DETECTED.equals(e.sqlState())) {
                    victims++;
                    assertTrue(e.detail().contains("RowExclusiveLock") || e.detail().contains("AccessExclusiveLock"),
                            e.detail());
                } else if (t != null) {
                    fail("unexpected failure", t);
                }
            }
            assertEquals(1, victims, "exactly one victim: " + outcomes);
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            assertTrue(a.tryLock(T1, LockMode.ROW_EXCLUSIVE), "strong counters are back to zero");
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            a.releaseAll();
        }

        @Test
        void moreWeakLocksThanFastPathEntriesUseTheSharedTable() {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            int n = LockRegionLayout.FP_SLOTS + 4;
            for (int rel = 0; rel < n; rel++) {
                a.lock(LockTag.relation(5, rel), LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
            }
            assertArrayEquals(new int[] {4, 4}, shm.inUse(), "the entries past the fast-path ones");
            assertEquals(n, a.locks().size());
            for (int rel = 0; rel < n; rel++) {
                assertFalse(b.tryLock(LockTag.relation(5, rel), LockMode.ACCESS_EXCLUSIVE), "relation " + rel);
            }
            a.releaseAll();
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            for (int rel = 0; rel < n; rel++) {
                assertTrue(b.tryLock(LockTag.relation(5, rel), LockMode.ACCESS_EXCLUSIVE), "relation " + rel);
            }
            b.releaseAll();
            assertEquals(List.of(), a.locks());
        }

        @Test
        void failedStrongRequestLeavesTheFastPathOpen() {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            assertTrue(b.tryLock(T1, LockMode.ROW_SHARE));
            assertFalse(a.tryLock(T1, LockMode.ACCESS_EXCLUSIVE));
            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> a.lock(T1, LockMode.EXCLUSIVE, 20, Interruptible.NONE));
            assertEquals("55P03", e.sqlState());
            b.releaseAll();
            a.releaseAll();
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            a.lock(T1, LockMode.ROW_EXCLUSIVE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {0, 0}, shm.inUse(), "strong counter back at zero");
            a.releaseAll();
        }

        @Test
        void ownTransactionIdLockStaysOutOfTheSharedTableUntilSomeoneWaitsForIt() throws Exception {
            ProcessLockManager a = shm.process(0, NO_DEADLOCK_CHECK);
            ProcessLockManager b = shm.process(1, NO_DEADLOCK_CHECK);
            a.lock(T3, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {0, 0}, shm.inUse(), "fast path: no shared-table entry");
            assertEquals(List.of(new LockInfo(T3, LockMode.EXCLUSIVE, LockRegionFixture.pid(0), true)), b.locks());
            assertFalse(b.tryLock(T3, LockMode.SHARE), "the fast-path hold conflicts");
            assertArrayEquals(new int[] {1, 1}, shm.inUse(), "moved to the shared table by the request");
            CompletableFuture<Throwable> waiter = attempt(() -> b.lock(T3, LockMode.SHARE, 0, Interruptible.NONE));
            awaitLocks(a, l -> l.pid() == LockRegionFixture.pid(1) && !l.granted());
            assertFalse(waiter.isDone(), "waits for the holder's transaction");
            a.releaseAll();
            assertNull(waiter.get(5, TimeUnit.SECONDS));
            b.releaseAll();
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            assertEquals(List.of(), a.locks());
            a.lock(T3, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
            a.releaseAll();
            assertTrue(b.tryLock(T3, LockMode.SHARE), "released from the fast path");
            b.releaseAll();
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
        }

        @Test
        void onlyOneTransactionIdPerProcessUsesTheFastPath() {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            LockTag sub = LockTag.transaction(743);
            a.lock(T3, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
            a.lock(sub, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {1, 1}, shm.inUse(), "the subtransaction's id in the shared table");
            assertFalse(b.tryLock(sub, LockMode.SHARE));
            assertFalse(b.tryLock(T3, LockMode.SHARE));
            a.unlock(sub, LockMode.EXCLUSIVE);
            assertTrue(b.tryLock(sub, LockMode.SHARE), "ROLLBACK TO released the subtransaction's id");
            a.releaseAll();
            assertTrue(b.tryLock(T3, LockMode.SHARE));
            b.releaseAll();
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
        }

        @Test
        void deadlockThroughFastPathTransactionIdLocksFailsExactlyOne() throws Exception {
            ProcessLockManager a = shm.process(0, DEADLOCK_TIMEOUT);
            ProcessLockManager b = shm.process(1, DEADLOCK_TIMEOUT);
            LockTag other = LockTag.transaction(743);
            a.lock(T3, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
            b.lock(other, LockMode.EXCLUSIVE, 0, Interruptible.NONE);
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
            CompletableFuture<Throwable> fa = attempt(() -> waitForTransaction(a, other));
            CompletableFuture<Throwable> fb = attempt(() -> waitForTransaction(b, T3));
            List<DatabaseException> victims = deadlocks(Arrays.asList(fa.get(10, TimeUnit.SECONDS), fb.get(10, TimeUnit.SECONDS)));
            assertEquals(1, victims.size(), "exactly one victim: " + victims);
            assertTrue(victims.getFirst().detail().contains("ShareLock on transaction"), victims.getFirst().detail());
            assertArrayEquals(new int[] {0, 0}, shm.inUse());
        }
    }
}
