package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Sequential scan of a table through the statement's snapshot (PostgreSQL's SeqScan with its
 * qual, plus LockRows for FOR UPDATE / SHARE). Rows are decoded column by column, only the
 * columns the query uses. With a row lock: each qualifying row is locked; under READ COMMITTED
 * a row updated meanwhile is followed to its newest version and re-checked (EvalPlanQual),
 * under REPEATABLE READ / SERIALIZABLE that is 40001.
 */
public final class SeqScanPlan extends Plan {
    private final TableDescriptor table;
    private final Expression qual;
    private final RowLock rowLock;
    private final boolean[] used;

    public SeqScanPlan(TableDescriptor table, Expression qual, RowLock rowLock, boolean[] used) {
        this.table = table;
        this.qual = qual;
        this.rowLock = rowLock;
        this.used = used;
    }

    public TableDescriptor table() { return table; }
    public Expression qual() { return qual; }
    public RowLock rowLock() { return rowLock; }
    public boolean[] used() { return used; }

    @Override
    public RowCursor open(EvalContext ctx) {
        table.checkScannable();
        return openScan(ctx);
    }

    /** The cursor, which also tells the tid of the row it returned last. */
    public TableCursor openScan(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        HeapAccess heap = sc.heap();
        Transaction tx = sc.transaction();
        HeapScan scan = heap.scan(table.locator(), sc.snapshot(), tx);
        ctx.onClose(scan);
        return new TableCursor(ctx, sc, heap, tx, scan);
    }

    static boolean passes(Expression qual, Value[] row, EvalContext ctx) {
        if (qual == null) {
            return true;
        }
        Value v = qual.eval(row, ctx);
        return v != null && ((BoolValue) v).value();
    }

    static DatabaseException serializationFailure(boolean deleted) {
        return DatabaseException.error("40001",
            "could not serialize access due to concurrent " + (deleted ? "delete" : "update"));
    }

    /** A running scan. */
    public final class TableCursor implements TidCursor {
        private final EvalContext ctx;
        private final StorageContext sc;
        private final HeapAccess heap;
        private final Transaction tx;
        private final HeapScan scan;
        private boolean done;
        private Tid tid;

        TableCursor(EvalContext ctx, StorageContext sc, HeapAccess heap, Transaction tx, HeapScan scan) {
            this.ctx = ctx;
            this.sc = sc;
            this.heap = heap;
            this.tx = tx;
            this.scan = scan;
        }

        /** The tid of the row last returned. */
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
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row = new Value[rowLock == null ? n : n + 1];
                table.codec().decode(t.data(), row, used);
                SystemColumns.fill(table, row, used, t);
                if (!passes(qual, row, ctx)) {
                    ctx.checkForInterrupts();
                    continue;
                }
                tid = t.tid();
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
}
