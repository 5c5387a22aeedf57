package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.tuskdb.sql.internal.analyze.Aggregation;
import org.tuskdb.sql.internal.analyze.FromNode;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.ast.Statement.JoinKind;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Query to plan: source (Result, Values, a set operation, or the FROM tree) → Agg → Filter
 * (HAVING) → Project → Unique / Sort + DistinctOn → Sort → Limit.
 *
 * <p>The FROM tree keeps the join order as written. WHERE conjuncts are pushed down as far as
 * they can go: to the scan of the one relation they read, or to the lowest join that has all
 * they read — never below the nullable side of an outer join (they stay above it as a filter).
 * ON conjuncts stay at their join, except those of an inner join (and those reading only the
 * nullable side of an outer join), which go down the same way. A join with an equality clause
 * between its two sides whose operand types hash alike becomes a hash join, building on the
 * side with the smaller estimated row count; anything else a nested loop over the materialized
 * inner side. Estimates are defaults until ANALYZE statistics exist: 1000 rows per table, a
 * third of that per pushed-down qual, the larger input for a join.
 */
public final class Planner {
    private Planner() {}

    /** A plan and the columns it returns (the first {@code columns.size()} of each row). */
    public record PlannedQuery(Plan root, List<ResultColumn> columns) {}

    private static final double DEFAULT_ROWS = 1000;

    public static PlannedQuery plan(Query q) {
        Plan p;
        boolean indexOrdered = false;
        if (q.setOperation() != null) {
            var so = q.setOperation();
            Plan l = new ProjectPlan(plan(so.left()).root(), so.leftProjection());
            Plan r = new ProjectPlan(plan(so.right()).root(), so.rightProjection());
            p = new SetOpPlan(so.kind(), so.all(), l, r, so.leftProjection().length);
        } else if (q.from() != null) {
            List<FromNode.Conjunct> top = new ArrayList<>();
            List<FromNode.Conjunct> down = new ArrayList<>();
            for (FromNode.Conjunct c : q.quals()) {
                (c.bases().isEmpty() ? top : down).add(c);
            }
            p = planNode(q.from(), down, q.width()).plan;
            if (!top.isEmpty()) {
                p = new FilterPlan(p, and(top));
            } else {
                // index paths that need the whole query: ORDER BY [LIMIT] and min/max (IndexPaths)
                Plan o = q.aggregation() != null ? IndexPaths.minMax(p, q.aggregation())
                    : q.windows().isEmpty() && q.distinctOn() == null && !q.distinct()
                        ? IndexPaths.orderedScan(p, q.sort(), q.targets(), q.limit() != null) : null;
                if (o != null) {
                    p = o;
                    indexOrdered = q.aggregation() == null;
                }
            }
        } else if (q.valuesRows() != null) {
            p = new ValuesPlan(q.valuesRows());
        } else {
            p = new ResultPlan();
            if (q.where() != null) {
                p = new FilterPlan(p, q.where());
            }
        }
        Aggregation agg = q.aggregation();
        if (agg != null) {
            p = new AggPlan(p, agg.keys().toArray(new Expression[0]), agg.aggregates().toArray(new Aggregation.AggCall[0]));
            if (agg.having() != null) {
                p = new FilterPlan(p, agg.having());
            }
        }
        if (!q.windows().isEmpty()) {
            int width = agg != null ? agg.keys().size() + agg.aggregates().size() : q.width();
            p = new WindowPlan(p, width, q.windows().toArray(new org.tuskdb.sql.internal.analyze.WindowCall[0]));
        }
        p = ProjectSetPlan.wrapIfNeeded(new ProjectPlan(p, q.targets().toArray(new Expression[0])), q.targets());
        if (q.distinctOn() != null) {
            p = new SortPlan(p, q.sort());
            p = new DistinctOnPlan(p, q.distinctOn());
        } else {
            if (q.distinct()) {
                p = new UniquePlan(p, q.visible());
            }
            if (!q.sort().isEmpty() && !indexOrdered) {
                p = new SortPlan(p, q.sort());
            }
        }
        if (q.limit() != null || q.offset() != null) {
            p = new LimitPlan(p, q.limit(), q.offset());
        }
        return new PlannedQuery(p, q.columns());
    }

