package org.tuskdb.sql.internal.plan;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tuskdb.sql.internal.analyze.Aggregation;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.NullTest;
import org.tuskdb.sql.internal.value.PgType;

/**
 * PostgreSQL's cost model (costsize.c) over Tusk's plan nodes: every node gets startup and total
 * cost, rows and width ({@link Cost}), computed bottom-up and memoized per model instance (plans
 * stay immutable; a model belongs to one planning or one EXPLAIN).
 *
 * <p>Units and parameters are PostgreSQL's: seq_page_cost 1, random_page_cost 4, cpu_tuple_cost
 * 0.01, cpu_index_tuple_cost 0.005, cpu_operator_cost 0.0025, read from the session's settings
 * when they exist. Until ANALYZE exists, a table's row count is estimated as PostgreSQL does for
 * a never-vacuumed table: its current size in pages (an empty table counts as 10 pages) times
 * the tuples that fit a page at the table's estimated width. Selectivities are PostgreSQL's
 * defaults without statistics: equality 0.005 (a unique single-column index: one row), an
 * inequality 1/3, a range (both ends) 0.005, IS NULL 0.005, anything else 0.5; equi-joins
 * 1/max(distinct), distinct counts being min(rows, 200).
 */
public final class CostModel {
    static final double DEFAULT_EQ_SEL = 0.005;
    static final double DEFAULT_INEQ_SEL = 1.0 / 3;
    static final double DEFAULT_RANGE_INEQ_SEL = 0.005;
    static final double DEFAULT_SEL = 0.5;
    static final double DEFAULT_NUM_DISTINCT = 200;
    static final int BLCKSZ = 8192;
    static final int PAGE_HEADER = 24;
    static final int TUPLE_HEADER = 24; // MAXALIGN(SizeofHeapTupleHeader)
    static final int ITEM_ID = 4;
    static final long EMPTY_TABLE_PAGES = 10;

    public final double seqPageCost;
    public final double randomPageCost;
    public final double cpuTupleCost;
    public final double cpuIndexTupleCost;
    public final double cpuOperatorCost;
    /** The enable_* switches: a disabled method's node costs PlannerMethods.DISABLE_COST more. */
    private final PlannerMethods methods;
    private final RelationSizes sizes;
    private final Map<Plan, Cost> memo = new IdentityHashMap<>();

    public CostModel(RelationSizes sizes, UnaryOperator<String> setting) {
        this.sizes = sizes == null ? RelationSizes.UNKNOWN : sizes;
        this.seqPageCost = param(setting, "seq_page_cost", 1.0);
        this.randomPageCost = param(setting, "random_page_cost", 4.0);
        this.cpuTupleCost = param(setting, "cpu_tuple_cost", 0.01);
        this.cpuIndexTupleCost = param(setting, "cpu_index_tuple_cost", 0.005);
        this.cpuOperatorCost = param(setting, "cpu_operator_cost", 0.0025);
        this.methods = PlannerMethods.of(setting);
    }

    /** PostgreSQL's defaults, tables of unknown size (10 pages each). */
    public static CostModel defaults() {
        return new CostModel(RelationSizes.UNKNOWN, null);
    }

