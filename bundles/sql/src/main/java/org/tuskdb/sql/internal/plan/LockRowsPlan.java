package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.analyze.FromNode;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
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
    /** Over joins: the locked tables (null for one table alone) and where the wide row starts in the projected one. */
    private final FromNode.BaseRel[] locked;
    private final int wideStart;

    private LockRowsPlan(Plan input, TableDescriptor table, RowLock lock, Expression qual, Expression[] targets,
                         boolean[] used, FromNode.BaseRel[] locked, int wideStart) {
        this.input = input;
        this.table = table;
        this.lock = lock;
        this.qual = qual;
        this.targets = targets;
        this.used = used;
        this.locked = locked;
        this.wideStart = wideStart;
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
        if (q.rowLock() == null) {
            return false;
        }
        if (q.from() instanceof FromNode.BaseRel b ? !(b.relation() instanceof TableDescriptor)
            : lockedTables(q.from(), new ArrayList<>()).isEmpty()) {
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

    /** Over joins the locked tables' slices end with their rows' tids (analyze/LockedRelations). */
    private static boolean joined(Query q) {
        return !(q.from() instanceof FromNode.BaseRel);
    }

    private static List<FromNode.BaseRel> lockedTables(FromNode n, List<FromNode.BaseRel> out) {
        switch (n) {
            case FromNode.BaseRel b when b.rowLock() != null && b.relation() instanceof TableDescriptor -> out.add(b);
            case FromNode.Join j -> {
                lockedTables(j.left(), out);
                lockedTables(j.right(), out);
            }
            case FromNode.Lateral l -> lockedTables(l.inner(), out);
            case null, default -> { }
        }
        return out;
    }

    /** The ON conjuncts of the inner joins of a tree (rechecked, with WHERE, when a newer version was locked). */
    private static void innerJoinQuals(FromNode n, List<FromNode.Conjunct> out) {
        if (n instanceof FromNode.Join j) {
            if (j.kind() == org.tuskdb.sql.internal.ast.Statement.JoinKind.INNER
                || j.kind() == org.tuskdb.sql.internal.ast.Statement.JoinKind.CROSS) {
                out.addAll(j.on());
            }
            innerJoinQuals(j.left(), out);
            innerJoinQuals(j.right(), out);
        }
    }

    /**
     * The query's (planned) targets and the tid the scan appended; over joins the whole wide row
     * instead, so a newer version locked above the Sort can be rechecked and projected again.
     */
    public static Expression[] projection(Query q, List<Expression> targets) {
        if (joined(q)) {
            Expression[] out = targets.toArray(new Expression[targets.size() + q.width()]);
            for (int i = 0; i < q.width(); i++) {
                out[targets.size() + i] = new ColumnVar(i, PgType.UNKNOWN, "wide");
            }
            return out;
        }
        Expression[] out = targets.toArray(new Expression[targets.size() + 1]);
        out[out.length - 1] = new ColumnVar(q.width(), PgType.INT8, "ctid");
        return out;
    }


    /** The node over the (sorted) projected rows of a query that {@link #locks}. */
    public static Plan over(Plan input, Query q) {
        if (joined(q)) {
            List<FromNode.Conjunct> quals = new ArrayList<>(q.quals());
            innerJoinQuals(q.from(), quals);
            return new LockRowsPlan(input, null, q.rowLock(), FromNode.conjunction(quals), projection(q, q.targets()), null,
                lockedTables(q.from(), new ArrayList<>()).toArray(new FromNode.BaseRel[0]), q.targets().size());
        }
        FromNode.BaseRel b = (FromNode.BaseRel) q.from();
        return new LockRowsPlan(input, (TableDescriptor) b.relation(), q.rowLock(), FromNode.conjunction(q.quals()),
            projection(q, q.targets()), b.used(), null, 0);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        if (locked != null) {
            return openJoined(ctx);
        }
        RowCursor in = input.open(ctx);
        StorageContext sc = ctx.storage();
        RowLocker locker = new RowLocker(lock, table, sc.heap(), sc.transaction(), qual, used, ctx);
        int tidSlot = targets.length - 1;
        int n = SystemColumns.width(table, used);
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

    /**
     * Over joins: each locked table's row is locked in turn (a skipped one skips the joined row);
     * when a newer version of one was locked, its slice of the wide row is replaced, the WHERE and
     * inner-join conditions are checked again and the targets projected again (EvalPlanQual
     * without re-running outer joins: their ON conditions are not rechecked).
     */
    private RowCursor openJoined(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        StorageContext sc = ctx.storage();
        RowLocker[] lockers = new RowLocker[locked.length];
        for (int k = 0; k < locked.length; k++) {
            FromNode.BaseRel b = locked[k];
            lockers[k] = new RowLocker(b.rowLock(), (TableDescriptor) b.relation(), sc.heap(), sc.transaction(), null,
                b.used(), ctx);
        }
        return () -> {
            Value[] row;
            next:
            while ((row = in.next()) != null) {
                Value[] wide = null;
                for (int k = 0; k < locked.length; k++) {
                    FromNode.BaseRel b = locked[k];
                    int tidSlot = b.hi() - 1;
                    Value[] got = lockers[k].lock(row, decode(row[wideStart + tidSlot]));
                    if (got == null) {
                        ctx.checkForInterrupts();
                        continue next;
                    }
                    if (got != row) {
                        if (wide == null) {
                            wide = java.util.Arrays.copyOfRange(row, wideStart, row.length);
                        }
                        System.arraycopy(got, 0, wide, b.lo(), tidSlot - b.lo());
                        wide[tidSlot] = encode(lockers[k].tid());
                    }
                }
                if (wide == null) {
                    return row;
                }
                if (!SeqScanPlan.passes(qual, wide, ctx)) {
                    continue;
                }
                Value[] out = new Value[targets.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = targets[i].eval(wide, ctx);
                }
                return out;
            }
            return null;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
}
