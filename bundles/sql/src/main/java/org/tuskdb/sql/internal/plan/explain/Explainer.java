package org.tuskdb.sql.internal.plan.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tuskdb.sql.internal.analyze.Aggregation;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.WindowCall;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.plan.AggPlan;
import org.tuskdb.sql.internal.plan.Cost;
import org.tuskdb.sql.internal.plan.CostModel;
import org.tuskdb.sql.internal.plan.DistinctOnPlan;
import org.tuskdb.sql.internal.plan.FilterPlan;
import org.tuskdb.sql.internal.plan.HashJoinPlan;
import org.tuskdb.sql.internal.plan.IndexPaths;
import org.tuskdb.sql.internal.plan.IndexScanPlan;
import org.tuskdb.sql.internal.plan.LimitPlan;
import org.tuskdb.sql.internal.plan.MergeJoinPlan;
import org.tuskdb.sql.internal.plan.ModifyTablePlan;
import org.tuskdb.sql.internal.plan.NestedLoopJoinPlan;
import org.tuskdb.sql.internal.plan.PlaceAtPlan;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.ProjectPlan;
import org.tuskdb.sql.internal.plan.RecursiveUnionPlan;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.plan.ResultPlan;
import org.tuskdb.sql.internal.plan.SeqScanPlan;
import org.tuskdb.sql.internal.plan.SetOpPlan;
import org.tuskdb.sql.internal.plan.SortPlan;
import org.tuskdb.sql.internal.plan.UniquePlan;
import org.tuskdb.sql.internal.plan.ValuesPlan;
import org.tuskdb.sql.internal.plan.ViewScanPlan;
import org.tuskdb.sql.internal.plan.WindowPlan;

/**
 * Renders a plan in PostgreSQL's EXPLAIN text format (explain.c): one line per node with its
 * PostgreSQL name, {@code  (cost=s..t rows=r width=w)}, under ANALYZE
 * {@code  (actual time=s..t rows=r loops=l)}; the node's properties (Filter, Index Cond, Hash
 * Cond, Sort Key, Group Key, ...) indented under it, children as {@code ->  } lines, each level
 * six columns deeper. Tusk nodes PostgreSQL has no equivalent of are folded: PlaceAt and
 * Project are transparent, a Filter becomes its input's Filter line (as PostgreSQL's quals live
 * on the scan or join), a HashJoin's build side is shown under a Hash node and a nested loop's
 * inner side under a Materialize (ours is always read into memory).
 */
public final class Explainer {
    private static final String SUBPLANS_REMOVED = "Subplans Removed: ";
    private final ExplainOptions options;
    private final CostModel model;
    private final Map<Plan, List<Query.SortKey>> sortKeys;
    private final EvalContext ctx;
    private final Deparser deparser;
    private boolean qualify;
    /** VERBOSE's Output lines qualify only when the statement reads several relations (PostgreSQL's rtable). */
    private boolean qualifyOutput;

    /** Each scan's alias (FROM t AS x), propagated to the nodes under it (an index scan's fallback). */
    private final Map<Plan, String> aliases = new IdentityHashMap<>();
    private final Map<Plan, String> given;
    private final Set<String> usedNames = new java.util.HashSet<>();
    /** The leaves of startup-pruned Appends, named again among the survivors ({@link #numberSurvivors}). */
    private final Map<Plan, String> numbered = new IdentityHashMap<>();

    public Explainer(ExplainOptions options, CostModel model, Map<Plan, List<Query.SortKey>> sortKeys,
                     Map<Plan, String> aliases, EvalContext ctx) {
        this.given = aliases == null ? Map.of() : aliases;
        this.options = options;
        this.model = model;
        this.sortKeys = sortKeys == null ? Map.of() : sortKeys;
        this.ctx = ctx;
        this.deparser = new Deparser(ctx.style(), this::subplan);
    }

    /** A subquery's plan shown under the node whose expression uses it ("SubPlan 1", "InitPlan 1 (returns $0)"). */
    private record Section(String label, Node root, boolean init) {}

    private int planIds;
    private Plan lastNamesPlan;
    private int initParams;
    /** Sections the expressions of the node being built use; null while names are computed (nothing shown). */
    private List<Section> pending;

    /** Deparses a subquery expression; when a node's property is being printed, its plan becomes a section. */
    private String subplan(org.tuskdb.sql.internal.plan.SubPlanExpr sp, String[] names) {
        if (pending == null) {
            return "(SubPlan)";
        }
        List<Section> mine = pending;
        Plan outerRow = lastNamesPlan;
        int id = ++planIds;
        String[] outerNames = names;
        if (outerRow != null) {
            // a reference to an enclosing level's column is always qualified, as ruleutils does
            boolean q = qualify;
            qualify = true;
            outerNames = names(outerRow);
            qualify = q;
        }
        org.tuskdb.sql.internal.plan.SubPlanExpr firstUse = null;
        var kind0 = sp.explainKind();
        if (!sp.explainCorrelated() && (kind0 == org.tuskdb.sql.internal.ast.Expr.SubLinkKind.EXPR
            || kind0 == org.tuskdb.sql.internal.ast.Expr.SubLinkKind.EXISTS)) {
            String shown = initPlanParams.get(sp);
            if (shown != null) {
                planIds--; // the same initplan read again (a partitioned table's leaves share the qual): one InitPlan
                return shown;
            }
            firstUse = sp;
        }
        deparser.outer.push(outerNames);
        Node root;
        try {
            root = level(node(sp.explainPlan()));
        } finally {
            deparser.outer.pop();
            lastNamesPlan = outerRow;
        }
        pending = mine;
        var kind = sp.explainKind();
        if (!sp.explainCorrelated() && (kind == org.tuskdb.sql.internal.ast.Expr.SubLinkKind.EXPR
            || kind == org.tuskdb.sql.internal.ast.Expr.SubLinkKind.EXISTS)) {
            int param = initParams++;
            mine.add(new Section("InitPlan " + id + " (returns $" + param + ")", root, true));
            initPlanParams.put(firstUse, "$" + param);
            return "$" + param;
        }
        mine.add(new Section("SubPlan " + id, root, false));
        return sp.explainHashed() ? "(hashed SubPlan " + id + ")" : "(SubPlan " + id + ")";
    }

    /** The initplans already shown, by their expression, with the parameter they return. */
    private final Map<org.tuskdb.sql.internal.plan.SubPlanExpr, String> initPlanParams = new IdentityHashMap<>();

    /**
     * The top node of one query level with the InitPlans of the nodes below it moved to it:
     * PostgreSQL attaches a level's initplans to its topmost plan node (SS_attach_initplans), so
     * {@code count(*) ... WHERE a = (SELECT 1)} shows them under the Aggregate, and a partitioned
     * table's leaves under the Append. The subplans' own levels are done when they are shown.
     */
    private Node level(Node top) {
        List<Section> found = new ArrayList<>();
        for (Node c : top.children) {
            hoist(c, found);
        }
        List<Section> init = new ArrayList<>();
        List<Section> rest = new ArrayList<>();
        for (Section s : top.sections) {
            (s.init() ? init : rest).add(s);
        }
        init.addAll(found);
        top.sections.clear();
        top.sections.addAll(init);
        top.sections.addAll(rest);
        return top;
    }