    private record Planned(Plan plan, double rows) {}

    private static Expression and(List<FromNode.Conjunct> quals) {
        if (quals.isEmpty()) {
            return null;
        }
        if (quals.size() == 1) {
            return quals.get(0).expr();
        }
        Expression[] args = new Expression[quals.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = quals.get(i).expr();
        }
        return new BoolExpr(BoolExpr.Op.AND, args);
    }

    private static boolean within(BitSet refs, BitSet bases) {
        BitSet b = (BitSet) refs.clone();
        b.andNot(bases);
        return b.isEmpty();
    }

    /** Plans a FROM node with the conjuncts pushed to it (each reads only relations under it). */
    private static Planned planNode(FromNode n, List<FromNode.Conjunct> quals, int total) {
        switch (n) {
            case FromNode.BaseRel b -> {
                Plan p;
                boolean alone = b.lo() == 0 && b.hi() == total;
                double rows = DEFAULT_ROWS * Math.pow(1.0 / 3, quals.size());
                if (b.relation() instanceof TableDescriptor t && alone) {
                    return new Planned(IndexPaths.scan(t, and(quals), b.rowLock(), b.used()), rows);
                }
                if (b.relation() instanceof TableDescriptor t) {
                    p = IndexPaths.scanInJoin(t, and(quals), b.lo(), b.rowLock(), b.used());
                } else {
                    p = new ViewScanPlan((SystemView) b.relation());
                }
                return new Planned(filter(place(p, b.lo(), b.hi(), total), quals), rows);
            }
            case FromNode.SubqueryRel s -> {
                Plan p = plan(s.query()).root();
                return new Planned(filter(place(p, s.lo(), s.hi(), total), quals), DEFAULT_ROWS);
            }
            case FromNode.WorkTableRel w -> {
                return new Planned(filter(place(new WorkTableScanPlan(w.workTable()), w.lo(), w.hi(), total), quals),
                    DEFAULT_ROWS);
            }
            case FromNode.RecursiveRel r -> {
                int width = r.hi() - r.lo();
                Plan p = new RecursiveUnionPlan(plan(r.nonRecursive()).root(), plan(r.recursive()).root(), r.all(),
                    r.workTable(), width);
                return new Planned(filter(place(p, r.lo(), r.hi(), total), quals), DEFAULT_ROWS);
            }
            case FromNode.Join j -> {
                return planJoin(j, quals, total);
            }
        }
    }

    private static Plan place(Plan p, int lo, int hi, int total) {
        return lo == 0 && hi == total ? p : new PlaceAtPlan(p, lo, hi - lo, total);
    }

    private static Plan filter(Plan p, List<FromNode.Conjunct> quals) {
        return quals.isEmpty() ? p : new FilterPlan(p, and(quals));
    }

