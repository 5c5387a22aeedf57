package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.IndexKeys;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * Index scan (PostgreSQL's IndexScan with LockRows for FOR UPDATE / SHARE): the key range is
 * made at open from the bound operands (constants or parameters), the index returns tids in
 * key order (or reverse), each heap tuple is fetched by tid and kept when the statement's
 * snapshot sees it and the whole qual holds on it (the recheck: the bounds only narrow the
 * range). With a {@code fallback}, a table of at most {@link #SMALL_TABLE_PAGES} pages is read
 * by that sequential scan instead (decided per execution, from the heap's block count).
 */
public final class IndexScanPlan extends Plan {
    /** Up to this many heap pages a sequential scan is cheaper than descending the index. */
    static final long SMALL_TABLE_PAGES = 4;

    /** No rows (a NULL bound). */
    private static final TidCursor EMPTY = new TidCursor() {
        @Override public Tid tid() { return null; }
        @Override public Value[] next() { return null; }
    };

    private final TableDescriptor table;
    private final IndexDescriptor index;
    private final Expression[] equals;
    private final IndexPaths.ColumnBound lower;
    private final IndexPaths.ColumnBound upper;
    private final ScanDirection direction;
    private final Expression qual;
    private final RowLock rowLock;
    private final boolean[] used;
    private final Plan fallback;
    private boolean modifyTarget;

    IndexScanPlan(TableDescriptor table, IndexDescriptor index, Expression[] equals, IndexPaths.ColumnBound lower,
                  IndexPaths.ColumnBound upper, ScanDirection direction, Expression qual, RowLock rowLock,
                  boolean[] used, Plan fallback) {
        this.table = table;
        this.index = index;
        this.equals = equals;
        this.lower = lower;
        this.upper = upper;
        this.direction = direction;
        this.qual = qual;
        this.rowLock = rowLock;
        this.used = used;
        this.fallback = fallback;
    }

    public IndexDescriptor index() { return index; }
    public TableDescriptor table() { return table; }
    public ScanDirection direction() { return direction; }
    public Expression qual() { return qual; }
    public RowLock rowLock() { return rowLock; }
    public boolean[] used() { return used; }
    /** Whether the scan has key bounds (not a whole-index scan). */
    public boolean bounded() { return equals.length > 0 || lower != null || upper != null; }

    /** Marks the scan as UPDATE / DELETE's source (set once, while planning). */
    IndexScanPlan modifyTarget() {
        modifyTarget = true;
        return this;
    }

    /** The same scan in the other direction or without the small-table fallback (ordered scans need the index). */
    IndexScanPlan ordered(ScanDirection dir) {
        return new IndexScanPlan(table, index, equals, lower, upper, dir, qual, rowLock, used, null);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        table.checkScannable();
        StorageContext sc = ctx.storage();
        HeapAccess heap = sc.heap();
        if (fallback != null && heap.blockCount(table.locator()) <= SMALL_TABLE_PAGES) {
            return fallback.open(ctx);
        }
        IndexAccess access = IndexMaintenance.requireIndexes(sc.services());
        Value[] none = new Value[0];
        IndexKeys.Builder prefix = new IndexKeys.Builder(16 * equals.length + 16);
        for (int i = 0; i < equals.length; i++) {
            Value v = equals[i].eval(none, ctx);
            if (v == null) {
                return EMPTY;
            }
            prefix.add(v, index.flags()[i]);
        }
        byte[] p = prefix.toByteArray();
        int k = equals.length;
        IndexPaths.ColumnBound loB = lower;
        IndexPaths.ColumnBound hiB = upper;
        if (k < index.columns().length && index.descending(k)) {
            loB = upper; // complemented bytes: the column's upper bound is the key's lower one
            hiB = lower;
        }
        ScanBound lo = bound(loB, p, k, ctx, none);
        ScanBound hi = bound(hiB, p, k, ctx, none);
        if (lo == null || hi == null) {
            return EMPTY;
        }
        Transaction tx = sc.transaction();
        IndexScan scan = access.scan(index.locator(), lo, hi, direction);
        ctx.onClose(scan);
        return new Cursor(ctx, heap, tx, sc.snapshot(), scan,
            sc.services() == null ? null : sc.services().transactions());
    }

    /** One end of the key range; null when the operand is NULL (nothing matches). */
    private ScanBound bound(IndexPaths.ColumnBound b, byte[] prefix, int k, EvalContext ctx, Value[] none) {
        if (b == null) {
            return prefix.length == 0 ? ScanBound.UNBOUNDED : ScanBound.prefixInclusive(prefix);
        }
        Value v = b.operand().eval(none, ctx);
        if (v == null) {
            return null;
        }
        byte[] key = concat(prefix, IndexKeys.encode(new Value[] {v}, new int[] {index.flags()[k]}));
        boolean inclusive = b.op().equals(">=") || b.op().equals("<=");
        return inclusive ? ScanBound.prefixInclusive(key) : ScanBound.prefixExclusive(key);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A running index scan. */
    final class Cursor implements TidCursor {
        private final EvalContext ctx;
        private final HeapAccess heap;
        private final Transaction tx;
        private final Snapshot snapshot;
        private final IndexScan scan;
        /** Where the dead-to-all horizon comes from (null: entries are never killed). */
        private final TransactionManager transactions;
        /** pruneHorizon, taken at the first invisible entry (0: not yet): later horizons are only newer. */
        private long horizon;
        private boolean done;
        private Tid tid;

        Cursor(EvalContext ctx, HeapAccess heap, Transaction tx, Snapshot snapshot, IndexScan scan,
               TransactionManager transactions) {
            this.ctx = ctx;
            this.heap = heap;
            this.tx = tx;
            this.snapshot = snapshot;
            this.scan = scan;
            this.transactions = transactions;
        }

        /**
         * An entry whose tuple this snapshot does not see: if no one can (PostgreSQL's
         * kill_prior_tuple), the index marks it and later scans skip it without a heap visit.
         */
        private void invisible(Tid at) {
            if (transactions == null) {
                return;
            }
            if (horizon == 0) {
                horizon = transactions.pruneHorizon();
            }
            if (heap.deadToAll(table.locator(), at, horizon)) {
                scan.killCurrent();
            }
        }

        @Override
        public Tid tid() {
            return tid;
        }

        @Override
        public Value[] next() {
            if (done) {
                return null;
            }
            int n = SystemColumns.width(table, used);
            while (scan.next()) {
                Tid at = scan.tid();
                HeapTuple t = heap.fetchIndexed(table.locator(), at, snapshot, tx);
                if (t == null) {
                    invisible(at);
                    continue;
                }
                Value[] row = new Value[rowLock == null ? n : n + 1];
                table.codec().decode(t.data(), row, used);
                SystemColumns.fill(table, row, used, t);
                if (!SeqScanPlan.passes(qual, row, ctx)) {
                    ctx.checkForInterrupts();
                    continue;
                }
                tid = t.tid(); // the version (a HOT chain member), which UPDATE / DELETE / FOR UPDATE change
                if (rowLock != null) {
                    row[n] = LockRowsPlan.encode(tid); // LockRowsPlan locks it, above the Sort
                }
                return row;
            }
            done = true;
            scan.close();
            return null;
        }
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Expression[] explainEquals() { return equals; }
    public IndexPaths.ColumnBound explainLower() { return lower; }
    public IndexPaths.ColumnBound explainUpper() { return upper; }
    public Plan explainFallback() { return fallback; }
    /** Whether the scan reads UPDATE / DELETE's target (EXPLAIN keeps a partial index's implied quals then). */
    public boolean explainModifyTarget() { return modifyTarget; }
}
