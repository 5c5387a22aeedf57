package org.tuskdb.sql.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * An in-memory IndexAccess with the B-tree's contract: (key, tid) entries in unsigned byte
 * order, unique checks that ask the checker under this object's monitor and wait for
 * IN_PROGRESS transactions outside it, prefix bounds, both directions. Counts scans and
 * unique-check waits so tests can see which path ran.
 */
final class FakeIndexes implements IndexAccess {
    record Entry(byte[] key, long tid) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Arrays.compareUnsigned(key, o.key);
            return c != 0 ? c : Long.compare(tid, o.tid);
        }
    }

    final Map<RelFileLocator, TreeSet<Entry>> indexes = new HashMap<>();
    int scans;
    int waits;

    private synchronized TreeSet<Entry> index(RelFileLocator loc) {
        TreeSet<Entry> s = indexes.get(loc);
        if (s == null) {
            throw new IllegalStateException("no index " + loc);
        }
        return s;
    }

    @Override public int maxKeySize() { return 2700; }

    @Override
    public synchronized void create(RelFileLocator index) {
        indexes.put(index, new TreeSet<>());
    }

    @Override
    public IndexBuild build(RelFileLocator index, UniqueChecker unique) {
        List<Entry> entries = new ArrayList<>();
        return new IndexBuild() {
            @Override
            public void add(byte[] key, Tid tid) {
                entries.add(new Entry(key, tid.pack()));
            }

            @Override
            public long finish() {
                entries.sort(null);
                if (unique != null) {
                    Entry live = null;
                    for (Entry e : entries) {
                        if (live != null && !Arrays.equals(live.key, e.key)) {
                            live = null;
                        }
                        if (unique.check(Tid.unpack(e.tid)).status() == UniqueChecker.Status.DEAD) {
                            continue;
                        }
                        if (live != null) {
                            throw unique.duplicate(e.key, Tid.unpack(live.tid));
                        }
                        live = e;
                    }
                }
                synchronized (FakeIndexes.this) {
                    index(index).addAll(entries);
                }
                return entries.size();
            }

            @Override public void close() { entries.clear(); }
        };
    }

    @Override
    public synchronized void drop(RelFileLocator index) {
        indexes.remove(index);
    }

    @Override
    public synchronized void truncate(RelFileLocator index) {
        index(index).clear();
    }

    @Override
    public void insert(RelFileLocator index, byte[] key, Tid tid, UniqueCheck check, UniqueChecker checker) {
        while (true) {
            long waitFor = 0;
            synchronized (this) {
                TreeSet<Entry> s = index(index);
                if (check == UniqueCheck.YES) {
                    for (Entry e : s.subSet(new Entry(key, Long.MIN_VALUE), true, new Entry(key, Long.MAX_VALUE), true)) {
                        UniqueChecker.Liveness l = checker.check(Tid.unpack(e.tid));
                        if (l.status() == UniqueChecker.Status.LIVE) {
                            throw checker.duplicate(key, Tid.unpack(e.tid));
                        }
                        if (l.status() == UniqueChecker.Status.IN_PROGRESS) {
                            waitFor = l.xid();
                            break;
                        }
                    }
                }
                if (waitFor == 0) {
                    s.add(new Entry(key, tid.pack()));
                    return;
                }
                waits++;
            }
            checker.awaitTransaction(waitFor);
        }
    }

    @Override
    public Tid findLive(RelFileLocator index, byte[] key, UniqueChecker checker) {
        while (true) {
            long waitFor = 0;
            synchronized (this) {
                for (Entry e : index(index).subSet(new Entry(key, Long.MIN_VALUE), true, new Entry(key, Long.MAX_VALUE),
                    true)) {
                    UniqueChecker.Liveness l = checker.check(Tid.unpack(e.tid));
                    if (l.status() == UniqueChecker.Status.LIVE) {
                        return Tid.unpack(e.tid);
                    }
                    if (l.status() == UniqueChecker.Status.IN_PROGRESS) {
                        waitFor = l.xid();
                        break;
                    }
                }
                if (waitFor == 0) {
                    return null;
                }
            }
            checker.awaitTransaction(waitFor);
        }
    }

    private static int compare(byte[] key, ScanBound b) {
        if (b.prefix()) {
            return Arrays.compareUnsigned(key, 0, Math.min(key.length, b.key().length), b.key(), 0, b.key().length);
        }
        return Arrays.compareUnsigned(key, b.key());
    }

    @Override
    public synchronized IndexScan scan(RelFileLocator index, ScanBound lower, ScanBound upper, ScanDirection direction) {
        scans++;
        List<Entry> entries = new ArrayList<>();
        TreeSet<Entry> all = index(index);
        // from the lower bound on (a prefix sorts before the keys it starts), up to the upper bound
        java.util.NavigableSet<Entry> from = lower.unbounded() ? all : all.tailSet(new Entry(lower.key(), Long.MIN_VALUE), true);
        for (Entry e : from) {
            if (!upper.unbounded() && compare(e.key, upper) > 0) {
                break;
            }
            if (!lower.unbounded()) {
                int c = compare(e.key, lower);
                if (c < 0 || c == 0 && !lower.inclusive()) {
                    continue;
                }
            }
            if (!upper.unbounded()) {
                int c = compare(e.key, upper);
                if (c > 0 || c == 0 && !upper.inclusive()) {
                    continue;
                }
            }
            entries.add(e);
        }
        if (direction == ScanDirection.BACKWARD) {
            java.util.Collections.reverse(entries);
        }
        FakeIndexes self = this;
        return new IndexScan() {
            List<Entry> out = entries;
            int i = -1;

            @Override public boolean next() { return ++i < out.size(); }
            @Override public void restart(ScanBound lo, ScanBound hi) {
                try (IndexScan again = self.scan(index, lo, hi, direction)) {
                    List<Entry> fresh = new ArrayList<>();
                    while (again.next()) {
                        fresh.add(new Entry(again.key(), again.packedTid()));
                    }
                    out = fresh;
                    i = -1;
                }
            }
            @Override public Tid tid() { return Tid.unpack(out.get(i).tid); }
            @Override public long packedTid() { return out.get(i).tid; }
            @Override public byte[] key() { return out.get(i).key.clone(); }
            @Override public void close() { }
        };
    }

    @Override
    public synchronized long blockCount(RelFileLocator index) {
        TreeSet<Entry> s = indexes.get(index);
        return s == null ? 0 : s.size() / 100 + 1;
    }
}