    private static Planned planJoin(FromNode.Join j, List<FromNode.Conjunct> pushed, int total) {
        BitSet lb = j.left().bases();
        BitSet rb = j.right().bases();
        JoinKind kind = j.kind();
        boolean leftNullable = kind == JoinKind.RIGHT || kind == JoinKind.FULL;
        boolean rightNullable = kind == JoinKind.LEFT || kind == JoinKind.FULL;
        List<FromNode.Conjunct> toLeft = new ArrayList<>();
        List<FromNode.Conjunct> toRight = new ArrayList<>();
        List<FromNode.Conjunct> joinQuals = new ArrayList<>();
        List<FromNode.Conjunct> after = new ArrayList<>();
        // WHERE conjuncts (and those of joins above): into a side that is not nullable here
        for (FromNode.Conjunct c : pushed) {
            if (!leftNullable && within(c.bases(), lb)) {
                toLeft.add(c);
            } else if (!rightNullable && within(c.bases(), rb)) {
                toRight.add(c);
            } else if (kind == JoinKind.INNER || kind == JoinKind.CROSS) {
                joinQuals.add(c);
            } else {
                after.add(c);
            }
        }
        // ON conjuncts: an inner join's go anywhere; an outer join's only into its nullable side
        boolean inner = kind == JoinKind.INNER || kind == JoinKind.CROSS;
        for (FromNode.Conjunct c : j.on()) {
            if (!c.bases().isEmpty() && (inner || leftNullable && kind != JoinKind.FULL) && within(c.bases(), lb)) {
                toLeft.add(c);
            } else if (!c.bases().isEmpty() && (inner || rightNullable && kind != JoinKind.FULL) && within(c.bases(), rb)) {
                toRight.add(c);
            } else {
                joinQuals.add(c);
            }
        }
        Planned l = planNode(j.left(), toLeft, total);
        Planned r = planNode(j.right(), toRight, total);
        List<Expression> lKeys = new ArrayList<>();
        List<Expression> rKeys = new ArrayList<>();
        for (FromNode.Conjunct c : joinQuals) {
            if (!c.hasOperands() || !hashable(c.left().type(), c.right().type())
                || c.leftBases().isEmpty() || c.rightBases().isEmpty()) {
                continue;
            }
            if (within(c.leftBases(), lb) && within(c.rightBases(), rb)) {
                lKeys.add(c.left());
                rKeys.add(c.right());
            } else if (within(c.leftBases(), rb) && within(c.rightBases(), lb)) {
                lKeys.add(c.right());
                rKeys.add(c.left());
            }
        }
        if (kind == JoinKind.FULL && lKeys.isEmpty()) {
            for (FromNode.Conjunct c : joinQuals) {
                if (!c.bases().isEmpty()) {
                    throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
                        "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
                }
            }
        }
        Expression qual = and(joinQuals);
        double rows = Math.max(l.rows(), r.rows());
        Plan p;
        if (!lKeys.isEmpty()) {
            boolean buildRight = r.rows() <= l.rows();
            Expression[] lk = lKeys.toArray(new Expression[0]);
            Expression[] rk = rKeys.toArray(new Expression[0]);
            if (buildRight) {
                p = new HashJoinPlan(l.plan(), r.plan(), lk, rk, qual, j.right().lo(), j.right().hi(),
                    rightNullable, leftNullable);
            } else {
                p = new HashJoinPlan(r.plan(), l.plan(), rk, lk, qual, j.left().lo(), j.left().hi(),
                    leftNullable, rightNullable);
            }
        } else if (kind == JoinKind.RIGHT) {
            p = new NestedLoopJoinPlan(r.plan(), l.plan(), qual, j.left().lo(), j.left().hi(), true, false);
        } else {
            p = new NestedLoopJoinPlan(l.plan(), r.plan(), qual, j.right().lo(), j.right().hi(), rightNullable,
                kind == JoinKind.FULL);
        }
        return new Planned(filter(p, after), rows);
    }

    /** Whether equal values of the two types hash alike (same type, or both integers, or both text). */
    public static boolean hashable(PgType a, PgType b) {
        if (a == b) {
            return a != PgType.UNKNOWN;
        }
        return integer(a) && integer(b) || text(a) && text(b);
    }

    private static boolean integer(PgType t) {
        return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8;
    }

    private static boolean text(PgType t) {
        return t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.NAME;
    }

    /** INSERT / UPDATE / DELETE: a ModifyTable over VALUES, a query, or a scan of the table. */
    public static PlannedQuery plan(org.tuskdb.sql.internal.analyze.ModifyQuery m) {
        Plan source = null;
        if (m.valuesRows() != null) {
            source = new ValuesPlan(m.valuesRows());
        } else if (m.source() != null) {
            source = plan(m.source()).root();
        }
        Expression[] returning = m.returning().isEmpty() ? null : m.returning().toArray(new Expression[0]);
        return new PlannedQuery(new ModifyTablePlan(m.kind(), m.table(), source, m.projection(), m.where(),
            m.newRow(), returning, m.onConflict()), m.columns());
    }
}