    private static void hoist(Node n, List<Section> out) {
        for (java.util.Iterator<Section> it = n.sections.iterator(); it.hasNext();) {
            Section s = it.next();
            if (s.init() && s.label().startsWith("InitPlan ")) {
                out.add(s);
                it.remove();
            }
        }
        for (Node c : n.children) {
            hoist(c, out);
        }
    }

    /** One node of the output tree. */
    private static final class Node {
        String label;
        Cost cost;
        InstrumentPlan.Stats stats;
        boolean instrumented;
        /** A scan: its quals name columns unqualified unless VERBOSE (PostgreSQL's show_scan_qual). */
        boolean scan;
        /** ANALYZE: the counters of the Filter's input, for "Rows Removed by Filter" after the line filterLine. */
        InstrumentPlan.Stats filterInput;
        String filterLine;
        final List<String> props = new ArrayList<>();
        /** The props that are lists (Output, Sort Key, Group Key), by identity, with their items for FORMAT JSON. */
        final Map<String, List<String>> lists = new IdentityHashMap<>();
        final List<Node> children = new ArrayList<>();
        final List<Section> sections = new ArrayList<>();

        Node(String label, Cost cost) {
            this.label = label;
            this.cost = cost;
        }

        /** A list property ("Sort Key: a, b"), its items kept for FORMAT JSON. */
        String list(String key, List<String> items) {
            String prop = key + ": " + String.join(", ", items);
            lists.put(prop, Collections.unmodifiableList(new ArrayList<>(items)));
            return prop;
        }
    }

    public List<String> render(Plan root) {
        Set<Object> relations = Collections.newSetFromMap(new IdentityHashMap<>());
        countRelations(root, relations);
        propagateAliases(root, null);
        qualifyOutput = relations.size() > 1;
        qualify = options.verbose() || qualifyOutput;
        List<String> out = new ArrayList<>();
        print(level(node(root)), 0, out);
        return out;
    }

    // ---- the tree -------------------------------------------------------------------------

    private Node node(Plan p) {
        List<Section> saved = pending;
        pending = new ArrayList<>();
        try {
            Node n = describe(p);
            n.sections.addAll(pending);
            return n;
        } finally {
            pending = saved;
        }
    }

