package org.tuskdb.bufferpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * Threads of two "processes" increment counters on 64 pages through a 16-buffer pool, so almost
 * every access evicts (and writes) another page: a lost update or a torn re-tag shows up as a
 * wrong sum.
 */
class ConcurrentUpdatesTest {
    private static final RelFileLocator REL = new RelFileLocator(5, 20000);
    private static final ValueLayout.OfLong COUNTER = ValueLayout.JAVA_LONG_UNALIGNED;

    @TempDir
    Path dir;

    @Test
    void incrementsUnderEvictionPressureAreNeverLost() throws Exception {
        try (TwoProcesses p = new TwoProcesses(dir, 16, true)) {
            p.storage.create(REL, ForkNumber.MAIN, false);
            int pages = 64;
            for (int i = 0; i < pages; i++) {
                int b = p.first.extend(REL, ForkNumber.MAIN);
                PageLayout.initialize(p.first.page(b), 0);
                PageLayout.addItem(p.first.page(b), MemorySegment.ofArray(new long[1]));
                p.first.markDirty(b);
                p.first.unlockAndRelease(b);
            }
            int threads = 4;
            int rounds = 1500;
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SharedBuffers pool = p.process(t);
                Thread w = new Thread(() -> {
                    try {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < rounds; i++) {
                            int b = pool.read(REL, ForkNumber.MAIN, random.nextInt(pages));
                            pool.lockExclusive(b);
                            MemorySegment item = PageLayout.item(pool.page(b), 1);
                            item.set(COUNTER, 0, item.get(COUNTER, 0) + 1);
                            PageLayout.setLsn(pool.page(b), i + 1);
                            pool.markDirty(b);
                            pool.unlockAndRelease(b);
                            if (i % 300 == 0) {
                                pool.flushAll();
                            }
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join(60_000);
            }
            assertEquals(List.of(), failures);
            long sum = 0;
            for (int i = 0; i < pages; i++) {
                int b = p.second.read(REL, ForkNumber.MAIN, i);
                p.second.lockShared(b);
                sum += PageLayout.item(p.second.page(b), 1).get(COUNTER, 0);
                p.second.unlockAndRelease(b);
            }
            assertEquals((long) threads * rounds, sum);
            p.first.flushAll();
            assertEquals(0, p.first.stats().dirtyNow());
        }
    }
}
