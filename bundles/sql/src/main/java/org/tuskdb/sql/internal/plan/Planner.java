package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.analyze.ExplainStatement;
import org.tuskdb.sql.internal.analyze.ModifyQuery;
import org.tuskdb.sql.internal.analyze.Aggregation;
import org.tuskdb.sql.internal.analyze.FromNode;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.ast.Statement.JoinKind;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.plan.explain.ExplainOptions;
import org.tuskdb.sql.internal.plan.explain.ExplainPlan;
import org.tuskdb.sql.internal.plan.explain.InstrumentPlan;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Query to plan: source (Result, Values, a set operation, or the FROM tree) → Agg → Filter
 * (HAVING) → Project → Unique / Sort + DistinctOn → Sort → Limit.
 *
 * <p>The inner joins of a FROM are ordered by cost ({@link JoinOrder}); outer joins keep their
 * place. WHERE conjuncts are pushed down as far as they can go: to the scan of the one relation
 * they read, or to the lowest join that has all they read — never below the nullable side of an
 * outer join (they stay above it as a filter). ON conjuncts stay at their join, except those of
 * an inner join (and those reading only the nullable side of an outer join), which go down the
 * same way. A join with an equality clause between its two sides whose operand types hash alike
 * is the cheapest by the {@link CostModel} of a hash join (either side built) and a merge join;
 * anything else a nested loop over the materialized inner side. Table sizes come from the heap
 * (PostgreSQL's never-vacuumed estimate) until ANALYZE statistics exist. Planning for EXPLAIN
 * records sort keys and aliases for the output, and for EXPLAIN ANALYZE puts an
 * {@link InstrumentPlan} above every node.
 */
public final class Planner {
    /** Instrument every node (EXPLAIN ANALYZE); with timing. */
    private final boolean instrument;
    private final boolean timing;
    /** EXPLAIN: the sort keys of each Sort made (SortPlan keeps only its comparator); else null. */
    private final Map<Plan, List<Query.SortKey>> sortKeys;
    /** EXPLAIN: the alias of each scan of an aliased table (FROM t AS x); else null. */
    private final Map<Plan, String> aliases;
    private final RelationSizes sizes;
    private final java.util.function.UnaryOperator<String> settings;
    /** Made on first use: a single-table statement (the hot path) never needs it. */
    private CostModel model;
    /** Computes the constant parts of every expression the plan takes (eval_const_expressions). */
    private final ConstantFolder folder;
    /** The enable_* switches of the session (PlannerMethods.ALL without one). */
    private final PlannerMethods methods;

    private Planner(boolean instrument, boolean timing, Map<Plan, List<Query.SortKey>> sortKeys, RelationSizes sizes,
                    java.util.function.UnaryOperator<String> settings, ConstantFolder folder) {
        this.folder = folder == null ? ConstantFolder.generic() : folder;
        this.aliases = sortKeys == null ? null : new IdentityHashMap<>();
        this.instrument = instrument;
        this.timing = timing;
        this.sortKeys = sortKeys;
        this.sizes = sizes;
        this.settings = settings;
        this.methods = PlannerMethods.of(settings);
    }

    private CostModel model() {
        if (model == null) {
            model = new CostModel(sizes, settings);
        }
        return model;
    }

    private static Planner ordinary(RelationSizes sizes, java.util.function.UnaryOperator<String> settings,
                                    ConstantFolder folder) {
        return new Planner(false, false, null, sizes, settings, folder);
    }

    /** A plan and the columns it returns (the first {@code columns.size()} of each row). */
    public record PlannedQuery(Plan root, List<ResultColumn> columns) {}

    private static final double DEFAULT_ROWS = 1000;

    public static PlannedQuery plan(Query q) {
        return plan(q, RelationSizes.UNKNOWN);
    }

    /** Plans with the tables' current sizes (the join order and methods depend on them). */
    public static PlannedQuery plan(Query q, RelationSizes sizes) {
        return plan(q, sizes, null);
    }

    /** ... and the session's cost settings (seq_page_cost and friends; null: PostgreSQL's defaults). */
    public static PlannedQuery plan(Query q, RelationSizes sizes, java.util.function.UnaryOperator<String> settings) {
        return plan(q, sizes, settings, null);
    }

    /** ... folding constants with the session's folder (a custom plan's has the parameter values). */
    public static PlannedQuery plan(Query q, RelationSizes sizes, java.util.function.UnaryOperator<String> settings,
                                    ConstantFolder folder) {
        return ordinary(sizes, settings, folder).planQuery(q);
    }

    /**
     * EXPLAIN: plans the statement (instrumented under ANALYZE) and wraps it in an ExplainPlan,
     * whose rows are the text lines of "QUERY PLAN".
     */
    public static PlannedQuery plan(ExplainStatement e, RelationSizes sizes,
                                    java.util.function.UnaryOperator<String> settings) {
        return plan(e, sizes, settings, null);
    }

    public static PlannedQuery plan(ExplainStatement e, RelationSizes sizes,
                                    java.util.function.UnaryOperator<String> settings, ConstantFolder folder) {
        long t0 = System.nanoTime();
        ExplainOptions o = e.options();
        Planner p = new Planner(o.analyze(), o.timing(), new IdentityHashMap<>(), sizes, settings, folder);
        Plan root = switch (e.statement()) {
            case Query q -> p.planQuery(q).root();
            case ModifyQuery m -> p.planModify(m).root();
            default -> throw new IllegalArgumentException("not explainable");
        };
        double millis = (System.nanoTime() - t0) / 1e6;
        return new PlannedQuery(new ExplainPlan(root, o, p.sortKeys, p.aliases, millis,
            e.statement() instanceof ModifyQuery || e.statement() instanceof Query q && !q.modifyingCtes().isEmpty()),
            List.of(new ResultColumn("QUERY PLAN", o.resultType(), -1)));
    }

    /** The node as built, or under EXPLAIN ANALYZE with its instrumentation above it. */
    private Plan n(Plan p) {
        if (!instrument) {
            return p;
        }
        if (p instanceof SeqScanPlan s && s.qual() != null && s.rowLock() == null) {
            // counted apart so that "Rows Removed by Filter" is known; EXPLAIN shows it as the scan's Filter
            return new InstrumentPlan(new FilterPlan(new InstrumentPlan(new SeqScanPlan(s.table(), null, null, s.used()),
                timing), s.qual()), timing);
        }
        return new InstrumentPlan(p, timing);
    }

    /**
     * A table's scan named for EXPLAIN; the leaf scans of a partitioned table take the parent's
     * alias (or name), numbered {@code _1}, {@code _2}, ... when several remain, as PostgreSQL
     * names the child relations of an append rel (a single surviving leaf keeps the bare name).
     */
    private Plan alias(Plan scan, TableDescriptor t, String alias) {
        if (!t.partitioned()) {
            return alias(scan, alias);
        }
        if (instrument && scan instanceof PartitionAppendPlan a) {
            scan = a.mapScans(this::n); // EXPLAIN ANALYZE counts each leaf's scan
        }
        if (aliases == null) {
            return scan;
        }
        String base = alias != null ? alias : t.name();
        List<Plan> leaves = new ArrayList<>();
        partitionLeafScans(scan, leaves);
        for (int i = 0; i < leaves.size(); i++) {
            aliases.put(leaves.get(i), leaves.size() == 1 ? base : base + "_" + (i + 1));
        }
        if (scan instanceof PartitionAppendPlan a) {
            aliases.put(a, base); // startup pruning renumbers the leaves that remain (Explainer)
        }
        return scan;
    }

    /**
     * EXPLAIN names of the leaf scans of UPDATE / DELETE / MERGE through partitioned {@code t}:
     * {@code t_1}, {@code t_2}, ... even for one leaf, since the parent is the statement's result
     * relation and keeps its own name (set_rtable_names over every relation the plan refers to).
     */
    private Plan aliasTargets(Plan scan, TableDescriptor t) {
        if (aliases != null && scan instanceof PartitionTargetScanPlan pt) {
            for (int i = 0; i < pt.explainScans().size(); i++) {
                aliases.put(pt.explainScans().get(i), t.name() + "_" + (i + 1));
            }
            if (pt.explainInput() instanceof PartitionAppendPlan a) {
                aliases.put(a, t.name()); // a startup-pruned Append renumbers what remains
            }
        }
        return scan;
    }

    private static void partitionLeafScans(Plan p, List<Plan> out) {
        if (p instanceof PartitionAppendPlan a) {
            for (Plan s : a.explainScans()) {
                partitionLeafScans(s, out);
            }
        } else if (p instanceof InstrumentPlan ip) {
            partitionLeafScans(ip.inner(), out); // the name is the scan's, under its instrumentation
        } else if (p instanceof FilterPlan f) {
            partitionLeafScans(f.explainInput(), out);
        } else {
            out.add(p);
        }
    }

    private Plan alias(Plan scan, String alias) {
        if (aliases != null && alias != null) {
            aliases.put(scan, alias);
        }
        return scan;
    }

    private Plan sort(Plan input, List<Query.SortKey> keys) {
        SortPlan s = new SortPlan(input, keys);
        if (sortKeys != null) {
            sortKeys.put(s, keys);
        }
        return n(s);
    }

    private PlannedQuery planQuery(Query q) {
        if (!q.modifyingCtes().isEmpty()) {
            PlannedQuery main = planQuery(q.withModifyingCtes(List.of()));
            return new PlannedQuery(withModifyingCtes(q.modifyingCtes(), main.root()), main.columns());
        }
        Plan p;
        boolean indexOrdered = false;
        // PostgreSQL's order: the target list, then the quals, HAVING, LIMIT / OFFSET (the first error wins)
        List<Expression> targets = folder.fold(q.targets());
        if (q.setOperation() != null) {
            var so = q.setOperation();
            Plan l = new ProjectPlan(planQuery(so.left()).root(), so.leftProjection());
            Plan r = new ProjectPlan(planQuery(so.right()).root(), so.rightProjection());
            p = n(new SetOpPlan(so.kind(), so.all(), n(l), n(r), so.leftProjection().length));
        } else if (q.from() != null) {
            List<FromNode.Conjunct> quals = foldQuals(q.quals());
            List<FromNode.Conjunct> top = new ArrayList<>();
            List<FromNode.Conjunct> down = new ArrayList<>();
            for (FromNode.Conjunct c : quals == null ? List.<FromNode.Conjunct>of() : quals) {
                (c.bases().isEmpty() ? top : down).add(c);
            }
            // a table alone comes back uninstrumented, so IndexPaths can still turn its scan into an ordered one
            boolean rawScan = q.from() instanceof FromNode.BaseRel b && b.relation() instanceof TableDescriptor;
            if (quals == null) {
                p = dummy(); // WHERE is constant FALSE or NULL: PostgreSQL's dummy relation
            } else {
                p = planNode(q.from(), down, q.width()).plan;
            }
            if (quals == null) {
                // nothing to add
            } else if (!top.isEmpty()) {
                // conditions that read no relation of the level: checked once (PostgreSQL's gating Result)
                p = n(new GatePlan(rawScan ? n(p) : p, and(top)));
            } else {
                // index paths that need the whole query: ORDER BY [LIMIT] and min/max (IndexPaths)
                Plan o = q.aggregation() != null ? IndexPaths.minMax(p, q.aggregation(), methods)
                    : q.windows().isEmpty() && q.distinctOn() == null && !q.distinct()
                        ? IndexPaths.orderedScan(p, q.sort(), targets, q.limit() != null, methods) : null;
                if (o != null) {
                    if (aliases != null && aliases.containsKey(p)) {
                        aliases.put(o, aliases.get(p));
                    }
                    p = n(o);
                    indexOrdered = q.aggregation() == null;
                } else if (rawScan) {
                    p = n(p);
                }
            }
        } else if (q.valuesRows() != null) {
            p = n(new ValuesPlan(foldRows(q.valuesRows())));
        } else {
            p = n(new ResultPlan());
            Expression where = folder.fold(q.where());
            if (where != null && !ConstantFolder.isTrue(where)) {
                p = n(new FilterPlan(p, where));
            }
        }
        Aggregation agg = q.aggregation();
        if (agg != null) {
            Expression[] keys = folder.fold(agg.keys()).toArray(new Expression[0]);
            List<Query.SortKey> groupOrder = methods.hashagg() ? null : groupOrder(keys, q, targets);
            if (groupOrder != null) {
                // enable_hashagg off: PostgreSQL's GroupAggregate over a Sort of the group keys
                p = n(new AggPlan(sort(p, groupOrder), keys, foldAggregates(agg.aggregates()), true));
                indexOrdered |= sortsAsOrderBy(groupOrder, keys, q, targets);
            } else {
                p = n(new AggPlan(p, keys, foldAggregates(agg.aggregates())));
            }
            Expression having = folder.fold(agg.having());
            if (having != null && !ConstantFolder.isTrue(having)) {
                p = n(new FilterPlan(p, ConstantFolder.isFalseOrNull(having) ? FALSE : having));
            }
        }
        if (!q.windows().isEmpty()) {
            int width = agg != null ? agg.keys().size() + agg.aggregates().size() : q.width();
            p = n(new WindowPlan(p, width, q.windows().toArray(new org.tuskdb.sql.internal.analyze.WindowCall[0])));
        }
        if (!q.srfs().isEmpty()) {
            int width = (agg != null ? agg.keys().size() + agg.aggregates().size() : q.width()) + q.windows().size();
            p = n(new ProjectSetPlan(p, width, q.srfs().toArray(new org.tuskdb.sql.internal.analyze.Query.SrfCall[0])));
        }
        boolean locks = LockRowsPlan.locks(q);
        p = n(new ProjectPlan(p, locks ? LockRowsPlan.projection(q, targets) : targets.toArray(new Expression[0])));
        if (q.distinctOn() != null) {
            p = sort(p, q.sort());
            p = n(new DistinctOnPlan(p, q.distinctOn()));
        } else {
            if (q.distinct()) {
                p = n(new UniquePlan(p, q.visible()));
            }
            if (!q.sort().isEmpty() && !indexOrdered) {
                p = sort(p, q.sort());
            }
        }
        if (locks) {
            p = n(LockRowsPlan.over(p, q));
        }
        if (q.limit() instanceof org.tuskdb.sql.internal.analyze.TiesLimit t) {
            p = n(new LimitPlan(p, folder.fold(t.count()), folder.fold(q.offset()), new RowComparator(q.sort())));
        } else if (q.limit() != null || q.offset() != null) {
            p = n(new LimitPlan(p, folder.fold(q.limit()), folder.fold(q.offset())));
        }
        return new PlannedQuery(p, q.columns());
    }

    /**
     * The order a GroupAggregate sorts its input in (enable_hashagg off), or null when a key is
     * not a plain column of the input row (it stays a hash aggregation, at disable_cost). As
     * PostgreSQL's preprocess_groupclause, an ORDER BY whose every item is an ascending (NULLS
     * LAST) group key puts those keys first, so the sort serves the ORDER BY as well.
     */
    private static List<Query.SortKey> groupOrder(Expression[] keys, Query q, List<Expression> targets) {
        if (keys.length == 0 || !q.windows().isEmpty() || !q.srfs().isEmpty()) {
            return null;
        }
        for (Expression k : keys) {
            if (!(k instanceof org.tuskdb.sql.internal.expr.ColumnVar)) {
                return null;
            }
        }
        List<Integer> order = new ArrayList<>();
        boolean complete = !q.sort().isEmpty();
        for (Query.SortKey sk : q.sort()) {
            int key = groupKeyOf(sk, keys, targets);
            if (key < 0 || sk.descending() || sk.nullsFirst() || order.contains(key)) {
                complete = false;
                break;
            }
            order.add(key);
        }
        if (!complete && order.size() < keys.length) {
            order.clear();
        }
        for (int i = 0; i < keys.length; i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        List<Query.SortKey> out = new ArrayList<>(keys.length);
        for (int i : order) {
            out.add(new Query.SortKey(((org.tuskdb.sql.internal.expr.ColumnVar) keys[i]).index(), false, false));
        }
        return out;
    }

    /** The group key an ORDER BY item names (a target that is the Agg's key column), or -1. */
    private static int groupKeyOf(Query.SortKey sk, Expression[] keys, List<Expression> targets) {
        Expression t = targets.get(sk.target());
        return t instanceof org.tuskdb.sql.internal.expr.ColumnVar v && v.index() < keys.length ? v.index() : -1;
    }

    /** Whether the GroupAggregate's output is already in the ORDER BY's order (no Sort above it). */
    private static boolean sortsAsOrderBy(List<Query.SortKey> groupOrder, Expression[] keys, Query q,
                                          List<Expression> targets) {
        if (q.sort().isEmpty() || q.distinct() || q.distinctOn() != null || q.sort().size() > groupOrder.size()) {
            return false;
        }
        for (int i = 0; i < q.sort().size(); i++) {
            Query.SortKey sk = q.sort().get(i);
            int key = groupKeyOf(sk, keys, targets);
            if (key < 0 || sk.descending() || sk.nullsFirst()
                || ((org.tuskdb.sql.internal.expr.ColumnVar) keys[key]).index() != groupOrder.get(i).target()) {
                return false;
            }
        }
        return true;
    }

    private static final Expression FALSE = new org.tuskdb.sql.internal.expr.Const(
        org.tuskdb.sql.internal.value.BoolValue.FALSE, PgType.BOOL, -1);

    Plan dummyPlan() {
        return dummy();
    }

    /** PostgreSQL's dummy relation, uninstrumented: what a scan whose every partition was pruned becomes. */
    static Plan emptyRelation() {
        return new FilterPlan(new ResultPlan(), FALSE);
    }

    /** Whether the plan is a dummy source (a FROM whose WHERE or inner-join ON is constant FALSE / NULL). */
    public static boolean isDummy(Plan p) {
        if (p instanceof PlaceAtPlan pa) {
            p = pa.explainInput();
        }
        if (p instanceof InstrumentPlan ip) {
            p = ip.inner();
        }
        return p instanceof FilterPlan f && f.explainCondition() == FALSE && (f.explainInput() instanceof ResultPlan
            || f.explainInput() instanceof InstrumentPlan ip && ip.inner() instanceof ResultPlan);
    }

    /** A source without rows (PostgreSQL's dummy path): Result with One-Time Filter: false. */
    private Plan dummy() {
        return n(new FilterPlan(n(new ResultPlan()), FALSE));
    }

    /**
     * The conjuncts with their constant parts folded, constant TRUE ones dropped; null when one
     * is constant FALSE or NULL (no row can qualify). As PostgreSQL folds an AND, a FALSE ends
     * the folding: the conjuncts after it are not looked at (so are not errors).
     */
    List<FromNode.Conjunct> foldQuals(List<FromNode.Conjunct> quals) {
        List<FromNode.Conjunct> out = null;
        boolean sawNull = false;
        for (int i = 0; i < quals.size(); i++) {
            FromNode.Conjunct c = quals.get(i);
            Expression f = ConstantFolder.canonicalizeQual(folder.fold(c.expr()));
            FromNode.Conjunct folded = c;
            if (f instanceof org.tuskdb.sql.internal.expr.Const k) {
                if (k.value() == null) {
                    sawNull = true;
                } else if (!((org.tuskdb.sql.internal.value.BoolValue) k.value()).value()) {
                    return null;
                }
                if (out == null) {
                    out = new ArrayList<>(quals.subList(0, i));
                }
                continue;
            }
            if (f != c.expr()) {
                if (c.hasOperands() && f instanceof org.tuskdb.sql.internal.expr.FuncExpr eq
                    && c.expr() instanceof org.tuskdb.sql.internal.expr.FuncExpr orig && eq.function() == orig.function()) {
                    folded = new FromNode.Conjunct(f, c.bases(), eq.args()[0], eq.args()[1], c.leftBases(), c.rightBases());
                } else {
                    folded = new FromNode.Conjunct(f, c.bases(), null, null, null, null);
                }
                if (out == null) {
                    out = new ArrayList<>(quals.subList(0, i));
                }
            }
            if (out != null && folded != null) {
                out.add(folded);
            }
        }
        if (sawNull) {
            return null;
        }
        return out == null ? quals : out;
    }

    /** The ON conjuncts of an outer join: folded, TRUE dropped, FALSE / NULL kept as a constant FALSE qual. */
    private List<FromNode.Conjunct> foldJoinQuals(List<FromNode.Conjunct> on) {
        List<FromNode.Conjunct> folded = foldQuals(on);
        return folded != null ? folded : List.of(new FromNode.Conjunct(FALSE, new BitSet(), null, null, null, null));
    }

    private List<Expression[]> foldRows(List<Expression[]> rows) {
        List<Expression[]> out = null;
        for (int i = 0; i < rows.size(); i++) {
            Expression[] r = rows.get(i);
            Expression[] f = folder.fold(r);
            if (f != r && out == null) {
                out = new ArrayList<>(rows.subList(0, i));
            }
            if (out != null) {
                out.add(f);
            }
        }
        return out == null ? rows : out;
    }

    private Aggregation.AggCall[] foldAggregates(List<Aggregation.AggCall> calls) {
        Aggregation.AggCall[] out = calls.toArray(new Aggregation.AggCall[0]);
        for (int i = 0; i < out.length; i++) {
            Aggregation.AggCall a = out[i];
            Expression[] args = folder.fold(a.args());
            Expression filter = folder.fold(a.filter());
            if (args != a.args() || filter != a.filter()) {
                out[i] = new Aggregation.AggCall(a.function(), args, a.distinct(), filter, a.order());
            }
        }
        return out;
    }

    record Planned(Plan plan, double rows) {}

    private static Expression and(List<FromNode.Conjunct> quals) {
        if (quals.isEmpty()) {
            return null;
        }
        if (quals.size() == 1) {
            return quals.get(0).expr();
        }
        List<Expression> args = new ArrayList<>();
        for (FromNode.Conjunct q : quals) {
            args.addAll(IndexPaths.conjuncts(q.expr())); // BETWEEN's AND: two clauses of the restriction list
        }
        return ordered(args.toArray(new Expression[0]));
    }

    /**
     * UPDATE / DELETE's WHERE in the order a scan's restriction list has (as a SELECT's quals:
     * equivalence-class equalities last, then cheaper first), so EXPLAIN shows PostgreSQL's Filter.
     */
    private static Expression orderedWhere(Expression where) {
        if (!(where instanceof BoolExpr b) || b.op() != BoolExpr.Op.AND) {
            return where;
        }
        return ordered(IndexPaths.conjuncts(where).toArray(new Expression[0]));
    }

    private static Expression ordered(Expression[] args) {
        EquivalenceOrder.equalitiesLast(args);
        // order_qual_clauses: cheaper quals first, the written order among equal costs (stable sort)
        java.util.Arrays.sort(args, java.util.Comparator.comparingInt(CostModel::operators));
        return new BoolExpr(BoolExpr.Op.AND, args);
    }

    static boolean within(BitSet refs, BitSet bases) {
        BitSet b = (BitSet) refs.clone();
        b.andNot(bases);
        return b.isEmpty();
    }

    /** Plans a FROM node with the conjuncts pushed to it (each reads only relations under it). */
    private Planned planNode(FromNode n, List<FromNode.Conjunct> quals, int total) {
        switch (n) {
            case FromNode.BaseRel b -> {
                Plan p;
                boolean alone = b.lo() == 0 && b.hi() == total;
                double rows = DEFAULT_ROWS * Math.pow(1.0 / 3, quals.size());
                if (b.relation() instanceof TableDescriptor t && alone) {
                    return new Planned(alias(IndexPaths.scan(t, and(quals), b.rowLock(), b.used(), methods), t,
                        b.alias()), rows);
                }
                if (b.relation() instanceof TableDescriptor t) {
                    p = n(alias(IndexPaths.scanInJoin(t, and(quals), b.lo(), b.rowLock(), b.used(), methods), t,
                        b.alias()));
                } else {
                    p = n(new ViewScanPlan((SystemView) b.relation()));
                }
                return new Planned(filter(place(p, b.lo(), b.hi(), total), quals), rows);
            }
            case FromNode.SubqueryRel s -> {
                Plan p = planQuery(s.query()).root();
                return new Planned(filter(place(p, s.lo(), s.hi(), total), quals), DEFAULT_ROWS);
            }
            case FromNode.FunctionRel f -> {
                Plan p = n(new FunctionScanPlan(f.function(), folder.fold(f.args()), f.scalar(), f.ordinality()));
                return new Planned(filter(place(p, f.lo(), f.hi(), total), quals), DEFAULT_ROWS);
            }
            case FromNode.WorkTableRel w -> {
                return new Planned(filter(place(n(new WorkTableScanPlan(w.workTable())), w.lo(), w.hi(), total), quals),
                    DEFAULT_ROWS);
            }
            case FromNode.CteScanRel c -> {
                return new Planned(filter(place(n(new CteScanPlan(c.cte(), c.alias())), c.lo(), c.hi(), total), quals),
                    DEFAULT_ROWS);
            }
            case FromNode.RecursiveRel r -> {
                int width = r.hi() - r.lo();
                Plan p = n(new RecursiveUnionPlan(planQuery(r.nonRecursive()).root(), planQuery(r.recursive()).root(), r.all(),
                    r.workTable(), width));
                return new Planned(filter(place(p, r.lo(), r.hi(), total), quals), DEFAULT_ROWS);
            }
            case FromNode.Lateral l -> {
                return planNode(l.inner(), quals, total);
            }
            case FromNode.Join j -> {
                if (j.right() instanceof FromNode.Lateral) {
                    return LateralJoinPlan.plan(this, j, quals, total);
                }
                if (j.kind() == JoinKind.INNER || j.kind() == JoinKind.CROSS) {
                    return JoinOrder.plan(this, j, quals, total);
                }
                return planJoin(j, quals, total);
            }
            case FromNode.ModifyTarget m -> {
                int slice = m.tidSlot() - m.lo();
                boolean[] used = slice > m.table().columns().size() ? SystemColumns.allUsed(m.table()) : null;
                Plan scan = aliasTargets(IndexPaths.scanForJoinTarget(m.table(), and(quals), used), m.table());
                return new Planned(new ModifyTargetScanPlan(scan, slice, total),
                    DEFAULT_ROWS * Math.pow(1.0 / 3, quals.size()));
            }
        }
    }

    private Plan place(Plan p, int lo, int hi, int total) {
        return lo == 0 && hi == total ? p : n(new PlaceAtPlan(p, lo, hi - lo, total));
    }

    private Plan filter(Plan p, List<FromNode.Conjunct> quals) {
        return quals.isEmpty() ? p : n(new FilterPlan(p, and(quals)));
    }

    private Planned planJoin(FromNode.Join j, List<FromNode.Conjunct> pushed, int total) {
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
        List<FromNode.Conjunct> on = foldJoinQuals(j.on());
        // ON constant FALSE: the nullable side has no row to offer (PostgreSQL makes it a dummy relation)
        boolean onFalse = on.size() == 1 && on.get(0).expr() == FALSE;
        for (FromNode.Conjunct c : on) {
            if (!c.bases().isEmpty() && (inner || leftNullable && kind != JoinKind.FULL) && within(c.bases(), lb)) {
                toLeft.add(c);
            } else if (!c.bases().isEmpty() && (inner || rightNullable && kind != JoinKind.FULL) && within(c.bases(), rb)) {
                toRight.add(c);
            } else {
                joinQuals.add(c);
            }
        }
        Planned l = onFalse && kind == JoinKind.RIGHT
            ? new Planned(place(dummy(), j.left().lo(), j.left().hi(), total), 0) : planNode(j.left(), toLeft, total);
        Planned r = onFalse && kind == JoinKind.LEFT
            ? new Planned(place(dummy(), j.right().lo(), j.right().hi(), total), 0) : planNode(j.right(), toRight, total);
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
            Expression[] lk = lKeys.toArray(new Expression[0]);
            Expression[] rk = rKeys.toArray(new Expression[0]);
            p = cheapestKeyedJoin(l.plan(), r.plan(), lk, rk, qual, j.left().lo(), j.left().hi(), j.right().lo(),
                j.right().hi(), rightNullable, leftNullable, true, true);
        } else if (kind == JoinKind.RIGHT) {
            p = n(new NestedLoopJoinPlan(r.plan(), l.plan(), qual, j.left().lo(), j.left().hi(), true, false));
        } else {
            p = n(new NestedLoopJoinPlan(l.plan(), r.plan(), qual, j.right().lo(), j.right().hi(), rightNullable,
                kind == JoinKind.FULL));
        }
        return new Planned(filter(p, after), rows);
    }

    /**
     * The cheapest equi-join of two inputs by the cost model: a hash join building on either side
     * (a side may be the build side only when its relations are one contiguous slice of the wide
     * row, {@code leftSlice} / {@code rightSlice}), or a merge join sorting both. {@code leftUnmatched}
     * / {@code rightUnmatched}: the rows of that side without a match are returned null-extended.
     */
    Plan cheapestKeyedJoin(Plan left, Plan right, Expression[] lk, Expression[] rk, Expression qual, int leftLo,
                           int leftHi, int rightLo, int rightHi, boolean leftUnmatched, boolean rightUnmatched,
                           boolean leftSlice, boolean rightSlice) {
        List<Plan> candidates = new ArrayList<>(3);
        if (rightSlice) {
            candidates.add(new HashJoinPlan(left, right, lk, rk, qual, rightLo, rightHi, leftUnmatched, rightUnmatched));
        }
        if (leftSlice) {
            candidates.add(new HashJoinPlan(right, left, rk, lk, qual, leftLo, leftHi, rightUnmatched, leftUnmatched));
        }
        if (rightSlice) {
            candidates.add(new MergeJoinPlan(left, right, lk, rk, qual, rightLo, rightHi, leftUnmatched, rightUnmatched,
                true, true));
        }
        if (!methods.hashjoin() && !methods.mergejoin()) {
            // both keyed methods cost disable_cost: a nested loop over either side (never for a FULL join)
            if (rightSlice && !rightUnmatched) {
                candidates.add(new NestedLoopJoinPlan(left, right, qual, rightLo, rightHi, leftUnmatched, false));
            }
            if (leftSlice && !leftUnmatched) {
                candidates.add(new NestedLoopJoinPlan(right, left, qual, leftLo, leftHi, rightUnmatched, false));
            }
        }
        return n(cheapest(candidates));
    }

    Plan cheapest(List<Plan> candidates) {
        Plan best = null;
        double bestCost = Double.MAX_VALUE;
        for (Plan c : candidates) {
            double t = model().cost(c).total();
            if (t < bestCost) {
                best = c;
                bestCost = t;
            }
        }
        return best;
    }

    Cost cost(Plan p) {
        return model().cost(p);
    }

    /** Plans a FROM item with the conjuncts pushed to it; for JoinOrder. */
    Plan planItem(FromNode item, List<FromNode.Conjunct> quals, int total) {
        return planNode(item, quals, total).plan();
    }

    Plan instrumented(Plan p) {
        return n(p);
    }

    Plan filtered(Plan p, List<FromNode.Conjunct> quals) {
        return filter(p, quals);
    }

    static Expression conjunction(List<FromNode.Conjunct> quals) {
        return and(quals);
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
    public static PlannedQuery plan(ModifyQuery m) {
        return plan(m, RelationSizes.UNKNOWN, null);
    }

    public static PlannedQuery plan(ModifyQuery m, RelationSizes sizes, java.util.function.UnaryOperator<String> settings) {
        return plan(m, sizes, settings, null);
    }

    public static PlannedQuery plan(ModifyQuery m, RelationSizes sizes, java.util.function.UnaryOperator<String> settings,
                                    ConstantFolder folder) {
        return ordinary(sizes, settings, folder).planModify(m);
    }

    /** The main plan under the ModifyTables of its data-modifying CTEs, which run first. */
    private Plan withModifyingCtes(List<org.tuskdb.sql.internal.analyze.ModifyingCte> ctes, Plan main) {
        List<Plan> plans = new ArrayList<>(ctes.size());
        for (org.tuskdb.sql.internal.analyze.ModifyingCte c : ctes) {
            plans.add(planModify(c.query()).root());
        }
        return new ModifyingCtePlan(ctes, plans, main);
    }

    private List<ModifyQuery.ViewCheck> foldChecks(List<ModifyQuery.ViewCheck> checks) {
        List<ModifyQuery.ViewCheck> out = new ArrayList<>(checks.size());
        for (ModifyQuery.ViewCheck c : checks) {
            out.add(new ModifyQuery.ViewCheck(c.view(), folder.fold(c.condition())));
        }
        return out;
    }

    private PlannedQuery planModify(ModifyQuery m) {
        if (!m.modifyingCtes().isEmpty()) {
            PlannedQuery main = planModify(m.withModifyingCtes(List.of()));
            return new PlannedQuery(withModifyingCtes(m.modifyingCtes(), main.root()), main.columns());
        }
        Plan source = null;
        // PostgreSQL's order: the target list (new values), RETURNING, then the quals
        Expression[] projection = folder.fold(m.projection());
        Expression[] newRow = folder.fold(m.newRow());
        Expression[] returning = m.returning().isEmpty() ? null : folder.fold(m.returning()).toArray(new Expression[0]);
        if (m.valuesRows() != null) {
            source = n(new ValuesPlan(foldRows(m.valuesRows())));
        } else if (m.source() != null) {
            source = planQuery(m.source()).root();
        }
        if (m.join() != null) {
            // UPDATE ... FROM / DELETE ... USING: the join of the target and the other items, as a SELECT's
            List<FromNode.Conjunct> quals = foldQuals(m.join().quals());
            List<FromNode.Conjunct> top = new ArrayList<>();
            List<FromNode.Conjunct> down = new ArrayList<>();
            for (FromNode.Conjunct c : quals == null ? m.join().quals() : quals) {
                (c.bases().isEmpty() ? top : down).add(c);
            }
            if (quals == null) {
                top = List.of(new FromNode.Conjunct(FALSE, new BitSet(), null, null, null, null));
            }
            Plan joined = filter(planNode(m.join().from(), down, m.join().width()).plan, top);
            if (m.kind() == org.tuskdb.sql.internal.analyze.ModifyQuery.Kind.MERGE) {
                List<org.tuskdb.sql.internal.analyze.ModifyQuery.MergeClause> clauses = new ArrayList<>();
                for (org.tuskdb.sql.internal.analyze.ModifyQuery.MergeClause c : m.merge()) {
                    clauses.add(new org.tuskdb.sql.internal.analyze.ModifyQuery.MergeClause(c.matched(),
                        folder.fold(c.condition()), c.action(), folder.fold(c.row())));
                }
                return new PlannedQuery(n(ModifyTablePlan.merge(m.table(), joined, m.join().tidSlot(),
                    folder.fold(m.where()), newRow, clauses).withForeignKeys(m.foreignKeys())), null);
            }
            return new PlannedQuery(n(ModifyTablePlan.joined(m.kind(), m.table(), joined, m.join().tidSlot(),
                folder.fold(m.where()), newRow, returning).withForeignKeys(m.foreignKeys())
                .withSystemColumns(m.systemColumns())), m.columns());
        }
        ModifyTablePlan plan = new ModifyTablePlan(m.kind(), m.table(), source, projection, orderedWhere(folder.fold(m.where())),
            newRow, returning, m.onConflict()).withForeignKeys(m.foreignKeys()).withSystemColumns(m.systemColumns())
            .withViewChecks(foldChecks(m.viewChecks()));
        aliasTargets(plan.explainInput(), m.table());
        return new PlannedQuery(n(plan), m.columns());
    }
}