    private Node describe(Plan p) {
        if (p instanceof InstrumentPlan ip) {
            InstrumentPlan.Stats s = ip.stats(ctx);
            Node n = node(ip.inner());
            if (!n.instrumented) {
                n.stats = s;
                n.instrumented = true;
            }
            return n;
        }
        Cost cost = model.cost(p);
        switch (p) {
            case SeqScanPlan s -> {
                Node n = new Node("Seq Scan on " + scanName(s, s.table()), cost);
                n.scan = true;
                if (s.qual() != null) {
                    n.props.add("Filter: " + quals(s.qual(), scanNames(s)));
                }
                return verbose(n, p);
            }
            case IndexScanPlan s -> {
                if (s.explainFallback() != null && model.atMostPages(s.table(), 4)) {
                    return node(s.explainFallback());
                }
                return indexScan(s, cost);
            }
            case org.tuskdb.sql.internal.plan.GatePlan g -> {
                Node n = new Node("Result", cost);
                n.props.add("One-Time Filter: " + quals(g.explainCondition(), new String[0]));
                n.children.add(node(g.explainInput()));
                return n;
            }
            case FilterPlan f -> {
                Node n;
                if (f.explainInput() instanceof ResultPlan
                    || f.explainInput() instanceof InstrumentPlan ip && ip.inner() instanceof ResultPlan) {
                    n = new Node("Result", cost);
                    n.props.add("One-Time Filter: " + quals(f.explainCondition(), new String[0]));
                    return n;
                }
                n = node(f.explainInput());
                InstrumentPlan.Stats input = n.stats;
                n.props.add("Filter: " + quals(f.explainCondition(),
                    n.scan ? scanNames(f.explainInput()) : names(f.explainInput())));
                n.cost = cost;
                n.instrumented = false; // the Filter's own counters (its instrumentation, if any) apply
                n.stats = null;
                if (options.analyze() && input != null) {
                    n.filterInput = input;
                    n.filterLine = n.props.get(n.props.size() - 1);
                }
                return n;
            }
            case PlaceAtPlan pa -> {
                return node(pa.explainInput());
            }
            case ProjectPlan pr -> {
                Node n = node(pr.explainInput());
                String[] in = names(pr.explainInput());
                for (Expression t : pr.explainTargets()) {
                    if (!(t instanceof org.tuskdb.sql.internal.expr.ColumnVar)) {
                        deparser.deparse(t, in); // registers the subplans of the target list under the node
                    }
                }
                n.sections.addAll(pending);
                pending.clear();
                n.cost = cost; // PostgreSQL's nodes project themselves: the width is the target list's
                if (options.verbose() && !n.label.equals("Append")) { // show_plan_tlist: an Append's is not shown
                    n.props.removeIf(s -> s.startsWith("Output: "));
                    n.props.add(0, n.list("Output", java.util.Arrays.asList(outputNames(pr))));
                }
                return n;
            }
            case SortPlan s -> {
                Node n = new Node("Sort", cost);
                List<Query.SortKey> keys = sortKeys.get(s);
                if (keys != null) {
                    n.props.add(n.list("Sort Key", sortKey(keys, names(s.explainInput()), s.explainInput())));
                }
                n.children.add(node(s.explainInput()));
                return n;
            }
            case LimitPlan l -> {
                return withChild(new Node("Limit", cost), l.explainInput());
            }
            case org.tuskdb.sql.internal.plan.LockRowsPlan lr -> {
                return withChild(new Node("LockRows", cost), lr.explainInput());
            }
            case IndexPaths.FirstNonNullPlan f -> {
                return withChild(new Node("Limit", cost), f.explainInput());
            }
            case AggPlan a -> {
                Expression[] keys = a.explainKeys();
                Node n = new Node(keys.length == 0 ? "Aggregate" : a.explainSorted() ? "GroupAggregate" : "HashAggregate",
                    cost);
                if (keys.length > 0) {
                    String[] in = names(a.explainInput());
                    List<String> k = new ArrayList<>();
                    for (Expression e : keys) {
                        k.add(deparser.deparse(e, in));
                    }
                    n.props.add(n.list("Group Key", k));
                }
                return withChild(n, a.explainInput());
            }
            case UniquePlan u -> {
                Node n = new Node("HashAggregate", cost);
                String[] in = names(u.explainInput());
                List<String> k = new ArrayList<>();
                for (int i = 0; i < u.explainColumns() && i < in.length; i++) {
                    k.add(in[i]);
                }
                n.props.add(n.list("Group Key", k));
                return withChild(n, u.explainInput());
            }
            case DistinctOnPlan d -> {
                return withChild(new Node("Unique", cost), d.explainInput());
            }
            case WindowPlan w -> {
                Node n = new Node("WindowAgg", cost);
                WindowCall first = w.explainCalls()[0];
                String[] in = names(w.explainInput());
                List<String> keys = new ArrayList<>();
                for (Expression e : first.partitionBy()) {
                    keys.add(deparser.deparse(e, in));
                }
                for (Aggregation.SortExpr e : first.orderBy()) {
                    String k = sortExpression(e.expr(), in);
                    if (e.descending()) {
                        k += e.nullsFirst() ? " DESC" : " DESC NULLS LAST";
                    } else if (e.nullsFirst()) {
                        k += " NULLS FIRST";
                    }
                    keys.add(k);
                }
                if (keys.isEmpty()) {
                    return withChild(n, w.explainInput());
                }
                // the WindowAgg sorts its input itself; PostgreSQL shows that as a Sort below it
                Node sort = new Node("Sort", model.sort(model.cost(w.explainInput())));
                sort.props.add(sort.list("Sort Key", keys));
                Node child = node(w.explainInput());
                sort.children.add(child);
                n.children.add(sort);
                return n;
            }
            case org.tuskdb.sql.internal.plan.PartitionAppendPlan a -> {
                // ExecInitAppend's initial pruning happens under plain EXPLAIN too: the leaves this
                // execution's values rule out are gone, counted by "Subplans Removed"
                Node append = new Node("Append", cost);
                List<Plan> kept = a.explainSurvivors(ctx);
                int removed = a.explainScans().size() - kept.size();
                if (removed > 0) {
                    append.props.add(SUBPLANS_REMOVED + removed);
                }
                for (Plan in : kept) {
                    append.children.add(node(in));
                }
                return append;
            }
            case SetOpPlan s -> {
                Node append = new Node("Append", model.append(s));
                List<Plan> inputs = new ArrayList<>();
                unionInputs(s, s, inputs);
                for (Plan in : inputs) {
                    append.children.add(node(in));
                }
                String kind = switch (s.explainKind()) {
                    case UNION -> null;
                    case INTERSECT -> "HashSetOp Intersect";
                    case EXCEPT -> "HashSetOp Except";
                };
                if (kind == null) {
                    if (s.explainAll()) {
                        return append;
                    }
                    Node n = new Node("HashAggregate", cost);
                    n.props.add(n.list("Group Key", java.util.Arrays.asList(names(s.explainLeft()))));
                    n.children.add(append);
                    return n;
                }
                Node n = new Node(kind + (s.explainAll() ? " All" : ""), cost);
                n.children.add(append);
                return n;
            }
            case HashJoinPlan h -> {
                boolean left = h.explainEmitsUnmatchedProbe();
                boolean right = h.explainEmitsUnmatchedBuild();
                Node n = new Node("Hash" + joinType(left, right), cost);
                String[] names = names(h);
                List<Expression> conds = new ArrayList<>();
                for (int i = 0; i < h.explainProbeKeys().length; i++) {
                    conds.add(equality(h.explainProbeKeys()[i], h.explainBuildKeys()[i]));
                }
                n.props.add("Hash Cond: " + deparser.quals(conds, names));
                joinFilter(n, h.explainQual(), h.explainProbeKeys(), h.explainBuildKeys(), names);
                n.children.add(node(h.explainProbe()));
                Cost b = model.cost(h.explainBuild());
                Node hash = new Node("Hash", new Cost(b.total(), b.total(), b.rows(), b.width()));
                Node build = node(h.explainBuild());
                hash.stats = build.stats;
                hash.instrumented = build.instrumented;
                hash.children.add(build);
                n.children.add(hash);
                return n;
            }
            case NestedLoopJoinPlan j -> {
                Node n = new Node("Nested Loop" + loopType(j.explainEmitsUnmatchedOuter(), j.explainEmitsUnmatchedInner()),
                    cost);
                if (j.explainQual() != null) {
                    n.props.add("Join Filter: " + quals(j.explainQual(), names(j)));
                }
                n.children.add(node(j.explainOuter()));
                Node inner = node(j.explainInner());
                if (j.explainInner() instanceof ValuesPlan || j.explainInner() instanceof ResultPlan
                    || Planner.isDummy(j.explainInner())) {
                    n.children.add(inner);
                } else {
                    Cost c = model.cost(j.explainInner());
                    Node m = new Node("Materialize", new Cost(c.startup(), c.total() + 2 * model.cpuOperatorCost * c.rows(),
                        c.rows(), c.width()));
                    m.stats = inner.stats;
                    m.instrumented = inner.instrumented;
                    m.children.add(inner);
                    n.children.add(m);
                }
                return n;
            }
            case MergeJoinPlan m -> {
                Node n = new Node("Merge" + joinType(m.emitUnmatchedOuter(), m.emitUnmatchedInner()), cost);
                String[] names = names(m);
                List<Expression> conds = new ArrayList<>();
                for (int i = 0; i < m.outerKeys().length; i++) {
                    conds.add(equality(m.outerKeys()[i], m.innerKeys()[i]));
                }
                n.props.add("Merge Cond: " + deparser.quals(conds, names));
                joinFilter(n, m.qual(), m.outerKeys(), m.innerKeys(), names);
                n.children.add(sorted(m.outer(), m.sortOuter(), m.outerKeys(), names));
                n.children.add(sorted(m.inner(), m.sortInner(), m.innerKeys(), names));
                return n;
            }
            case ValuesPlan v -> {
                return verbose(new Node(v.explainRows().size() == 1 ? "Result" : "Values Scan on \"*VALUES*\"", cost), p);
            }
            case ResultPlan r -> {
                return new Node("Result", cost);
            }
            case ModifyTablePlan m -> {
                String verb = switch (m.kind()) {
                    case INSERT -> "Insert";
                    case UPDATE -> "Update";
                    case DELETE -> "Delete";
                    case MERGE -> "Merge";
                };
                Node n = new Node(verb + " on " + relationName(m.explainTable()), cost);
                org.tuskdb.sql.internal.plan.PartitionTargetScanPlan leaves = partitionTarget(m.explainInput());
                if (leaves != null) {
                    // show_modifytable_info: one line per leaf result relation, by its scan's name
                    for (int i = 0; i < leaves.explainLeaves().size(); i++) {
                        n.props.add(verb + " on " + scanName(leaves.explainScans().get(i), leaves.explainLeaves().get(i)));
                    }
                }
                return withChild(n, m.explainInput());
            }
            case ViewScanPlan v -> {
                return new Node("Function Scan on " + v.explainView().name(), cost);
            }
            case org.tuskdb.sql.internal.plan.FunctionScanPlan f -> {
                return new Node("Function Scan on " + f.explainFunctionName(), cost);
            }
            case org.tuskdb.sql.internal.plan.ModifyTargetScanPlan m -> {
                return node(m.explainInput());
            }
            case org.tuskdb.sql.internal.plan.PartitionTargetScanPlan m -> {
                return node(m.explainInput());
            }
            case org.tuskdb.sql.internal.plan.ProjectSetPlan ps -> {
                Node n = new Node("ProjectSet", cost);
                n.children.add(node(ps.explainInput()));
                return n;
            }
            case org.tuskdb.sql.internal.plan.ModifyingCtePlan w -> {
                Node n = node(w.explainMain());
                List<Section> ctes = new ArrayList<>();
                for (int i = 0; i < w.explainCtes().size(); i++) {
                    ctes.add(new Section("CTE " + quoteIdent(w.explainCtes().get(i).name()),
                        node(w.explainCtePlans().get(i)), true));
                }
                n.sections.addAll(0, ctes);
                return n;
            }
            case org.tuskdb.sql.internal.plan.CteScanPlan c -> {
                String alias = c.explainAlias();
                Node n = new Node("CTE Scan on " + quoteIdent(c.explainName())
                    + (alias.equals(c.explainName()) ? "" : " " + quoteIdent(alias)), cost);
                n.scan = true;
                return verbose(n, p);
            }
            case RecursiveUnionPlan r -> {
                Node n = new Node("Recursive Union", cost);
                n.children.add(node(r.explainNonRecursive()));
                n.children.add(node(r.explainRecursive()));
                return n;
            }
            default -> {
                String name = p.getClass().getSimpleName();
                if (name.equals("IndexListScanPlan")) {
                    return indexList(p, cost);
                }
                if (name.equals("WorkTableScanPlan")) {
                    return new Node("WorkTable Scan", cost);
                }
                return new Node(name.endsWith("Plan") ? name.substring(0, name.length() - 4) : name, cost);
            }
        }
    }