    private static double param(UnaryOperator<String> setting, String name, double dflt) {
        if (setting == null) {
            return dflt;
        }
        String v = setting.apply(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    // ---- tables ---------------------------------------------------------------------------

    /**
     * Pages of the table now. Like PostgreSQL's estimate_rel_size for a never-vacuumed table
     * (there is no VACUUM / ANALYZE yet), fewer than 10 pages count as 10, so a table that is
     * empty now is not taken for one that stays empty.
     */
    public double tablePages(TableDescriptor t) {
        long p = sizes.pages(t);
        return p < EMPTY_TABLE_PAGES ? EMPTY_TABLE_PAGES : p;
    }

    /** Whether the table's real size is known to be at most {@code pages} (the small-table fallback). */
    public boolean atMostPages(TableDescriptor t, long pages) {
        long p = sizes.pages(t);
        return p >= 0 && p <= pages;
    }

    public double tableRows(TableDescriptor t) {
        double density = Math.floor((double) (BLCKSZ - PAGE_HEADER) / (dataWidth(t, null) + TUPLE_HEADER + ITEM_ID));
        return Math.max(1, Math.rint(tablePages(t) * density));
    }

    /** Average width of the columns read ({@code used} null: all). */
    public static int dataWidth(Relation t, boolean[] used) {
        int w = 0;
        for (int i = 0; i < t.columns().size(); i++) {
            if (used == null || i < used.length && used[i]) {
                Relation.Column c = t.columns().get(i);
                w += typeWidth(c.type(), c.typmod());
            }
        }
        return w;
    }

    /** PostgreSQL's get_typavgwidth: the fixed length, or a guess from the typmod, else 32. */
    public static int typeWidth(PgType type, int typmod) {
        if (type.length() > 0) {
            return type.length();
        }
        if (typmod > 4 && (type == PgType.VARCHAR || type == PgType.BPCHAR)) {
            int max = (typmod - 4) * 4 + 4; // UTF-8: up to 4 bytes a character, plus the header
            if (type == PgType.BPCHAR || max <= 32) {
                return max;
            }
            return max < 1000 ? 32 + (max - 32) / 2 : 32 + (1000 - 32) / 2;
        }
        return 32;
    }

    static double clampRows(double rows) {
        return rows <= 1 ? 1 : Math.rint(rows);
    }

    // ---- expressions ----------------------------------------------------------------------

    /** Per-row cost of evaluating {@code e}: cpu_operator_cost per operator and function call. */
    public double qualCost(Expression e) {
        return e == null ? 0 : operators(e) * cpuOperatorCost;
    }

    /** Operators and function calls evaluated per row (cost_qual_eval's count at cpu_operator_cost each). */
    static int operators(Expression e) {
        switch (e) {
            case org.tuskdb.sql.internal.expr.RowCompareExpr r -> {
                int n = r.ops().length;
                for (Expression a : r.left()) {
                    n += operators(a);
                }
                for (Expression a : r.right()) {
                    n += operators(a);
                }
                return n;
            }
            case FuncExpr f -> {
                int n = 1;
                for (Expression a : f.args()) {
                    n += operators(a);
                }
                return n;
            }
            case BoolExpr b -> {
                int n = 0;
                for (Expression a : b.args()) {
                    n += operators(a);
                }
                return n;
            }
            case CastExpr c -> {
                return operators(c.arg());
            }
            case NullTest n -> {
                return operators(n.arg());
            }
            default -> {
                // a parameter costs nothing to read (cost_qual_eval_walker charges no Param but a subplan's)
                return e instanceof ColumnVar || e instanceof Const || e instanceof org.tuskdb.sql.internal.expr.ParamRef
                    ? 0 : 1;
            }
        }
    }

    /**
     * Selectivity of a qual over rows of {@code table} (null: not a single table) whose columns
     * start at {@code offset} of the row the qual reads; PostgreSQL's defaults without statistics.
     */
    public double selectivity(Expression qual, TableDescriptor table, int offset) {
        if (qual == null) {
            return 1;
        }
        switch (qual) {
            case BoolExpr b when b.op() == BoolExpr.Op.AND -> {
                return andSelectivity(b.args(), table, offset);
            }
            case BoolExpr b when b.op() == BoolExpr.Op.OR -> {
                double s = 0;
                for (Expression a : b.args()) {
                    double s2 = selectivity(a, table, offset);
                    s = s + s2 - s * s2;
                }
                return s;
            }
            case BoolExpr b -> {
                return 1 - selectivity(b.args()[0], table, offset);
            }
            case NullTest n -> {
                return n.negated() ? 1 - DEFAULT_EQ_SEL : DEFAULT_EQ_SEL;
            }
            case FuncExpr f when f.args().length == 2 -> {
                String op = f.function().name();
                switch (op) {
                    case "=" -> {
                        if (table != null && uniqueColumn(table, column(f.args()[0], offset), column(f.args()[1], offset))) {
                            return 1 / tableRows(table);
                        }
                        return DEFAULT_EQ_SEL;
                    }
                    case "<>" -> {
                        return 1 - DEFAULT_EQ_SEL;
                    }
                    case "<", "<=", ">", ">=" -> {
                        return DEFAULT_INEQ_SEL;
                    }
                    case "~~", "~~*", "~", "~*" -> {
                        return DEFAULT_EQ_SEL;
                    }
                    case "!~~", "!~~*", "!~", "!~*" -> {
                        return 1 - DEFAULT_EQ_SEL;
                    }
                    default -> {
                        return DEFAULT_SEL;
                    }
                }
            }
            case Const c -> {
                return c.value() == null ? 0 : c.value() instanceof org.tuskdb.sql.internal.value.BoolValue bv && !bv.value() ? 0 : 1;
            }
            default -> {
                return DEFAULT_SEL;
            }
        }
    }

    /** AND: the product, except that {@code col > a AND col < b} on one column counts as one range (0.005). */
    private double andSelectivity(Expression[] args, TableDescriptor table, int offset) {
        double s = 1;
        boolean[] paired = new boolean[args.length];
        for (int i = 0; i < args.length; i++) {
            if (paired[i]) {
                continue;
            }
            int side = rangeSide(args[i]);
            if (side != 0) {
                int col = rangeColumn(args[i]);
                for (int j = i + 1; j < args.length; j++) {
                    if (!paired[j] && rangeSide(args[j]) == -side && rangeColumn(args[j]) == col) {
                        paired[i] = paired[j] = true;
                        s *= DEFAULT_RANGE_INEQ_SEL;
                        break;
                    }
                }
                if (paired[i]) {
                    continue;
                }
            }
            s *= selectivity(args[i], table, offset);
        }
        return s;
    }

    /** 1 for {@code col > x}, -1 for {@code col < x} (either operand order), 0 otherwise. */
    private static int rangeSide(Expression e) {
        if (!(e instanceof FuncExpr f) || f.args().length != 2) {
            return 0;
        }
        int dir = switch (f.function().name()) {
            case ">", ">=" -> 1;
            case "<", "<=" -> -1;
            default -> 0;
        };
        if (strip(f.args()[0]) instanceof ColumnVar) {
            return dir;
        }
        return strip(f.args()[1]) instanceof ColumnVar ? -dir : 0;
    }

    private static int rangeColumn(Expression e) {
        FuncExpr f = (FuncExpr) e;
        Expression a = strip(f.args()[0]);
        Expression b = strip(f.args()[1]);
        return a instanceof ColumnVar v ? v.index() : b instanceof ColumnVar w ? w.index() : -1;
    }

    private static Expression strip(Expression e) {
        while (e instanceof CastExpr c) {
            e = c.arg();
        }
        return e;
    }

    private static int column(Expression e, int offset) {
        return strip(e) instanceof ColumnVar v ? v.index() - offset : -1;
    }

    /** Whether one side is a column with a unique single-column index and the other no column. */
    private static boolean uniqueColumn(TableDescriptor t, int a, int b) {
        int col = a >= 0 && b < 0 ? a : b >= 0 && a < 0 ? b : -1;
        if (col < 0) {
            return false;
        }
        for (IndexDescriptor ix : t.indexes()) {
            if (ix.unique() && ix.plain() && ix.columns().length == 1 && ix.columns()[0] == col) {
                return true;
            }
        }
        return false;
    }

    /** Distinct values of an expression over {@code rows} rows without statistics. */
    static double distinct(double rows) {
        return Math.min(rows, DEFAULT_NUM_DISTINCT);
    }

    // ---- plan nodes -----------------------------------------------------------------------

    /** The node's estimate (memoized). */
    public Cost cost(Plan p) {
        Cost c = memo.get(p);
        if (c == null) {
            c = estimate(p);
            memo.put(p, c);
        }
        return c;
    }

    private Cost estimate(Plan p) {
        switch (p) {
            case SeqScanPlan s -> {
                TableDescriptor t = s.table();
                double rows = tableRows(t);
                double total = tablePages(t) * seqPageCost + rows * (cpuTupleCost + qualCost(s.qual()));
                double startup = methods.seqscan() ? 0 : PlannerMethods.DISABLE_COST;
                return new Cost(startup, PlannerMethods.penalized(total, methods.seqscan()), clampRows(rows * selectivity(s.qual(), t, 0)), dataWidth(t, s.used()));
            }
            case IndexScanPlan s -> {
                if (s.explainFallback() != null && atMostPages(s.table(), IndexScanPlan.SMALL_TABLE_PAGES)) {
                    return cost(s.explainFallback());
                }
                return indexScan(s);
            }
            case IndexListScanPlan l -> {
                if (l.explainFallback() != null && atMostPages(l.explainTable(), IndexScanPlan.SMALL_TABLE_PAGES)) {
                    return cost(l.explainFallback());
                }
                double startup = 0;
                double total = 0;
                double rows = 0;
                int width = 0;
                for (IndexScanPlan s : l.explainPoints()) {
                    Cost c = indexScan(s);
                    startup = Math.max(startup, c.startup());
                    total += c.total();
                    rows += c.rows();
                    width = c.width();
                }
                return new Cost(startup, total, clampRows(rows), width);
            }
            case GatePlan g -> {
                Cost in = cost(g.explainInput());
                double q = qualCost(g.explainCondition());
                return new Cost(in.startup() + q, in.total() + q, in.rows(), in.width());
            }
            case FilterPlan f when Planner.isDummy(f) -> {
                return new Cost(0, 0, 0, 0);
            }
            case FilterPlan f -> {
                Cost in = cost(f.explainInput());
                double rows = clampRows(in.rows() * selectivity(f.explainCondition(), null, 0));
                return new Cost(in.startup(), in.total() + in.rows() * qualCost(f.explainCondition()), rows, in.width());
            }
            case PlaceAtPlan pa -> {
                return cost(pa.explainInput());
            }
            case ProjectPlan pr -> {
                Cost in = cost(pr.explainInput());
                int w = 0;
                double perRow = 0;
                for (Expression e : pr.explainTargets()) {
                    w += typeWidth(e.type(), e.typmod());
                    perRow += e instanceof ColumnVar ? 0 : qualCost(e);
                }
                return new Cost(in.startup(), in.total() + in.rows() * perRow, in.rows(), w);
            }
            case SortPlan s -> {
                return sort(cost(s.explainInput()));
            }
            case LimitPlan l -> {
                Plan in = l.explainInput();
                while (in instanceof org.tuskdb.sql.internal.plan.explain.InstrumentPlan ip) {
                    in = ip.inner();
                }
                double bound = constant(l.explainLimit(), -1);
                if (in instanceof SortPlan sp && bound >= 0 && l.explainLimit() != null) {
                    // a sort under a LIMIT keeps only the first limit + offset rows (top-N heapsort)
                    memo.put(sp, sort(cost(sp.explainInput()), bound + constant(l.explainOffset(), 0)));
                    if (l.explainInput() != sp) {
                        memo.remove(l.explainInput()); // an instrumentation above the sort: recomputed from it
                    }
                }
                return limit(cost(l.explainInput()), l.explainLimit(), l.explainOffset());
            }
            case AggPlan a -> {
                Cost in = cost(a.explainInput());
                Expression[] keys = a.explainKeys();
                Aggregation.AggCall[] aggs = a.explainAggregates();
                int width = 0;
                for (Expression k : keys) {
                    width += typeWidth(k.type(), k.typmod());
                }
                for (Aggregation.AggCall c : aggs) {
                    width += typeWidth(c.function().resultType(), -1);
                }
                double perRow = cpuOperatorCost * (keys.length + aggs.length);
                if (keys.length == 0) {
                    double startup = in.total() + in.rows() * cpuOperatorCost * aggs.length;
                    return new Cost(startup, startup + cpuTupleCost, 1, width);
                }
                double groups = groups(in.rows(), keys.length);
                if (a.explainSorted()) {
                    // cost_agg's AGG_SORTED: groups come out as the sorted input is read
                    double total = in.total() + in.rows() * perRow + groups * cpuTupleCost;
                    return new Cost(in.startup(), total, groups, width);
                }
                double startup = PlannerMethods.penalized(in.total() + in.rows() * perRow, methods.hashagg());
                return new Cost(startup, startup + groups * cpuTupleCost, groups, width);
            }
            case LockRowsPlan lr -> {
                Cost in = cost(lr.explainInput()); // create_lockrows_path: cpu_tuple_cost per row
                return new Cost(in.startup(), in.total() + in.rows() * cpuTupleCost, in.rows(), in.width());
            }
            case UniquePlan u -> {
                Cost in = cost(u.explainInput());
                double groups = groups(in.rows(), u.explainColumns());
                double startup = in.total() + in.rows() * cpuOperatorCost * u.explainColumns();
                return new Cost(startup, startup + groups * cpuTupleCost, groups, in.width());
            }
            case DistinctOnPlan d -> {
                Cost in = cost(d.explainInput());
                double groups = groups(in.rows(), d.explainKeys().length);
                return new Cost(in.startup(), in.total() + in.rows() * cpuOperatorCost * d.explainKeys().length, groups,
                    in.width());
            }
            case WindowPlan w -> {
                Cost in = sort(cost(w.explainInput()));
                double perRow = cpuOperatorCost * w.explainCalls().length + cpuTupleCost;
                return new Cost(in.startup(), in.total() + in.rows() * perRow, in.rows(),
                    in.width() + 8 * w.explainCalls().length);
            }
            case PartitionAppendPlan a -> {
                return append(a);
            }
            case SetOpPlan s -> {
                Cost append = append(s);
                if (s.explainAll() && s.explainKind() == org.tuskdb.sql.internal.ast.Statement.SetOpKind.UNION) {
                    return append;
                }
                Cost l = cost(s.explainLeft());
                Cost r = cost(s.explainRight());
                double rows = switch (s.explainKind()) {
                    case UNION -> l.rows() + r.rows();
                    case INTERSECT -> Math.min(l.rows(), r.rows());
                    case EXCEPT -> l.rows();
                };
                double startup = append.total() + append.rows() * cpuOperatorCost * Math.max(1, append.width() / 4);
                return new Cost(startup, startup + rows * cpuTupleCost, clampRows(rows), append.width());
            }
            case HashJoinPlan h -> {
                return hashJoin(h);
            }
            case NestedLoopJoinPlan n -> {
                Cost outer = cost(n.explainOuter());
                Cost inner = cost(n.explainInner());
                double pairs = outer.rows() * inner.rows();
                double rows = pairs * joinSelectivity(n.explainQual(), outer.rows(), inner.rows());
                if (n.explainEmitsUnmatchedOuter()) {
                    rows = Math.max(rows, outer.rows());
                }
                if (n.explainEmitsUnmatchedInner()) {
                    rows = Math.max(rows, inner.rows());
                }
                // the inner side is materialized once (2 cpu_operator_cost a row), re-read per outer row
                double materialized = inner.total() + 2 * cpuOperatorCost * inner.rows();
                double rescans = Math.max(0, outer.rows() - 1) * cpuOperatorCost * inner.rows();
                double total = outer.total() + materialized + rescans
                    + pairs * (cpuTupleCost + qualCost(n.explainQual()));
                total = PlannerMethods.penalized(total, methods.nestloop());
                return new Cost(PlannerMethods.penalized(outer.startup() + inner.startup(), methods.nestloop()), total, clampRows(rows), outer.width() + inner.width());
            }
            case MergeJoinPlan m -> {
                return mergeJoin(m);
            }
            case ValuesPlan v -> {
                int n = v.explainRows().size();
                int width = 0;
                if (n > 0) {
                    for (Expression e : v.explainRows().get(0)) {
                        width += typeWidth(e.type(), e.typmod());
                    }
                }
                return new Cost(0, n * (cpuOperatorCost + cpuTupleCost), clampRows(n), width);
            }
            case ResultPlan r -> {
                return new Cost(0, cpuTupleCost, 1, 0);
            }
            case ModifyTablePlan m -> {
                Cost in = cost(m.explainInput());
                return new Cost(in.startup(), in.total(), 0, 0);
            }
            case IndexPaths.FirstNonNullPlan f -> {
                return limitRows(cost(f.explainInput()), 1, 0);
            }
            case ViewScanPlan v -> {
                return new Cost(0, 1000 * cpuTupleCost, 1000, dataWidth(v.explainView(), null));
            }
            case ModifyTargetScanPlan m -> {
                return cost(m.explainInput());
            }
            case PartitionTargetScanPlan m -> {
                return cost(m.explainInput());
            }
            default -> {
                if (p instanceof org.tuskdb.sql.internal.plan.explain.InstrumentPlan ip) {
                    return cost(ip.inner());
                }
                if (p instanceof ModifyingCtePlan w) {
                    return cost(w.explainMain());
                }
                return new Cost(0, 1000 * cpuTupleCost, 1000, 32);
            }
        }
    }

    /** Rows of a join whose pairs pass {@code qual}: equalities 1/max(distinct), others the defaults. */
    double joinSelectivity(Expression qual, double outerRows, double innerRows) {
        if (qual == null) {
            return 1;
        }
        double s = 1;
        for (Expression c : IndexPaths.conjuncts(qual)) {
            if (c instanceof FuncExpr f && f.args().length == 2 && f.function().name().equals("=")
                && strip(f.args()[0]) instanceof ColumnVar && strip(f.args()[1]) instanceof ColumnVar) {
                s *= 1 / Math.max(distinct(outerRows), distinct(innerRows));
            } else {
                s *= selectivity(c, null, 0);
            }
        }
        return s;
    }

    /** Groups of {@code keys} key columns over {@code rows} input rows: 200 per column, at most the rows. */
    static double groups(double rows, int keys) {
        return clampRows(Math.min(rows, Math.pow(DEFAULT_NUM_DISTINCT, keys)));
    }

    /**
     * The Append of a set operation's two inputs: their costs plus half a cpu_tuple_cost per row
     * (PostgreSQL's APPEND_CPU_COST_MULTIPLIER); a set operation that is not UNION ALL reads its
     * inputs as subquery scans, a cpu_tuple_cost more per row.
     */
    public Cost append(SetOpPlan s) {
        Cost l = cost(s.explainLeft());
        Cost r = cost(s.explainRight());
        double rows = l.rows() + r.rows();
        boolean plain = s.explainAll() && s.explainKind() == org.tuskdb.sql.internal.ast.Statement.SetOpKind.UNION;
        double total = l.total() + r.total() + rows * cpuTupleCost * (plain ? 0.5 : 1.5);
        return new Cost(l.startup(), total, clampRows(rows), Math.max(l.width(), r.width()));
    }

    /**
     * The Append of a partitioned table's leaves (cost_append, unordered): every scan the plan
     * holds (startup pruning is not foreseen), half a cpu_tuple_cost per row above them.
     */
    public Cost append(PartitionAppendPlan a) {
        double startup = 0;
        double total = 0;
        double rows = 0;
        int width = 0;
        for (int i = 0; i < a.explainScans().size(); i++) {
            Cost c = cost(a.explainScans().get(i));
            if (i == 0) {
                startup = c.startup();
            }
            total += c.total();
            rows += c.rows();
            width = Math.max(width, c.width());
        }
        return new Cost(startup, total + rows * cpuTupleCost * 0.5, clampRows(rows), width);
    }

    /** A sort keeping only the first {@code bound} rows: a bounded heap, N log2(2 bound) comparisons. */
    public Cost sort(Cost in, double bound) {
        if (bound * 2 >= in.rows() || bound < 1) {
            return sort(in);
        }
        double startup = PlannerMethods.penalized(
            in.total() + 2 * cpuOperatorCost * in.rows() * (Math.log(2 * bound) / Math.log(2)), methods.sort());
        return new Cost(startup, startup + cpuOperatorCost * in.rows(), in.rows(), in.width());
    }

    /** cost_sort in memory: 2 cpu_operator_cost a comparison, N log2 N comparisons. */
    public Cost sort(Cost in) {
        double n = Math.max(in.rows(), 2);
        double startup = PlannerMethods.penalized(in.total() + 2 * cpuOperatorCost * n * (Math.log(n) / Math.log(2)),
            methods.sort());
        return new Cost(startup, startup + cpuOperatorCost * in.rows(), in.rows(), in.width());
    }

    /** A LIMIT: the fraction of its input's run cost it takes (a parameter: 10% of the rows, as PostgreSQL). */
    Cost limit(Cost in, Expression limit, Expression offset) {
        return limitRows(in, limit == null ? in.rows() : constant(limit, in.rows() * 0.1), constant(offset, 0));
    }

    Cost limitRows(Cost in, double lim, double off) {
        double rows = Math.max(0, Math.min(in.rows() - off, lim));
        double run = in.total() - in.startup();
        double perRow = in.rows() > 0 ? run / in.rows() : 0;
        double startup = in.startup() + perRow * Math.min(off, in.rows());
        double total = startup + perRow * rows;
        return new Cost(startup, total, clampRows(rows), in.width());
    }

    private static double constant(Expression e, double dflt) {
        if (e instanceof Const c && c.value() instanceof org.tuskdb.sql.internal.value.IntegerValue i) {
            return i.value();
        }
        if (e instanceof CastExpr c && c.arg() instanceof Const k && k.value() != null) {
            try {
                return Double.parseDouble(k.value().toString());
            } catch (NumberFormatException ex) {
                return dflt;
            }
        }
        return e == null ? 0 : dflt;
    }

    /** An index scan: descent, index pages and tuples by the bounds' selectivity, one heap page per tuple. */
    Cost indexScan(IndexScanPlan s) {
        TableDescriptor t = s.table();
        double n = tableRows(t);
        IndexDescriptor ix = s.index();
        double sel;
        int quals = s.explainEquals().length + (s.explainLower() != null ? 1 : 0) + (s.explainUpper() != null ? 1 : 0);
        if (ix.unique() && s.explainEquals().length == ix.columns().length) {
            sel = 1 / n;
        } else {
            sel = Math.pow(DEFAULT_EQ_SEL, s.explainEquals().length);
            if (s.explainLower() != null && s.explainUpper() != null) {
                sel *= DEFAULT_RANGE_INEQ_SEL;
            } else if (s.explainLower() != null || s.explainUpper() != null) {
                sel *= DEFAULT_INEQ_SEL;
            }
        }
        double tuples = clampRows(n * sel);
        double indexPages = Math.max(1, Math.ceil(n / 300));
        double height = Math.floor(Math.log(indexPages) / Math.log(300)); // a root-only index is height 0
        // the descent: log2 of the index's tuples; a table that counts as 10 pages but is smaller
        // has (as in PostgreSQL) an index of one page, so that page's capacity
        double indexTuples = n;
        if (sizes.pages(t) < EMPTY_TABLE_PAGES) {
            int keyWidth = 0;
            for (int k = 0; k < ix.columns().length; k++) {
                int c = ix.columns()[k];
                keyWidth += c >= 0 ? typeWidth(t.columns().get(c).type(), t.columns().get(c).typmod())
                    : typeWidth(ix.expression(k).type(), ix.expression(k).typmod());
            }
            int tupleWidth = ((keyWidth + 8 + 7) / 8) * 8 + ITEM_ID;
            indexTuples = Math.min(n, Math.floor((double) (BLCKSZ - PAGE_HEADER - 16) / tupleWidth));
        }
        double startup = Math.ceil(Math.log(Math.max(indexTuples, 2)) / Math.log(2)) * cpuOperatorCost
            + (height + 1) * 50 * cpuOperatorCost;
        double pagesRead = Math.max(1, Math.ceil(indexPages * sel));
        double heapPages = Math.min(tuples, tablePages(t) * 2);
        double run = pagesRead * randomPageCost + tuples * (cpuIndexTupleCost + cpuOperatorCost * quals)
            + heapPages * randomPageCost + tuples * (cpuTupleCost + qualCost(s.qual()));
        double rows = s.qual() == null ? tuples
            : ix.unique() && s.explainEquals().length == ix.columns().length ? 1 : clampRows(n * selectivity(s.qual(), t, 0));
        return new Cost(startup, startup + run, Math.min(rows, tuples), dataWidth(t, s.used()));
    }

    /**
     * A hash join, as final_cost_hashjoin without statistics: building costs a hash and a tuple
     * per build row; each probe row hashes and compares against half a bucket, a bucket being a
     * tenth of the build rows (PostgreSQL's guess without statistics) unless the build key is
     * unique (then one row).
     */
    Cost hashJoin(HashJoinPlan h) {
        Cost probe = cost(h.explainProbe());
        Cost build = cost(h.explainBuild());
        Expression[] pk = h.explainProbeKeys();
        Expression[] bk = h.explainBuildKeys();
        double sel = 1;
        boolean unique = false;
        for (int i = 0; i < pk.length; i++) {
            sel /= Math.max(distinct(h.explainProbe(), pk[i], probe.rows()), distinct(h.explainBuild(), bk[i], build.rows()));
            unique |= uniqueKey(h.explainBuild(), bk[i]);
        }
        double rows = probe.rows() * build.rows() * sel;
        if (h.explainEmitsUnmatchedProbe()) {
            rows = Math.max(rows, probe.rows());
        }
        if (h.explainEmitsUnmatchedBuild()) {
            rows = Math.max(rows, build.rows());
        }
        int keys = pk.length;
        double startup = PlannerMethods.penalized(
            build.total() + build.rows() * (cpuOperatorCost * keys + cpuTupleCost) + probe.startup(), methods.hashjoin());
        double bucketRows = unique ? 1 : clampRows(build.rows() * 0.1);
        double run = probe.total() - probe.startup() + probe.rows() * cpuOperatorCost * keys
            + cpuOperatorCost * keys * probe.rows() * bucketRows * 0.5 + rows * cpuTupleCost;
        return new Cost(startup, startup + run, clampRows(rows), probe.width() + build.width());
    }

    /** A merge join: its inputs (sorted by it when they need it) read once, each pair of equal keys checked. */
    Cost mergeJoin(MergeJoinPlan m) {
        Cost outer = cost(m.outer());
        Cost inner = cost(m.inner());
        if (m.sortOuter()) {
            outer = sort(outer);
        }
        if (m.sortInner()) {
            inner = sort(inner);
        }
        int keys = m.outerKeys().length;
        double sel = 1;
        for (int i = 0; i < keys; i++) {
            sel /= Math.max(distinct(m.outer(), m.outerKeys()[i], outer.rows()),
                distinct(m.inner(), m.innerKeys()[i], inner.rows()));
        }
        double rows = outer.rows() * inner.rows() * sel;
        if (m.emitUnmatchedOuter()) {
            rows = Math.max(rows, outer.rows());
        }
        if (m.emitUnmatchedInner()) {
            rows = Math.max(rows, inner.rows());
        }
        double startup = PlannerMethods.penalized(outer.startup() + inner.startup(), methods.mergejoin());
        // an outer row costs a comparison more than an inner one (it is compared with its group's
        // first inner row again): so the smaller input goes outside, as PostgreSQL's estimates put it
        double total = outer.total() + inner.total() + (2 * outer.rows() + inner.rows()) * cpuOperatorCost * keys
            + rows * (cpuTupleCost + qualCost(m.qual()));
        total = PlannerMethods.penalized(total, methods.mergejoin());
        return new Cost(startup, total, clampRows(rows), outer.width() + inner.width());
    }

    /** Distinct values of a join key over the rows of {@code input}: all of them for a unique column, else at most 200. */
    double distinct(Plan input, Expression key, double rows) {
        return uniqueKey(input, key) ? rows : distinct(rows);
    }

    /** Whether {@code key} is a column of a table scanned by {@code input} with a unique single-column index. */
    static boolean uniqueKey(Plan input, Expression key) {
        int offset = 0;
        Plan p = input;
        while (true) {
            if (p instanceof org.tuskdb.sql.internal.plan.explain.InstrumentPlan ip) {
                p = ip.inner();
            } else if (p instanceof FilterPlan f) {
                p = f.explainInput();
            } else if (p instanceof PlaceAtPlan pa) {
                offset = pa.explainLo();
                p = pa.explainInput();
            } else {
                break;
            }
        }
        TableDescriptor t = p instanceof SeqScanPlan s ? s.table() : p instanceof IndexScanPlan s ? s.table()
            : p instanceof IndexListScanPlan l ? l.explainTable() : null;
        int col = column(key, offset);
        return t != null && col >= 0 && uniqueColumn(t, col, -1);
    }
}
