package org.tuskdb.benchmarks;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.lmgr.internal.LockRegionDeclaration;
import org.tuskdb.lmgr.internal.ProcessLockManager;
import org.tuskdb.shmem.sync.LWLock;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * The shared-memory locks, acquire plus release, on a file mapped as the segment is: LWLock
 * exclusive and shared, SpinLock, and a heavyweight relation lock through the lock manager
 * (LockManager.lock + unlock of AccessShareLock on one relation, the lock every query takes, and
 * AccessExclusiveLock, which makes the contended case really wait). Each "uncontended" benchmark
 * runs on one thread; its "Contended" twin runs two threads on the same lock (two processes: each
 * thread has its own lock manager and ProcArray slot).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SharedLockBenchmark {
    private static final long LWLOCK = 0;
    private static final long SPINLOCK = 64;
    private static final long WORDS = 4096;
    private static final int PROC_SLOTS = 8;
    private static final LockTag RELATION = LockTag.relation(5, 16384);

    /** The "segment": one file, mapped once per trial, holding the words and a "locks" region. */
    @State(Scope.Benchmark)
    public static class Segment {
        Arena arena;
        Path file;
        MemorySegment words;
        MemorySegment locks;
        final AtomicInteger nextSlot = new AtomicInteger();

        @Setup(Level.Trial)
        public void map() throws IOException {
            LockRegionDeclaration declaration = new LockRegionDeclaration(null, null);
            long lockRegion = declaration.regionSize(PROC_SLOTS);
            Path shm = Path.of("/dev/shm");
            file = Files.isDirectory(shm) ? Files.createTempFile(shm, "tusk-bench", ".seg")
                    : Files.createTempFile("tusk-bench", ".seg");
            arena = Arena.ofShared();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(1), WORDS + lockRegion - 1);
                MemorySegment all = channel.map(FileChannel.MapMode.READ_WRITE, 0, WORDS + lockRegion, arena);
                words = all.asSlice(0, WORDS);
                locks = all.asSlice(WORDS, lockRegion);
            }
            LWLock.initialize(words, LWLOCK);
            SpinLock.initialize(words, SPINLOCK);
            declaration.initialize(locks, PROC_SLOTS);
        }

        @TearDown(Level.Trial)
        public void unmap() throws IOException {
            arena.close();
            Files.deleteIfExists(file);
        }
    }

    /** One benchmark thread is one process: its own lock manager in its own slot. */
    @State(Scope.Thread)
    public static class Process {
        ProcessLockManager lockManager;

        @Setup(Level.Trial)
        public void attach(Segment segment) {
            int slot = segment.nextSlot.getAndIncrement() % PROC_SLOTS;
            lockManager = new ProcessLockManager(segment.locks, slot, 10_000 + slot, () -> 1000);
        }

        @TearDown(Level.Trial)
        public void detach() {
            lockManager.releaseAll();
        }
    }

    @Benchmark
    public void lwLockExclusive(Segment s) {
        LWLock.acquireExclusive(s.words, LWLOCK);
        LWLock.release(s.words, LWLOCK);
    }

    @Benchmark
    @Threads(2)
    public void lwLockExclusiveContended(Segment s) {
        LWLock.acquireExclusive(s.words, LWLOCK);
        LWLock.release(s.words, LWLOCK);
    }

    @Benchmark
    public void lwLockShared(Segment s) {
        LWLock.acquireShared(s.words, LWLOCK);
        LWLock.release(s.words, LWLOCK);
    }

    @Benchmark
    @Threads(2)
    public void lwLockSharedContended(Segment s) {
        LWLock.acquireShared(s.words, LWLOCK);
        LWLock.release(s.words, LWLOCK);
    }

    @Benchmark
    public void spinLock(Segment s) {
        SpinLock.acquire(s.words, SPINLOCK);
        SpinLock.release(s.words, SPINLOCK);
    }

    @Benchmark
    @Threads(2)
    public void spinLockContended(Segment s) {
        SpinLock.acquire(s.words, SPINLOCK);
        SpinLock.release(s.words, SPINLOCK);
    }

    @Benchmark
    public void relationLockAccessShare(Process p) {
        p.lockManager.lock(RELATION, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        p.lockManager.unlock(RELATION, LockMode.ACCESS_SHARE);
    }

    @Benchmark
    @Threads(2)
    public void relationLockAccessShareContended(Process p) {
        p.lockManager.lock(RELATION, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        p.lockManager.unlock(RELATION, LockMode.ACCESS_SHARE);
    }

    @Benchmark
    public void relationLockAccessExclusive(Process p) {
        p.lockManager.lock(RELATION, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        p.lockManager.unlock(RELATION, LockMode.ACCESS_EXCLUSIVE);
    }

    @Benchmark
    @Threads(2)
    public void relationLockAccessExclusiveContended(Process p) {
        p.lockManager.lock(RELATION, LockMode.ACCESS_EXCLUSIVE, 0, Interruptible.NONE);
        p.lockManager.unlock(RELATION, LockMode.ACCESS_EXCLUSIVE);
    }

    /** Re-acquiring a lock the process already holds: only its private table is touched. */
    @Benchmark
    public void relationLockHeldAgain(Process p) {
        p.lockManager.lock(RELATION, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        p.lockManager.lock(RELATION, LockMode.ACCESS_SHARE, 0, Interruptible.NONE);
        p.lockManager.unlock(RELATION, LockMode.ACCESS_SHARE);
        p.lockManager.unlock(RELATION, LockMode.ACCESS_SHARE);
    }
}