    private Node withChild(Node n, Plan child) {
        n.children.add(node(child));
        return n;
    }

    private Node verbose(Node n, Plan p) {
        if (options.verbose()) {
            String[] names = outputNames(p);
            List<String> out = new ArrayList<>();
            for (String s : names) {
                if (s != null) {
                    out.add(s);
                }
            }
            n.props.add(0, n.list("Output", out));
        }
        return n;
    }

    private String[] scanNames(Plan p) {
        boolean q = qualify;
        qualify = options.verbose();
        try {
            return names(p);
        } finally {
            qualify = q;
        }
    }

    private String[] outputNames(Plan p) {
        boolean q = qualify;
        qualify = qualifyOutput;
        try {
            return names(p);
        } finally {
            qualify = q;
        }
    }

    private Node sorted(Plan input, boolean sort, Expression[] keys, String[] names) {
        Node child = node(input);
        if (!sort) {
            return child;
        }
        Node s = new Node("Sort", model.sort(model.cost(input)));
        List<String> k = new ArrayList<>();
        for (Expression e : keys) {
            k.add(sortExpression(e, names));
        }
        s.props.add(s.list("Sort Key", k));
        s.children.add(child);
        return s;
    }

    private Node indexScan(IndexScanPlan s, Cost cost) {
        TableDescriptor t = s.table();
        boolean backward = s.direction() == org.tuskdb.api.index.ScanDirection.BACKWARD;
        Node n = new Node("Index Scan" + (backward ? " Backward" : "") + " using " + s.index().name() + " on "
            + scanName(s, t), cost);
        verbose(n, s);
        n.scan = true;
        String[] names = scanNames(s);
        List<String> conds = new ArrayList<>();
        Set<Expression> operands = Collections.newSetFromMap(new IdentityHashMap<>());
        Expression[] eq = s.explainEquals();
        for (int i = 0; i < eq.length; i++) {
            conds.add("(" + indexKey(s, i, names) + " = " + deparser.deparse(eq[i], names) + ")");
            operands.add(eq[i]);
        }
        for (IndexPaths.ColumnBound b : new IndexPaths.ColumnBound[] {s.explainLower(), s.explainUpper()}) {
            if (b != null) {
                conds.add("(" + indexKey(s, eq.length, names) + " " + b.op() + " " + deparser.deparse(b.operand(), names)
                    + ")");
                operands.add(b.operand());
            }
        }
        if (!conds.isEmpty()) {
            n.props.add("Index Cond: " + (conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")"));
        }
        if (s.qual() != null) {
            List<Expression> rest = new ArrayList<>();
            Expression pred = s.index().predicate();
            for (Expression c : conjuncts(s.qual())) {
                if (pred != null && s.rowLock() == null && !s.explainModifyTarget()
                    && org.tuskdb.sql.internal.expr.ExpressionMatch.impliedByPredicate(c, pred, 0)) {
                    continue; // the partial index holds only rows for which it is true (not for a target relation)
                }
                if (!(c instanceof FuncExpr f && f.args().length == 2
                    && (operands.contains(f.args()[0]) || operands.contains(f.args()[1])))) {
                    rest.add(c);
                }
            }
            if (!rest.isEmpty()) {
                n.props.add("Filter: " + deparser.quals(rest, names));
            }
        }
        return n;
    }

    /** Key column {@code k} of the scan's index as an Index Cond names it: the column, or the expression. */
    private String indexKey(IndexScanPlan s, int k, String[] names) {
        int c = s.index().columns()[k];
        return c >= 0 ? names[c] : deparser.deparse(s.index().expression(k), names);
    }

    private Node indexList(Plan p, Cost cost) {
        var l = (org.tuskdb.sql.internal.plan.IndexListScanPlan) p;
        if (l.explainFallback() != null && model.atMostPages(l.explainTable(), 4)) {
            return node(l.explainFallback());
        }
        IndexScanPlan first = l.explainPoints()[0];
        Node n = new Node("Index Scan using " + first.index().name() + " on " + scanName(l, l.explainTable()), cost);
        n.scan = true;
        if (first.qual() != null) {
            n.props.add("Filter: " + quals(first.qual(), scanNames(first)));
        }
        return n;
    }

    private void joinFilter(Node n, Expression qual, Expression[] a, Expression[] b, String[] names) {
        if (qual == null) {
            return;
        }
        List<Expression> rest = new ArrayList<>();
        for (Expression c : conjuncts(qual)) {
            boolean key = false;
            if (c instanceof FuncExpr f && f.args().length == 2 && f.function().name().equals("=")) {
                for (int i = 0; i < a.length && !key; i++) {
                    key = f.args()[0] == a[i] && f.args()[1] == b[i] || f.args()[0] == b[i] && f.args()[1] == a[i];
                }
            }
            if (!key) {
                rest.add(c);
            }
        }
        if (!rest.isEmpty()) {
            n.props.add("Join Filter: " + deparser.quals(rest, names));
        }
    }

    /** A stand-in expression printing as {@code (a = b)}. */
    private static Expression equality(Expression a, Expression b) {
        return new FuncExpr(new org.tuskdb.sql.internal.function.FunctionDef("=", List.of(a.type(), b.type()),
            org.tuskdb.sql.internal.value.PgType.BOOL, false, true, 'i', null), new Expression[] {a, b});
    }

    private static String joinType(boolean outer, boolean inner) {
        return outer && inner ? " Full Join" : outer ? " Left Join" : inner ? " Right Join" : " Join";
    }

