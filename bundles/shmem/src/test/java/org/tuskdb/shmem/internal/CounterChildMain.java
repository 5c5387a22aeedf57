package org.tuskdb.shmem.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The second process of {@link CrossProcessLockTest}: attaches the segment file, says it is
 * ready, waits for the go, then increments the shared counter under the LWLock.
 */
public final class CounterChildMain {
    static final long LOCK = 0;
    static final long READY = 64;
    static final long GO = 128;
    static final long COUNTER = 192;

    private CounterChildMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[1]);
        try (Segment segment = Segment.attach(Path.of(args[0]))) {
            MemorySegment region = segment.region("counter");
            Atomics.setInt(region, READY, 1);
            while (Atomics.getInt(region, GO) == 0) {
                Thread.onSpinWait();
            }
            increment(region, rounds);
        }
        System.exit(0);
    }

    static void increment(MemorySegment region, int rounds) {
        for (int i = 0; i < rounds; i++) {
            LWLock.acquireExclusive(region, LOCK);
            // Deliberately not atomic: only the lock keeps the two processes' updates apart.
            region.set(ValueLayout.JAVA_LONG, COUNTER, region.get(ValueLayout.JAVA_LONG, COUNTER) + 1);
            LWLock.release(region, LOCK);
        }
    }
}
