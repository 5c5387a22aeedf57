package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * One execution of a sort (PostgreSQL's tuplesort): rows are collected in an array and sorted in
 * memory while they fit in work_mem; past it, each full array is sorted and written as a run to
 * a temporary file, and the runs (the last one still in memory) are merged k ways through a
 * binary heap of run cursors. When more runs exist than the merge may keep buffers for, groups
 * of runs are first merged into longer runs (a multi-pass merge). The sort is stable: ties keep
 * the input order (runs are merged in input order, ties broken by run number).
 *
 * <p>With a bound (a LIMIT right above the sort: limit + offset rows are needed) and once twice
 * the bound has been read without spilling, it keeps only the best {@code bound} rows in a max-heap
 * (PostgreSQL's "top-N heapsort"), ties broken by input position so the result equals the full
 * sort's first rows.
 */
final class ExternalSort {
    private final Comparator<Value[]> order;
    private final EvalContext ctx;
    private final long memLimit;
    private final long bound;
    private Value[][] buf = new Value[64][];
    private int n;
    private long mem;
    private TempFiles files;
    private List<TempFiles.Writer> runs;
    /** Top-N mode: the heap (root = the worst kept row), or null. */
    private HeapEntry[] heap;
    private long seq;

    private static final class HeapEntry {
        Value[] row;
        long seq;

        HeapEntry(Value[] row, long seq) {
            this.row = row;
            this.seq = seq;
        }
    }

    /** @param bound the number of leading rows wanted, or -1 for all */
    ExternalSort(Comparator<Value[]> order, EvalContext ctx, long bound) {
        this.order = order;
        this.ctx = ctx;
        this.memLimit = TempFiles.memoryLimit(ctx);
        this.bound = bound;
    }

    void add(Value[] row) {
        if (heap != null) {
            addToHeap(row);
            return;
        }
        if (n == buf.length) {
            buf = Arrays.copyOf(buf, n * 2);
        }
        buf[n++] = row;
        mem += TempFiles.rowBytes(row) + 8;
        if (bound > 0 && runs == null && n >= 2 * bound) {
            startHeap();
        } else if (mem > memLimit) {
            spillRun();
        }
    }

    private void spillRun() {
        sortBuffer();
        if (files == null) {
            files = TempFiles.open(ctx);
            runs = new ArrayList<>();
        }
        TempFiles.Writer w = files.create();
        for (int i = 0; i < n; i++) {
            w.write(buf[i]);
            buf[i] = null;
            if ((i & 1023) == 0) {
                ctx.checkForInterrupts();
            }
        }
        runs.add(w);
        n = 0;
        mem = 0;
    }

    /** Sorts buf[0, n): by packed integer keys where the first key allows it, else with the comparator. */
    private void sortBuffer() {
        if (n > 1 && !(order instanceof RowComparator rc && rc.sortByIntKey(buf, n))) {
            Arrays.sort(buf, 0, n, order);
        }
    }

    // ---- top-N ------------------------------------------------------------------------------

    private void startHeap() {
        sortBuffer();
        int k = (int) bound;
        heap = new HeapEntry[k];
        for (int i = 0; i < k; i++) {
            heap[i] = new HeapEntry(buf[i], i);
        }
        seq = n;
        buf = null;
        n = 0;
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private boolean worse(HeapEntry a, HeapEntry b) {
        int c = order.compare(a.row, b.row);
        return c > 0 || (c == 0 && a.seq > b.seq);
    }

    private void addToHeap(Value[] row) {
        long s = seq++;
        HeapEntry top = heap[0];
        if (order.compare(row, top.row) < 0) { // equal: the new row comes later, so it is the worse
            top.row = row;
            top.seq = s;
            siftDown(0);
        }
    }

    private void siftDown(int i) {
        HeapEntry[] h = heap;
        int size = h.length;
        HeapEntry e = h[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && worse(h[c + 1], h[c])) {
                c++;
            }
            if (!worse(h[c], e)) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = e;
    }

    // ---- result -----------------------------------------------------------------------------

    /** Ends input; the sorted rows. */
    RowCursor result() {
        if (heap != null) {
            HeapEntry[] h = heap;
            heap = null;
            Arrays.sort(h, (a, b) -> {
                int c = order.compare(a.row, b.row);
                return c != 0 ? c : Long.compare(a.seq, b.seq);
            });
            Value[][] rows = new Value[h.length][];
            for (int i = 0; i < h.length; i++) {
                rows[i] = h[i].row;
            }
            return arrayCursor(rows, rows.length);
        }
        sortBuffer();
        if (runs == null) {
            return arrayCursor(buf, n);
        }
        int fanIn = (int) Math.max(6, Math.min(512, memLimit / (2L * TempFiles.BUFFER)));
        List<RowCursor> sources = new ArrayList<>();
        for (TempFiles.Writer w : runs) {
            sources.add(w.finish()::next);
        }
        runs = null;
        while (sources.size() + 1 > fanIn) {
            // a pass: merge the first fanIn runs into one longer run at the end (input order kept)
            List<RowCursor> next = new ArrayList<>();
            for (int from = 0; from < sources.size(); from += fanIn) {
                List<RowCursor> group = sources.subList(from, Math.min(sources.size(), from + fanIn));
                if (group.size() == 1) {
                    next.add(group.get(0));
                    continue;
                }
                RowCursor merged = new Merge(order, group);
                TempFiles.Writer w = files.create();
                Value[] r;
                long i = 0;
                while ((r = merged.next()) != null) {
                    w.write(r);
                    if ((i++ & 1023) == 0) {
                        ctx.checkForInterrupts();
                    }
                }
                next.add(w.finish()::next);
            }
            sources = next;
        }
        if (n > 0) {
            sources.add(arrayCursor(buf, n));
        }
        TempFiles f = files;
        RowCursor merged = new Merge(order, sources);
        return () -> {
            Value[] r = merged.next();
            if (r == null) {
                f.close();
            }
            return r;
        };
    }

    private static RowCursor arrayCursor(Value[][] rows, int count) {
        return new RowCursor() {
            private int i;

            @Override
            public Value[] next() {
                if (i >= count) {
                    return null;
                }
                Value[] r = rows[i];
                rows[i++] = null;
                return r;
            }
        };
    }

    /** A k-way merge of sorted sources: a binary min-heap of the sources' current rows, ties by source number. */
    private static final class Merge implements RowCursor {
        private final Comparator<Value[]> order;
        private final RowCursor[] src;
        private final Value[][] head;
        private final int[] heap;
        private int size;

        Merge(Comparator<Value[]> order, List<RowCursor> sources) {
            this.order = order;
            this.src = sources.toArray(new RowCursor[0]);
            this.head = new Value[src.length][];
            this.heap = new int[src.length];
            for (int i = 0; i < src.length; i++) {
                head[i] = src[i].next();
                if (head[i] != null) {
                    heap[size++] = i;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        private boolean less(int a, int b) {
            int c = order.compare(head[a], head[b]);
            return c < 0 || (c == 0 && a < b);
        }

        private void siftDown(int i) {
            int e = heap[i];
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && less(heap[c + 1], heap[c])) {
                    c++;
                }
                if (!less(heap[c], e)) {
                    break;
                }
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = e;
        }

        @Override
        public Value[] next() {
            if (size == 0) {
                return null;
            }
            int s = heap[0];
            Value[] r = head[s];
            head[s] = src[s].next();
            if (head[s] == null) {
                heap[0] = heap[--size];
            }
            if (size > 0) {
                siftDown(0);
            }
            return r;
        }
    }
}
