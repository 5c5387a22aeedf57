package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.btree.internal.BtreeFixture.INDEX;
import static org.tuskdb.btree.internal.BtreeFixture.ORDER;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.btree.internal.BtreeFixture.E;

/**
 * Inserters on several threads split pages under each other while scanners run both ways:
 * every scan is in strict (key, tid) order (no entry twice) and holds every entry whose insert
 * had returned before the scan started; at the end the tree holds exactly what was inserted.
 */
class BtreeConcurrencyTest {
    private final BtreeFixture f = new BtreeFixture();

    @Test
    void concurrentInsertersAndScannersLoseAndDuplicateNothing() throws Exception {
        f.am.create(INDEX);
        int threads = 4;
        int perThread = 12_000;
        E[][] work = new E[threads][perThread];
        Random r = new Random(8);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                work[t][i] = new E(BtreeInsertScanTest.randomKey(r), BtreeFixture.tid(t * perThread + i).pack());
            }
        }
        AtomicIntegerArray done = new AtomicIntegerArray(threads);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger scans = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            all.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        E e = work[me][i];
                        f.am.insert(INDEX, e.key(), org.tuskdb.api.heap.Tid.unpack(e.tid()), UniqueCheck.NONE, null);
                        done.set(me, i + 1);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (ScanDirection dir : ScanDirection.values()) {
            all.add(new Thread(() -> {
                try {
                    while (!finished.get() && failure.get() == null) {
                        int[] before = new int[threads];
                        for (int t = 0; t < threads; t++) {
                            before[t] = done.get(t);
                        }
                        Set<E> seen = new HashSet<>();
                        E prev = null;
                        try (IndexScan s = f.am.scan(INDEX, ScanBound.UNBOUNDED, ScanBound.UNBOUNDED, dir)) {
                            while (s.next()) {
                                E e = new E(s.key(), s.packedTid());
                                if (prev != null) {
                                    int c = ORDER.compare(prev, e);
                                    assertTrue(dir == ScanDirection.FORWARD ? c < 0 : c > 0, dir + " order: " + prev + " then " + e);
                                }
                                prev = e;
                                seen.add(e);
                            }
                        }
                        for (int t = 0; t < threads; t++) {
                            for (int i = 0; i < before[t]; i++) {
                                assertTrue(seen.contains(work[t][i]), dir + " scan lost " + work[t][i]);
                            }
                        }
                        scans.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : all) {
            t.start();
        }
        for (int t = 0; t < threads; t++) {
            all.get(t).join();
        }
        finished.set(true);
        for (Thread t : all) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(scans.get() >= 2, "scanners ran during the inserts");
        TreeSet<E> expected = new TreeSet<>(ORDER);
        for (E[] es : work) {
            expected.addAll(List.of(es));
        }
        assertEquals(new ArrayList<>(expected), f.checkStructure(false));
        assertEquals(new ArrayList<>(expected), f.all(ScanDirection.FORWARD));
        assertEquals(0, f.buffers.pins());
    }
}
