package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.analyze.FromNode;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's LockRows: SELECT ... FOR UPDATE / SHARE locks each row as it leaves the Sort, just
 * below the Limit, so {@code ORDER BY x LIMIT 1 FOR UPDATE SKIP LOCKED} locks one row (the
 * job-queue pattern: a second worker skips only the rows the first one took).
 *
 * <p>The scan of the locked table (SeqScanPlan / IndexScanPlan with a row lock) does not lock; it
 * appends the row's tid as an int8 ({@link #encode}) after the table's columns, and the
 * projection carries it as one more target after the query's own, so it travels through the
 * Sort. This node locks that tid with {@link RowLocker} (wait policy, update chains, 40001);
 * when a newer version was locked it is re-checked against the query's quals and projected again
 * (EvalPlanQual), as PostgreSQL does without re-sorting.
 */
public final class LockRowsPlan extends Plan {
    private final Plan input;
    private final TableDescriptor table;
    private final RowLock lock;
    private final Expression qual;
    private final Expression[] targets;
    private final boolean[] used;

    private LockRowsPlan(Plan input, TableDescriptor table, RowLock lock, Expression qual, Expression[] targets,
                         boolean[] used) {
        this.input = input;
        this.table = table;
        this.lock = lock;
        this.qual = qual;
        this.targets = targets;
        this.used = used;
    }

    /** The tid of a scanned row, as the scan appends it. */
    static Value encode(Tid tid) {
        return IntegerValue.int8((tid.block() << 16) | tid.offset());
    }

    private static Tid decode(Value v) {
        long x = ((IntegerValue) v).value();
        return new Tid(x >>> 16, (int) (x & 0xFFFF));
    }

    /** Whether the query locks rows (then the planner projects {@link #projection} and puts this above the Sort). */
    public static boolean locks(Query q) {
        if (q.rowLock() == null || !(q.from() instanceof FromNode.BaseRel b) || !(b.relation() instanceof TableDescriptor)) {
            return false;
        }
        String what = !q.windows().isEmpty() ? "window functions" : !q.srfs().isEmpty()
            ? "set-returning functions in the target list" : null;
        if (what != null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "FOR " + RowLock.sqlName(q.rowLock().strength()) + " is not allowed with " + what);
        }
        return true;
    }

    /** The query's (planned) targets and the tid the scan appended. */
    public static Expression[] projection(Query q, List<Expression> targets) {
        Expression[] out = targets.toArray(new Expression[targets.size() + 1]);
        out[out.length - 1] = new ColumnVar(q.width(), PgType.INT8, "ctid");
        return out;
    }

    /** The node over the (sorted) projected rows of a query that {@link #locks}. */
    public static Plan over(Plan input, Query q) {
        FromNode.BaseRel b = (FromNode.BaseRel) q.from();
        List<FromNode.Conjunct> quals = q.quals();
        Expression qual = null;
        if (quals.size() == 1) {
            qual = quals.get(0).expr();
        } else if (!quals.isEmpty()) {
            Expression[] args = new Expression[quals.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = quals.get(i).expr();
            }
            qual = new BoolExpr(BoolExpr.Op.AND, args);
        }
        return new LockRowsPlan(input, (TableDescriptor) b.relation(), q.rowLock(), qual, projection(q, q.targets()), b.used());
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        StorageContext sc = ctx.storage();
        RowLocker locker = new RowLocker(lock, table, sc.heap(), sc.transaction(), qual, used, ctx);
        int tidSlot = targets.length - 1;
        int n = table.columns().size();
        return () -> {
            Value[] row;
            while ((row = in.next()) != null) {
                Tid tid = decode(row[tidSlot]);
                Value[] locked = locker.lock(row, tid);
                if (locked == row) {
                    return row;
                }
                if (locked != null) {
                    // a newer version, locked and qualifying: project it again
                    Value[] scanRow = java.util.Arrays.copyOf(locked, n + 1);
                    scanRow[n] = encode(locker.tid());
                    Value[] out = new Value[targets.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = targets[i].eval(scanRow, ctx);
                    }
                    return out;
                }
                ctx.checkForInterrupts();
            }
            return null;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
}