    private static String loopType(boolean outer, boolean inner) {
        return outer || inner ? joinType(outer, inner) : "";
    }

    /**
     * A Sort's keys: an expression its input computes is parenthesized (ruleutils' get_variable on
     * a non-Var target entry: {@code Sort Key: (lower((code)::text))}), a column stays bare.
     */
    private List<String> sortKey(List<Query.SortKey> keys, String[] names, Plan input) {
        List<String> out = new ArrayList<>();
        for (Query.SortKey k : keys) {
            String s = k.target() < names.length ? names[k.target()] : "?";
            if (computed(input, k.target())) {
                s = "(" + s + ")";
            }
            if (k.descending()) {
                s += " DESC";
                if (!k.nullsFirst()) {
                    s += " NULLS LAST";
                }
            } else if (k.nullsFirst()) {
                s += " NULLS FIRST";
            }
            out.add(s);
        }
        return out;
    }

    private String quals(Expression qual, String[] names) {
        return deparser.quals(conjuncts(qual), names);
    }

    private static List<Expression> conjuncts(Expression qual) {
        List<Expression> out = new ArrayList<>();
        flatten(qual, out);
        return out;
    }

    /**
     * The inputs of one Append: a UNION's operands, with a nested UNION flattened into them when
     * it is ALL or as distinct as the top (PostgreSQL's recurse_union_children); the scans of a
     * partitioned table's leaves are such a UNION ALL chain.
     */
    private static void unionInputs(SetOpPlan top, Plan p, List<Plan> out) {
        if (p instanceof SetOpPlan s && s.explainKind() == top.explainKind() && s.explainKind() == org.tuskdb.sql.internal.ast.Statement.SetOpKind.UNION
            && (p == top || s.explainAll() || s.explainAll() == top.explainAll())) {
            unionInputs(top, s.explainLeft(), out);
            unionInputs(top, s.explainRight(), out);
        } else if (p instanceof org.tuskdb.sql.internal.plan.PartitionAppendPlan a && !a.explainPrunes()) {
            out.addAll(a.explainScans()); // a partitioned table's leaves join the UNION's Append
        } else {
            out.add(p);
        }
    }

    private static void flatten(Expression e, List<Expression> out) {
        if (e instanceof org.tuskdb.sql.internal.expr.BoolExpr b && b.op() == org.tuskdb.sql.internal.expr.BoolExpr.Op.AND) {
            for (Expression a : b.args()) {
                flatten(a, out);
            }
        } else {
            out.add(e);
        }
    }

    /** The scan of the partitioned table UPDATE / DELETE / MERGE changes, under {@code p} (null when none). */
    private org.tuskdb.sql.internal.plan.PartitionTargetScanPlan partitionTarget(Plan p) {
        if (p instanceof org.tuskdb.sql.internal.plan.PartitionTargetScanPlan t) {
            return t;
        }
        for (Plan c : children(p)) {
            org.tuskdb.sql.internal.plan.PartitionTargetScanPlan t = partitionTarget(c);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private String relationName(Relation t) {
        return options.verbose() && t.schema() != null ? t.schema() + "." + t.name() : t.name();
    }

    // ---- names of a node's output columns, for deparsing the expressions above it ----------

    private String[] names(Plan p) {
        if (pending != null) {
            lastNamesPlan = p; // the row the expressions about to be deparsed read (OuterRefs of their subplans)
        }
        List<Section> saved = pending;
        pending = null;
        try {
            return computeNames(p);
        } finally {
            pending = saved;
        }
    }

    private String[] computeNames(Plan p) {
        switch (p) {
            case InstrumentPlan ip -> {
                return names(ip.inner());
            }
            case SeqScanPlan s -> {
                return tableNames(s, s.table());
            }
            case IndexScanPlan s -> {
                return tableNames(s, s.table());
            }
            case PlaceAtPlan pa -> {
                String[] in = names(pa.explainInput());
                String[] out = new String[pa.explainTotal()];
                System.arraycopy(in, 0, out, pa.explainLo(), Math.min(in.length, pa.explainWidth()));
                return out;
            }
            case FilterPlan f -> {
                return names(f.explainInput());
            }
            case org.tuskdb.sql.internal.plan.GatePlan g -> {
                return names(g.explainInput());
            }
            case SortPlan s -> {
                return names(s.explainInput());
            }
            case LimitPlan l -> {
                return names(l.explainInput());
            }
            case org.tuskdb.sql.internal.plan.LockRowsPlan lr -> {
                return names(lr.explainInput());
            }
            case UniquePlan u -> {
                return names(u.explainInput());
            }
            case DistinctOnPlan d -> {
                return names(d.explainInput());
            }
            case IndexPaths.FirstNonNullPlan f -> {
                return names(f.explainInput());
            }
            case ProjectPlan pr -> {
                String[] in = names(pr.explainInput());
                Expression[] t = pr.explainTargets();
                String[] out = new String[t.length];
                for (int i = 0; i < t.length; i++) {
                    out[i] = deparser.deparse(t[i], in);
                }
                return out;
            }
            case AggPlan a -> {
                String[] in = names(a.explainInput());
                List<String> out = new ArrayList<>();
                for (Expression k : a.explainKeys()) {
                    out.add(deparser.deparse(k, in));
                }
                for (Aggregation.AggCall c : a.explainAggregates()) {
                    out.add(call(c.function().name(), c.args(), c.distinct(), in));
                }
                return out.toArray(new String[0]);
            }
            case WindowPlan w -> {
                String[] in = names(w.explainInput());
                List<String> out = new ArrayList<>(List.of(in));
                for (WindowCall c : w.explainCalls()) {
                    out.add(call(c.name(), c.args(), false, in) + " OVER (?)");
                }
                return out.toArray(new String[0]);
            }
            case HashJoinPlan h -> {
                return merge(names(h.explainProbe()), names(h.explainBuild()));
            }
            case NestedLoopJoinPlan j -> {
                return merge(names(j.explainOuter()), names(j.explainInner()));
            }
            case MergeJoinPlan m -> {
                return merge(names(m.outer()), names(m.inner()));
            }
            case SetOpPlan s -> {
                return names(s.explainLeft());
            }
            case org.tuskdb.sql.internal.plan.PartitionAppendPlan a -> {
                // the Append's rows are the parent's: expressions above it name its columns (a parent Var)
                return relationNames(a.explainParent(), given.getOrDefault(a, a.explainParent().name()));
            }
            case ValuesPlan v -> {
                int n = v.explainRows().isEmpty() ? 0 : v.explainRows().get(0).length;
                String[] out = new String[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (qualify ? "\"*VALUES*\"." : "") + "column" + (i + 1);
                }
                return out;
            }
            case ViewScanPlan v -> {
                return relationNames(v.explainView(), v.explainView().name());
            }
            case RecursiveUnionPlan r -> {
                return names(r.explainNonRecursive());
            }
            case org.tuskdb.sql.internal.plan.ModifyingCtePlan w -> {
                return names(w.explainMain());
            }
            case org.tuskdb.sql.internal.plan.CteScanPlan c -> {
                List<String> cols = c.explainColumns();
                String[] out = new String[cols.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = qualify ? quoteIdent(c.explainAlias()) + "." + quoteIdent(cols.get(i)) : quoteIdent(cols.get(i));
                }
                return out;
            }
            case org.tuskdb.sql.internal.plan.ModifyTargetScanPlan m -> {
                return names(m.explainInput());
            }
            case org.tuskdb.sql.internal.plan.PartitionTargetScanPlan m -> {
                // the Append's rows are the parent's: expressions above it name its columns
                return m.explainLeaves().isEmpty() ? names(m.explainInput())
                    : relationNames(m.explainParent(), m.explainParent().name());
            }
            default -> {
                if (p instanceof org.tuskdb.sql.internal.plan.IndexListScanPlan l) {
                    return tableNames(l, l.explainTable());
                }
                return new String[0];
            }
        }
    }

    /** A key a Sort computes below its parent: parenthesized unless a column (as PostgreSQL's tlist reference). */
    private String sortExpression(Expression e, String[] names) {
        String s = deparser.deparse(e, names);
        return e instanceof org.tuskdb.sql.internal.expr.ColumnVar ? s : "(" + s + ")";
    }

    /** Whether output column {@code target} of {@code p} is an expression {@code p} computes (not an input column). */
    private static boolean computed(Plan p, int target) {
        Expression e;
        switch (p) {
            case InstrumentPlan ip -> {
                return computed(ip.inner(), target);
            }
            case FilterPlan f -> {
                return computed(f.explainInput(), target);
            }
            case ProjectPlan pr -> {
                e = target < pr.explainTargets().length ? pr.explainTargets()[target] : null;
                if (e instanceof org.tuskdb.sql.internal.expr.ColumnVar v) {
                    return computed(pr.explainInput(), v.index());
                }
            }
            case AggPlan a -> e = target < a.explainKeys().length ? a.explainKeys()[target] : null;
            default -> {
                return false;
            }
        }
        return !(e instanceof org.tuskdb.sql.internal.expr.ColumnVar || e instanceof org.tuskdb.sql.internal.expr.OuterRef);
    }

    private String call(String name, Expression[] args, boolean distinct, String[] in) {
        if (args.length == 0) {
            return name + "(*)";
        }
        List<String> a = new ArrayList<>();
        for (Expression e : args) {
            a.add(deparser.deparse(e, in));
        }
        return name + "(" + (distinct ? "DISTINCT " : "") + String.join(", ", a) + ")";
    }

    private String[] tableNames(Plan scan, TableDescriptor t) {
        String alias = aliases.get(scan);
        return relationNames(t, alias != null ? alias : t.name());
    }

    private String scanName(Plan scan, Relation t) {
        String alias = aliases.get(scan);
        return relationName(t) + (alias != null && !alias.equals(t.name()) ? " " + quoteIdent(alias) : "");
    }

    /**
     * Names every scan as PostgreSQL's set_rtable_names does: its alias or table name, with
     * {@code _1}, {@code _2}, ... when an earlier scan took that name; an index scan's fallback
     * plan shares its scan's name.
     */
    private void propagateAliases(Plan p, String inherited) {
        if (p instanceof org.tuskdb.sql.internal.plan.PartitionAppendPlan a && a.explainPrunesAtStartup()
            && given.get(a) != null) {
            numberSurvivors(a, given.get(a));
        }
        boolean scan = p instanceof SeqScanPlan || p instanceof IndexScanPlan
            || p instanceof org.tuskdb.sql.internal.plan.IndexListScanPlan;
        String name = inherited;
        if (scan && name == null) {
            TableDescriptor t = p instanceof SeqScanPlan s ? s.table() : p instanceof IndexScanPlan s ? s.table()
                : ((org.tuskdb.sql.internal.plan.IndexListScanPlan) p).explainTable();
            String base = numbered.containsKey(p) ? numbered.get(p) : given.getOrDefault(p, t.name());
            name = base;
            for (int i = 1; usedNames.contains(name); i++) {
                name = base + "_" + i;
            }
            usedNames.add(name);
        }
        if (name != null) {
            aliases.put(p, name);
        }
        String down = scan ? name : null;
        for (Plan c : children(p)) {
            propagateAliases(c, down);
        }
        if (p instanceof IndexScanPlan s && s.explainFallback() != null) {
            propagateAliases(s.explainFallback(), name);
        } else if (p instanceof org.tuskdb.sql.internal.plan.IndexListScanPlan l && l.explainFallback() != null) {
            propagateAliases(l.explainFallback(), name);
        } else if (p instanceof SortPlan s && inherited != null) {
            propagateAliases(s.explainInput(), inherited);
        }
    }

    /**
     * The names of a startup-pruned Append's leaves: set_rtable_names names only the relations
     * the plan state still reads, so the survivors are {@code base_1}, {@code base_2}, ... among
     * themselves; a pruned leaf's result relation (UPDATE / DELETE) keeps the bare alias.
     */
    private void numberSurvivors(org.tuskdb.sql.internal.plan.PartitionAppendPlan a, String base) {
        Set<Plan> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(a.explainSurvivors(ctx));
        int k = 0;
        for (Plan s : a.explainScans()) {
            Plan scan = s;
            while (scan instanceof InstrumentPlan || scan instanceof FilterPlan) {
                scan = scan instanceof InstrumentPlan ip ? ip.inner() : ((FilterPlan) scan).explainInput();
            }
            if (kept.contains(s)) {
                numbered.put(scan, base + "_" + ++k);
            } else {
                aliases.put(scan, base);
            }
        }
    }

    private String[] relationNames(Relation t, String qualifier) {
        String[] out = new String[t.columns().size()];
        for (int i = 0; i < out.length; i++) {
            String c = quoteIdent(t.columns().get(i).name());
            out[i] = qualify ? quoteIdent(qualifier) + "." + c : c;
        }
        return out;
    }

    static String quoteIdent(String s) {
        boolean plain = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_');
        for (int i = 0; plain && i < s.length(); i++) {
            char c = s.charAt(i);
            plain = Character.isLowerCase(c) || Character.isDigit(c) || c == '_';
        }
        return plain ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String[] merge(String[] a, String[] b) {
        String[] out = new String[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = i < a.length && a[i] != null ? a[i] : i < b.length ? b[i] : null;
        }
        return out;
    }

    private void countRelations(Plan p, Set<Object> seen) {
        switch (p) {
            case SeqScanPlan s -> seen.add(s);
            case IndexScanPlan s -> seen.add(s);
            case ValuesPlan v -> {
                if (v.explainRows().size() > 1) {
                    seen.add(v);
                }
            }
            case ViewScanPlan v -> seen.add(v);
            case org.tuskdb.sql.internal.plan.CteScanPlan c -> seen.add(c);
            case org.tuskdb.sql.internal.plan.PartitionAppendPlan a -> {
                seen.add(a); // the partitioned table is in the range table beside its leaves
                for (Plan c : children(p)) {
                    countRelations(c, seen);
                }
            }
            default -> {
                for (Plan c : children(p)) {
                    countRelations(c, seen);
                }
            }
        }
    }

    private List<Plan> children(Plan p) {
        return switch (p) {
            case InstrumentPlan ip -> List.of(ip.inner());
            case FilterPlan f -> List.of(f.explainInput());
            case org.tuskdb.sql.internal.plan.GatePlan g -> List.of(g.explainInput());
            case PlaceAtPlan pa -> List.of(pa.explainInput());
            case ProjectPlan pr -> List.of(pr.explainInput());
            case SortPlan s -> List.of(s.explainInput());
            case LimitPlan l -> List.of(l.explainInput());
            case org.tuskdb.sql.internal.plan.LockRowsPlan lr -> List.of(lr.explainInput());
            case AggPlan a -> List.of(a.explainInput());
            case UniquePlan u -> List.of(u.explainInput());
            case DistinctOnPlan d -> List.of(d.explainInput());
            case WindowPlan w -> List.of(w.explainInput());
            case IndexPaths.FirstNonNullPlan f -> List.of(f.explainInput());
            case SetOpPlan s -> List.of(s.explainLeft(), s.explainRight());
            case org.tuskdb.sql.internal.plan.PartitionAppendPlan a -> a.explainSurvivors(ctx);
            case HashJoinPlan h -> List.of(h.explainProbe(), h.explainBuild());
            case NestedLoopJoinPlan j -> List.of(j.explainOuter(), j.explainInner());
            case MergeJoinPlan m -> List.of(m.outer(), m.inner());
            case RecursiveUnionPlan r -> List.of(r.explainNonRecursive(), r.explainRecursive());
            case ModifyTablePlan m -> List.of(m.explainInput());
            case org.tuskdb.sql.internal.plan.ModifyingCtePlan w -> {
                List<Plan> all = new ArrayList<>(w.explainCtePlans());
                all.add(w.explainMain());
                yield all;
            }
            case org.tuskdb.sql.internal.plan.ProjectSetPlan ps -> List.of(ps.explainInput());
            case org.tuskdb.sql.internal.plan.ModifyTargetScanPlan m -> List.of(m.explainInput());
            case org.tuskdb.sql.internal.plan.PartitionTargetScanPlan m -> List.of(m.explainInput());
            default -> p instanceof org.tuskdb.sql.internal.plan.IndexListScanPlan l
                ? List.of(l.explainPoints()[0]) : List.of();
        };
    }

    // ---- text -----------------------------------------------------------------------------

    // ---- FORMAT JSON / YAML / XML ---------------------------------------------------------

    /**
     * The plan as FORMAT JSON's, YAML's or XML's document ({@link StructuredOutput}): explain.c's
     * property names and order for each node (Node Type and its Strategy / Operation / Join Type
     * split out of the text label, Parent Relationship, the scan target, costs, actual counters,
     * then the text format's properties, lists as lists), children and subplans under "Plans";
     * then the summary.
     *
     * @param planningMillis null when the summary is off
     * @param executionMillis null unless ANALYZE with the summary
     */
    public String renderStructured(Plan root, Double planningMillis, Double executionMillis) {
        Set<Object> relations = Collections.newSetFromMap(new IdentityHashMap<>());
        countRelations(root, relations);
        propagateAliases(root, null);
        qualifyOutput = relations.size() > 1;
        qualify = options.verbose() || qualifyOutput;
        Node top = level(node(root));
        StructuredOutput out = new StructuredOutput(options.format());
        out.beginOutput();
        out.openGroup("Query", null, true);
        structuredNode(top, null, null, out);
        if (planningMillis != null) {
            out.property("Planning Time", String.format(Locale.ROOT, "%.3f", planningMillis), true);
        }
        if (options.analyze()) {
            out.openGroup("Triggers", "Triggers", false);
            out.closeGroup("Triggers", false);
            if (executionMillis != null) {
                out.property("Execution Time", String.format(Locale.ROOT, "%.3f", executionMillis), true);
            }
        }
        out.closeGroup("Query", true);
        return out.endOutput();
    }

    private static final java.util.regex.Pattern SCAN_LABEL = java.util.regex.Pattern.compile(
        "(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)( Backward)?(?: using (\\S+))? on (\\S+)(?: (\\S+))?");
    private static final java.util.regex.Pattern JOIN_LABEL = java.util.regex.Pattern.compile(
        "(Hash|Merge|Nested Loop)(?: (Left|Right|Full|Semi|Anti))?(?: Join)?");
    private static final java.util.regex.Pattern MODIFY_LABEL = java.util.regex.Pattern.compile(
        "(Insert|Update|Delete|Merge) on (\\S+)(?: (\\S+))?");
    private static final java.util.regex.Pattern ON_LABEL = java.util.regex.Pattern.compile(
        "(Function Scan|CTE Scan|Subquery Scan|Values Scan|WorkTable Scan) on (\\S+)(?: (\\S+))?");

    /** One node as a "Plan" group: labeled at the top, a member of its parent's "Plans" below. */
    private void structuredNode(Node n, String relationship, String subplanName, StructuredOutput o) {
        o.openGroup("Plan", relationship == null ? "Plan" : null, true);
        String label = n.label;
        java.util.regex.Matcher m;
        List<String[]> target = new ArrayList<>();
        String type = label;
        String strategy = null;
        String operation = null;
        String joinType = null;
        String command = null;
        if ((m = SCAN_LABEL.matcher(label)).matches()) {
            type = m.group(1);
            if (m.group(3) != null) {
                target.add(new String[] {"Scan Direction", m.group(2) != null ? "Backward" : "Forward"});
                target.add(new String[] {"Index Name", unquote(m.group(3))});
            }
            scanTarget(target, m.group(4), m.group(5));
        } else if ((m = JOIN_LABEL.matcher(label)).matches() && !label.equals("Hash")) {
            type = m.group(1).equals("Nested Loop") ? "Nested Loop" : m.group(1) + " Join";
            joinType = m.group(2) == null ? "Inner" : m.group(2);
        } else if ((m = MODIFY_LABEL.matcher(label)).matches()) {
            type = "ModifyTable";
            operation = m.group(1);
            scanTarget(target, m.group(2), m.group(3));
        } else if ((m = ON_LABEL.matcher(label)).matches()) {
            type = m.group(1);
            String name = unquote(m.group(2));
            String alias = m.group(3) == null ? name : unquote(m.group(3));
            switch (type) {
                case "Function Scan" -> target.add(new String[] {"Function Name", name});
                case "CTE Scan", "WorkTable Scan" -> target.add(new String[] {"CTE Name", name});
                default -> { }
            }
            target.add(new String[] {"Alias", type.equals("Subquery Scan") || type.equals("Values Scan") ? name : alias});
        } else if (label.equals("HashAggregate") || label.equals("Aggregate") || label.equals("GroupAggregate")) {
            type = "Aggregate";
            strategy = label.equals("HashAggregate") ? "Hashed" : label.equals("Aggregate") ? "Plain" : "Sorted";
        } else if (label.startsWith("HashSetOp ")) {
            type = "SetOp";
            strategy = "Hashed";
            command = label.substring("HashSetOp ".length());
        }
        o.property("Node Type", type, false);
        if (strategy != null) {
            o.property("Strategy", strategy, false);
            if (type.equals("Aggregate")) {
                o.property("Partial Mode", "Simple", false);
            }
        }
        if (operation != null) {
            o.property("Operation", operation, false);
        }
        if (relationship != null) {
            o.property("Parent Relationship", relationship, false);
        }
        if (subplanName != null) {
            o.property("Subplan Name", subplanName, false);
        }
        o.property("Parallel Aware", "false", true);
        o.property("Async Capable", "false", true);
        if (command != null) {
            o.property("Command", command, false);
        }
        if (joinType != null) {
            o.property("Join Type", joinType, false);
            o.property("Inner Unique", "false", true);
        }
        for (String[] t : target) {
            o.property(t[0], t[1], false);
        }
        if (options.costs()) {
            o.property("Startup Cost", String.format(Locale.ROOT, "%.2f", n.cost.startup()), true);
            o.property("Total Cost", String.format(Locale.ROOT, "%.2f", n.cost.total()), true);
            o.property("Plan Rows", String.format(Locale.ROOT, "%.0f", n.cost.rows()), true);
            o.property("Plan Width", Integer.toString(n.cost.width()), true);
        }
        if (options.analyze()) {
            InstrumentPlan.Stats st = n.stats;
            boolean ran = st != null && st.loops > 0;
            double loops = ran ? st.loops : 1;
            if (options.timing()) {
                o.property("Actual Startup Time",
                    String.format(Locale.ROOT, "%.3f", ran ? st.startupNanos / 1e6 / loops : 0.0), true);
                o.property("Actual Total Time",
                    String.format(Locale.ROOT, "%.3f", ran ? st.totalNanos / 1e6 / loops : 0.0), true);
            }
            o.property("Actual Rows", String.format(Locale.ROOT, "%.0f", ran ? Math.rint(st.rows / loops) : 0.0),
                true);
            o.property("Actual Loops", Long.toString(ran ? st.loops : 0), true);
        }
        for (String prop : n.props) {
            List<String> items = n.lists.get(prop);
            int colon = prop.indexOf(": ");
            String key = colon < 0 ? prop : prop.substring(0, colon);
            if (items != null) {
                o.list(key, items);
            } else {
                o.property(key, colon < 0 ? "" : prop.substring(colon + 2), prop.startsWith(SUBPLANS_REMOVED));
            }
            if (prop == n.filterLine && n.stats != null && n.stats.loops > 0 && options.analyze()) {
                long removed = n.filterInput.rows - n.stats.rows;
                o.property("Rows Removed by Filter", Long.toString(Math.round((double) removed / n.stats.loops)),
                    true);
            }
        }
        if (type.equals("Append") && n.props.stream().noneMatch(x -> x.startsWith(SUBPLANS_REMOVED))) {
            o.property("Subplans Removed", "0", true); // non-text formats always show it
        }
        List<Object[]> plans = new ArrayList<>();
        for (Section sec : n.sections) {
            if (sec.init()) {
                plans.add(new Object[] {sec.root(), "InitPlan", sec.label()});
            }
        }
        boolean join = joinType != null;
        boolean member = type.equals("Append");
        for (int i = 0; i < n.children.size(); i++) {
            String rel = member ? "Member" : (join || type.equals("Recursive Union")) && i == 1 ? "Inner" : "Outer";
            plans.add(new Object[] {n.children.get(i), rel, null});
        }
        for (Section sec : n.sections) {
            if (!sec.init()) {
                plans.add(new Object[] {sec.root(), "SubPlan", sec.label()});
            }
        }
        if (!plans.isEmpty() || member) { // an Append has its "Plans" even when pruning left none
            o.openGroup("Plans", "Plans", false);
            for (Object[] c : plans) {
                structuredNode((Node) c[0], (String) c[1], (String) c[2], o);
            }
            o.closeGroup("Plans", false);
        }
        o.closeGroup("Plan", true);
    }

    /** A scan target "name [alias]" (name schema-qualified under VERBOSE): Relation Name, Schema, Alias. */
    private void scanTarget(List<String[]> target, String name, String alias) {
        String schema = null;
        String rel = name;
        int dot = name.indexOf('.');
        if (options.verbose() && dot > 0) {
            schema = unquote(name.substring(0, dot));
            rel = name.substring(dot + 1);
        }
        rel = unquote(rel);
        target.add(new String[] {"Relation Name", rel});
        if (schema != null) {
            target.add(new String[] {"Schema", schema});
        }
        target.add(new String[] {"Alias", alias == null ? rel : unquote(alias)});
    }

    private static String unquote(String ident) {
        return ident.length() >= 2 && ident.startsWith("\"") && ident.endsWith("\"")
            ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"") : ident;
    }

    private void print(Node n, int indent, List<String> out) {
        StringBuilder line = new StringBuilder();
        if (indent > 0) {
            line.append(" ".repeat(indent * 2)).append("->  ");
            indent += 2;
        }
        line.append(n.label);
        if (options.costs()) {
            line.append(String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%.0f width=%d)", n.cost.startup(),
                n.cost.total(), n.cost.rows(), n.cost.width()));
        }
        if (options.analyze()) {
            InstrumentPlan.Stats s = n.stats;
            if (s == null || s.loops == 0) {
                line.append(n.instrumented || s != null ? " (never executed)" : "");
            } else {
                double loops = s.loops;
                double rows = Math.rint(s.rows / loops);
                line.append(" ");
                if (options.timing()) {
                    line.append(String.format(Locale.ROOT, "(actual time=%.3f..%.3f rows=%.0f loops=%d)",
                        s.startupNanos / 1e6 / loops, s.totalNanos / 1e6 / loops, rows, s.loops));
                } else {
                    line.append(String.format(Locale.ROOT, "(actual rows=%.0f loops=%d)", rows, s.loops));
                }
            }
        }
        out.add(line.toString());
        indent++;
        String pad = " ".repeat(indent * 2);
        for (int i = 0; i < n.props.size(); i++) {
            out.add(pad + n.props.get(i));
            if (n.props.get(i) == n.filterLine && n.stats != null && n.stats.loops > 0) {
                long removed = n.filterInput.rows - n.stats.rows;
                if (removed > 0) {
                    out.add(pad + "Rows Removed by Filter: " + Math.round((double) removed / n.stats.loops));
                }
            }
        }
        for (Section sec : n.sections) {
            if (sec.init()) {
                out.add(pad + sec.label());
                print(sec.root(), indent + 1, out);
            }
        }
        for (Node c : n.children) {
            print(c, indent, out);
        }
        for (Section sec : n.sections) {
            if (!sec.init()) {
                out.add(pad + sec.label());
                print(sec.root(), indent + 1, out);
            }
        }
    }
}
