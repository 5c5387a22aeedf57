package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * parse_analyze: raw statements to {@link Query} or {@link UtilityCommand}. Binds names in FROM
 * and in expressions, types everything, names the result columns, and resolves what is still
 * unknown to text at the end, as PostgreSQL does.
 */
public final class Analyzer {
    private final ParseState ps;
    private final ExpressionAnalyzer expressions;
    private final UnaryOperator<String> settingName;

    /**
     * @param settingName maps a setting name to its canonical spelling (SHOW's column name),
     *                    throwing 42704 for an unknown one
     */
    public Analyzer(ParseState ps, UnaryOperator<String> settingName) {
        this.ps = ps;
        this.expressions = new ExpressionAnalyzer(ps);
        this.expressions.subqueries = this;
        this.settingName = settingName;
    }

    public AnalyzedStatement analyze(Statement s) {
        if (!started) {
            started = true;
            topWith = topWith(s);
        }
        return switch (s) {
            case Statement.Select select -> withModifying(analyzeQuery(select), select.with());
            case Statement.WithModify w -> analyzeWithModify(w);
            case Statement.VariableShow show -> new UtilityCommand(show, showColumns(show.name()));
            case Statement.Insert insert -> new DmlAnalyzer(ps, expressions, this).insert(insert);
            case Statement.Update update -> new DmlAnalyzer(ps, expressions, this).update(update);
            case Statement.Delete delete -> new DmlAnalyzer(ps, expressions, this).delete(delete);
            case Statement.Merge merge -> new MergeAnalyzer(ps, expressions, this).analyze(merge);
            case Statement.Copy copy -> new CopyAnalyzer(ps, this).analyze(copy);
            case Statement.Explain e -> new ExplainStatement(e.options(), analyze(e.statement()));
            case Statement.Prepare p -> throw preparedOverProtocol(p.location());
            case Statement.Execute e -> throw preparedOverProtocol(e.location());
            case Statement.Deallocate d -> throw preparedOverProtocol(d.location());
            default -> new UtilityCommand(s, null);
        };
    }

    /**
     * A column's stored DEFAULT: parsed, analyzed without any relation in scope and coerced to
     * the column's type as an assignment.
     */
    public static Expression analyzeDefault(String text, org.tuskdb.sql.internal.value.PgType type, int typmod,
                                            org.tuskdb.sql.internal.function.FunctionRegistry functions) {
        return analyzeDefault(text, type, typmod, functions, ParseState.RelationLookup.NONE);
    }

    /** As above, with what {@code lookup} resolves besides the built-ins (user types, extensions' functions). */
    public static Expression analyzeDefault(String text, org.tuskdb.sql.internal.value.PgType type, int typmod,
                                            org.tuskdb.sql.internal.function.FunctionRegistry functions,
                                            ParseState.RelationLookup lookup) {
        ParseState ps = new ParseState(text, functions, lookup, ParamTypes.none());
        Expr raw = org.tuskdb.sql.internal.parser.Parser.parseExpression(text);
        return DmlAnalyzer.assign(new ExpressionAnalyzer(ps).transform(raw), type, typmod, "?", raw.location(), ps);
    }

    /** PREPARE / EXECUTE / DEALLOCATE are run by the session for a simple Query, never analyzed. */
    private DatabaseException preparedOverProtocol(int location) {
        return DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
            "PREPARE, EXECUTE and DEALLOCATE are supported in a simple Query only", ps.position(location));
    }

    /** CREATE TABLE's checks of one column: its type (42704) and default (analyzed against the whole text). */
    public static Relation.Column columnType(Statement.ColumnDef c, ParseState ps) {
        ExpressionAnalyzer ea = new ExpressionAnalyzer(ps);
        ExpressionAnalyzer.ResolvedType t = ea.resolveType(c.type());
        if (t.type() == org.tuskdb.sql.internal.value.PgType.UNKNOWN || t.type().isPseudo()) {
            throw DatabaseException.atPosition("42P16",
                "column \"" + c.name() + "\" has pseudo-type " + t.type().displayName(), ps.position(c.type().location()));
        }
        if (c.defaultExpr() != null && !c.generated()) { // a generation expression needs the table: DDL analyzes it
            DmlAnalyzer.assign(ea.transform(c.defaultExpr()), t.type(), t.typmod(), c.name(), c.defaultExpr().location(), ps);
        }
        return new Relation.Column(c.name(), t.type(), t.typmod());
    }

    private List<ResultColumn> showColumns(String name) {
        if (name.equals("all")) {
            return List.of(new ResultColumn("name", PgType.TEXT, -1), new ResultColumn("setting", PgType.TEXT, -1),
                new ResultColumn("description", PgType.TEXT, -1));
        }
        return List.of(new ResultColumn(settingName.apply(name), PgType.TEXT, -1));
    }

    /** A SELECT or VALUES on its own (also INSERT's source and every subquery). */
    Query analyzeQuery(Statement.Select select) {
        boolean pushed = false;
        if (select.with() != null) {
            pushCtes(select.with());
            pushed = true;
        }
        try {
            if (select.setOp() != null) {
                return analyzeSetOp(select);
            }
            if (select.valuesLists() == null && GroupingSets.present(select.groupBy())) {
                return analyzeGroupingSets(select);
            }
            return select.valuesLists() != null ? analyzeValues(select) : analyzeSelect(select);
        } finally {
            if (pushed) {
                ctes.pop();
            }
        }
    }

    // ---- GROUPING SETS ----------------------------------------------------------------------

    /** The branches of grouping-set statements being analyzed (by identity), see {@link GroupingSets}. */
    private final java.util.IdentityHashMap<Statement.Select, GroupingSets.Branch> groupingBranches =
        new java.util.IdentityHashMap<>();

    private Query analyzeGroupingSets(Statement.Select s) {
        List<List<Expr>> sets = GroupingSets.expand(s.groupBy(), ps);
        List<Expr> all = GroupingSets.allKeys(sets);
        if (sets.size() > 1 && (s.distinct() || s.rowLock() != null)) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, (s.distinct() ? "DISTINCT" : "FOR UPDATE")
                + " with grouping sets is not supported yet", ps.position(s.location()));
        }
        List<Statement.Select> branches = new ArrayList<>(sets.size());
        for (List<Expr> set : sets) {
            Statement.Select b = sets.size() == 1 ? new Statement.Select(s.distinct(), s.targets(), s.from(), s.where(),
                s.orderBy(), s.limit(), s.offset(), null, s.rowLock(), s.location(), s.distinctOn(), set, s.having(),
                null, null, s.windows()) : GroupingSets.branch(s, set);
            groupingBranches.put(b, new GroupingSets.Branch(set, all));
            branches.add(b);
        }
        try {
            return sets.size() == 1 ? analyzeSelect(branches.get(0)) : analyzeQuery(GroupingSets.union(s, branches));
        } finally {
            for (Statement.Select b : branches) {
                groupingBranches.remove(b);
            }
        }
    }

    // ---- WITH -------------------------------------------------------------------------------

    /** Whether analyze() was entered (the first call's statement is the top level). */
    private boolean started;
    /** The top-level statement's WITH, the only one that may hold data-modifying statements; or null. */
    private Statement.WithClause topWith;
    /** The data-modifying CTEs of {@link #topWith} met so far, in WITH order. */
    private final List<ModifyingCte> modifying = new ArrayList<>();

    private static Statement.WithClause topWith(Statement s) {
        return switch (s) {
            case Statement.Select select -> select.with();
            case Statement.WithModify w -> w.with();
            case Statement.Explain e -> topWith(e.statement());
            default -> null;
        };
    }

    /** The data-modifying CTEs some FROM reads (identity). */
    private final java.util.Set<ModifyingCte> referenced =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** The top-level query carrying its data-modifying CTEs. */
    private Query withModifying(Query q, Statement.WithClause with) {
        return with != null && with == topWith && !modifying.isEmpty() ? q.withModifyingCtes(finalCtes()) : q;
    }

    /** The data-modifying CTEs, those nothing reads marked to run after the main statement. */
    private List<ModifyingCte> finalCtes() {
        List<ModifyingCte> out = new ArrayList<>(modifying.size());
        for (ModifyingCte c : modifying) {
            out.add(referenced.contains(c) ? c : new ModifyingCte(c.name(), c.query(), c.columns(), true));
        }
        return out;
    }

    /** WITH ... INSERT / UPDATE / DELETE: the body analyzed with the CTEs in scope. */
    private AnalyzedStatement analyzeWithModify(Statement.WithModify w) {
        pushCtes(w.with());
        ModifyQuery m;
        try {
            m = (ModifyQuery) analyze(w.body());
        } finally {
            ctes.pop();
        }
        return w.with() == topWith && !modifying.isEmpty() ? m.withModifyingCtes(finalCtes()) : m;
    }

    /** A data-modifying CTE: only in the top-level WITH (0A000 elsewhere, as parse_cte.c says). */
    private Cte modifyingCte(Statement.WithClause with, Statement.CommonTableExpr c) {
        if (with != topWith) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "WITH clause containing a data-modifying statement must be at the top level", ps.position(c.location()));
        }
        ModifyQuery m = (ModifyQuery) analyze(c.modify());
        List<ResultColumn> returned = m.columns() == null ? List.of() : m.columns();
        List<String> names = new ArrayList<>();
        List<Relation.Column> cols = new ArrayList<>();
        for (int i = 0; i < returned.size(); i++) {
            ResultColumn rc = returned.get(i);
            String name = c.columns() != null && i < c.columns().size() ? c.columns().get(i) : rc.name();
            names.add(name);
            cols.add(new Relation.Column(name, rc.type(), rc.typmod()));
        }
        if (m.columns() != null && c.columns() != null && c.columns().size() > cols.size()) {
            throw DatabaseException.atPosition("42P10", "WITH query \"" + c.name() + "\" has " + cols.size()
                + " columns available but " + c.columns().size() + " columns specified", ps.position(c.location()));
        }
        ModifyingCte mc = new ModifyingCte(c.name(), m, List.copyOf(names));
        modifying.add(mc);
        return new Cte(c.name(), null, null, false, -1, names, m.columns() == null ? null : cols, mc);
    }

    /** A CTE as FROM sees it. workTable >= 0 with recursive == null: inside its own recursive term. */
    private record Cte(String name, Query query, Query recursive, boolean all, int workTable, List<String> names,
                       List<Relation.Column> columns, ModifyingCte modifying) {}

    private final java.util.ArrayDeque<java.util.Map<String, Cte>> ctes = new java.util.ArrayDeque<>();
    private int nextWorkTable;

    private void pushCtes(Statement.WithClause with) {
        java.util.Map<String, Cte> level = new java.util.HashMap<>();
        ctes.push(level);
        for (Statement.CommonTableExpr c : with.ctes()) {
            if (level.containsKey(c.name())) {
                throw DatabaseException.atPosition("42712",
                    "WITH query name \"" + c.name() + "\" specified more than once", ps.position(c.location()));
            }
            if (c.modify() != null) {
                level.put(c.name(), modifyingCte(with, c));
                continue;
            }
            Statement.Select q = c.query();
            if (with.recursive() && q.setOp() != null && q.setOp().kind() == Statement.SetOpKind.UNION
                && mentions(q.setOp().right(), c.name()) && q.orderBy().isEmpty() && q.limit() == null) {
                Query nonRecursive = analyzeQuery(q.setOp().left());
                List<String> names = cteNames(c, nonRecursive);
                List<Relation.Column> cols = new ArrayList<>();
                for (int i = 0; i < nonRecursive.visible(); i++) {
                    ResultColumn rc = nonRecursive.columns().get(i);
                    cols.add(new Relation.Column(names.get(i), rc.type(), rc.typmod()));
                }
                int wt = nextWorkTable++;
                level.put(c.name(), new Cte(c.name(), null, null, false, wt, names, cols, null));
                Query recursive = analyzeQuery(q.setOp().right());
                if (recursive.visible() != nonRecursive.visible()) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                        "each UNION query must have the same number of columns", ps.position(q.setOp().right().location()));
                }
                for (int i = 0; i < cols.size(); i++) {
                    PgType overall = recursive.columns().get(i).type();
                    if (overall != cols.get(i).type()) {
                        throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH, "recursive query \"" + c.name()
                            + "\" column " + (i + 1) + " has type " + cols.get(i).type().displayName()
                            + " in non-recursive term but type " + overall.displayName() + " overall",
                            ps.position(targetLocation(q.setOp().left(), i))).withHint(
                                "Cast the output of the non-recursive term to the correct type.");
                    }
                }
                level.put(c.name(), new Cte(c.name(), nonRecursive, recursive, q.setOp().all(), wt, names, cols, null));
            } else {
                Query query = analyzeQuery(q);
                List<String> names = cteNames(c, query);
                List<Relation.Column> cols = new ArrayList<>();
                for (int i = 0; i < query.visible(); i++) {
                    ResultColumn rc = query.columns().get(i);
                    cols.add(new Relation.Column(names.get(i), rc.type(), rc.typmod()));
                }
                level.put(c.name(), new Cte(c.name(), query, null, false, -1, names, cols, null));
            }
        }
    }

    private static int targetLocation(Statement.Select s, int i) {
        while (s.setOp() != null) {
            s = s.setOp().left();
        }
        return i < s.targets().size() ? s.targets().get(i).location() : s.location();
    }

    private List<String> cteNames(Statement.CommonTableExpr c, Query q) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < q.visible(); i++) {
            names.add(c.columns() != null && i < c.columns().size() ? c.columns().get(i) : q.columns().get(i).name());
        }
        if (c.columns() != null && c.columns().size() > q.visible()) {
            throw DatabaseException.atPosition("42P10", "WITH query \"" + c.name() + "\" has " + q.visible()
                + " columns available but " + c.columns().size() + " columns specified", ps.position(c.location()));
        }
        return names;
    }

    /** Whether the query names the relation in a FROM (a recursive CTE's self-reference). */
    private static boolean mentions(Statement.Select s, String name) {
        if (s.setOp() != null) {
            return mentions(s.setOp().left(), name) || mentions(s.setOp().right(), name);
        }
        for (Statement.FromItem f : s.from()) {
            if (mentions(f, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Statement.FromItem f, String name) {
        return switch (f) {
            case Statement.FromTable t -> t.rel().schema() == null && t.rel().name().equals(name);
            case Statement.FromSubquery q -> mentions(q.query(), name);
            case Statement.FromFunction fn -> false;
            case Statement.FromLateral l -> mentions(l.item(), name);
            case Statement.FromJoin j -> mentions(j.left(), name) || mentions(j.right(), name);
        };
    }

    private Cte findCte(String name) {
        for (java.util.Map<String, Cte> m : ctes) {
            Cte c = m.get(name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    // ---- set operations ---------------------------------------------------------------------

    private Query analyzeSetOp(Statement.Select s) {
        Statement.SetOp op = s.setOp();
        if (s.rowLock() != null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "FOR " + lockName(s.rowLock().strength()) + " is not allowed with UNION/INTERSECT/EXCEPT");
        }
        Query left = analyzeLeaf(op.left());
        Query right = analyzeLeaf(op.right());
        String context = op.kind().name();
        if (left.visible() != right.visible()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                "each " + context + " query must have the same number of columns",
                ps.position(targetLocation(op.right(), 0)));
        }
        int n = left.visible();
        Expression[] lp = new Expression[n];
        Expression[] rp = new Expression[n];
        List<Expression> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ResultColumn lc = left.columns().get(i);
            ResultColumn rc = right.columns().get(i);
            Expression l = new ColumnVar(i, lc.type(), lc.typmod(), lc.name());
            Expression r = new ColumnVar(i, rc.type(), rc.typmod(), rc.name());
            List<Integer> locs = List.of(targetLocation(op.left(), i), targetLocation(op.right(), i));
            PgType type = Coercion.commonType(List.of(l, r), locs, context, ps);
            left = resolveLeafColumn(left, i, type);
            right = resolveLeafColumn(right, i, type);
            l = new ColumnVar(i, left.columns().get(i).type(), left.columns().get(i).typmod(), lc.name());
            r = new ColumnVar(i, right.columns().get(i).type(), right.columns().get(i).typmod(), rc.name());
            Expression[] co = Coercion.coerceAll(List.of(l, r), locs, type, context, ps);
            lp[i] = co[0];
            rp[i] = co[1];
            int typmod = lc.type() == rc.type() && lc.typmod() == rc.typmod() ? lc.typmod() : -1;
            targets.add(new ColumnVar(i, type, typmod, lc.name()));
            names.add(lc.name());
        }
        SetOperation so = new SetOperation(op.kind(), op.all(), left, lp, right, rp);
        return finish(null, null, null, targets, names, s, List.of(), null, so, 0, null);
    }

    /** Set when the SELECT being analyzed is a direct side of a set operation: unknown outputs stay unknown. */
    private boolean setOpLeaf;

    private Query analyzeLeaf(Statement.Select s) {
        setOpLeaf = s.setOp() == null && s.valuesLists() == null && s.with() == null;
        try {
            return analyzeQuery(s);
        } finally {
            setOpLeaf = false;
        }
    }

    /**
     * INSERT ... SELECT's source (transformInsertStatement analyzes it without resolving
     * unknowns): a plain SELECT's literal outputs ('2024-01-01', NULL) are read as the types of
     * the columns they go to, not as text; {@code targetType} gives column i's type, or null.
     */
    Query analyzeInsertSource(Statement.Select s, java.util.function.IntFunction<PgType> targetType) {
        Query q = analyzeLeaf(s);
        for (int i = 0; i < q.columns().size(); i++) {
            PgType type = targetType.apply(i);
            q = type == null ? q : resolveLeafColumn(q, i, type);
        }
        for (int i = 0; i < q.columns().size(); i++) {
            q = resolveLeafColumn(q, i, PgType.TEXT);
        }
        return q;
    }

    /** A set operation's side whose column i is still unknown (a literal): read it as the column's type. */
    private Query resolveLeafColumn(Query q, int i, PgType type) {
        if (q.columns().get(i).type() != PgType.UNKNOWN) {
            return q;
        }
        List<Expression> targets = new ArrayList<>(q.targets());
        Expression e = Coercion.coerce(targets.get(i), type, -1, Casts.Context.IMPLICIT, ps,
            targets.get(i) instanceof org.tuskdb.sql.internal.expr.Const c ? c.location() : -1);
        targets.set(i, e);
        List<ResultColumn> columns = new ArrayList<>(q.columns());
        columns.set(i, new ResultColumn(columns.get(i).name(), e.type(), e.typmod()));
        return new Query(q.source(), q.valuesRows(), q.where(), List.copyOf(targets), List.copyOf(columns), q.visible(),
            q.sort(), q.distinct(), q.limit(), q.offset(), q.rowLock(), q.usedColumns(), q.from(), q.quals(), q.width(),
            q.aggregation(), q.distinctOn(), q.setOperation(), q.windows(), q.srfs());
    }

    // ---- SELECT -----------------------------------------------------------------------------

    /** A FROM item analyzed: its node and the columns unqualified names and * see. */
    private record Item(FromNode node, List<Scope.Column> columns) {}

    private Query analyzeSelect(Statement.Select s) {
        boolean keepUnknown = setOpLeaf;
        setOpLeaf = false;
        Scope enclosing = ps.scope();
        Scope level = new Scope(enclosing);
        FromNode from = null;
        Relation single = null;
        for (Statement.FromItem f : s.from()) {
            Item item = fromItem(f, level, s);
            level.items.add(item.columns());
            from = from == null ? item.node()
                : new FromNode.Join(Statement.JoinKind.CROSS, from, item.node(), List.of(), from.lo(), item.node().hi(),
                    union(from.bases(), item.node().bases()));
        }
        if (from instanceof FromNode.BaseRel b) {
            single = b.relation();
        }
        if (s.rowLock() != null && s.distinct()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "FOR " + lockName(s.rowLock().strength()) + " is not allowed with DISTINCT clause"); // no position, as PostgreSQL
        }
        if (s.rowLock() != null && (!s.groupBy().isEmpty() || s.having() != null)) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "FOR " + lockName(s.rowLock().strength()) + " is not allowed with GROUP BY clause"); // no position, as PostgreSQL
        }
        if (s.rowLock() != null) {
            checkLockedRelations(s.rowLock(), level);
        }
        if (s.rowLock() != null && from != null) {
            LockedRelations.checkNullableSides(from, false);
        }
        ps.setScope(level);
        try {
            List<FromNode.Conjunct> quals = new ArrayList<>();
            Expression where = null;
            if (s.where() != null) {
                expressions.aggregateContext = "WHERE";
                for (Expr c : splitAnd(s.where(), new ArrayList<>())) {
                    quals.add(conjunct(c, level, "WHERE"));
                }
                expressions.aggregateContext = null;
                where = and(quals);
            }
            GroupingSets.Branch branch = groupingBranches.get(s);
            boolean aggregating = !s.groupBy().isEmpty() || s.having() != null || branch != null;
            for (Statement.ResTarget t : s.targets()) {
                aggregating |= RawExprs.containsAggregate(t.expr());
            }
            for (Statement.SortBy by : s.orderBy()) {
                aggregating |= RawExprs.containsAggregate(by.expr());
            }
            Grouping grouping = null;
            if (aggregating) {
                if (s.rowLock() != null) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "FOR " + lockName(s.rowLock().strength()) + " is not allowed with aggregate functions");
                }
                grouping = groupBy(s, level);
                if (branch != null) {
                    nullKeys(grouping, branch, s, level);
                }
                level.grouping = grouping;
            }
            List<Expression> targets = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<Expr> rawTargets = new ArrayList<>();
            level.windows = new ArrayList<>();
            level.namedWindows = WindowFrames.checkNames(s.windows(), ps);
            level.srfs = new ArrayList<>();
            for (Statement.ResTarget t : withVariableStars(s.targets(), level)) {
                if (t.expr() instanceof Expr.Star star) {
                    List<String> starNames = level.starNames(star.qualifier(), ps, star.location());
                    targets.addAll(level.expandStar(star.qualifier(), ps, star.location()));
                    names.addAll(starNames);
                    for (int i = 0; i < starNames.size(); i++) {
                        rawTargets.add(null);
                    }
                    continue;
                }
                targets.add(expressions.transform(t.expr()));
                names.add(t.alias() != null ? t.alias() : ColumnNames.figure(t.expr()));
                rawTargets.add(t.expr());
            }
            List<Query.SrfCall> srfs = level.srfs;
            level.srfs = null;
            Expression having = null;
            if (s.having() != null) {
                List<WindowCall> w = level.windows;
                level.windows = null;
                expressions.aggregateContext = "HAVING";
                having = expressions.toBoolean(expressions.transform(s.having()), "HAVING", s.having().location());
                expressions.aggregateContext = null;
                level.windows = w;
            }
            if (!keepUnknown || !s.orderBy().isEmpty() || s.distinct() || grouping != null) {
                resolveUnknowns(targets);
            } else {
                for (int i = 0; i < targets.size(); i++) {
                    if (targets.get(i).type() == PgType.UNKNOWN && !(targets.get(i) instanceof org.tuskdb.sql.internal.expr.Const)) {
                        targets.set(i, Coercion.resolveUnknown(targets.get(i), ps));
                    }
                }
            }
            Query q = finish(single, null, where, targets, names, s, rawTargets, grouping, null, level.width, from);
            Aggregation agg = grouping == null ? null
                : new Aggregation(List.copyOf(grouping.keys), List.copyOf(grouping.aggregates), having);
            int windowBase = grouping == null ? level.width : grouping.keys.size() + grouping.aggregates.size();
            for (int i = 0; i < level.windowRefs.size(); i++) {
                level.windowRefs.get(i).setSlot(windowBase + i);
            }
            for (int i = 0; i < level.srfRefs.size(); i++) {
                level.srfRefs.get(i).setSlot(windowBase + level.windowRefs.size() + i);
            }
            level.grouping = null;
            FromNode finalFrom = from == null ? null : withUsedColumns(from, level);
            return new Query(q.source(), null, q.where(), q.targets(), q.columns(), q.visible(), q.sort(), q.distinct(),
                q.limit(), q.offset(), q.rowLock(), level.bases.isEmpty() ? null : level.usedColumns(), finalFrom,
                List.copyOf(quals), level.width, agg, q.distinctOn(), null, List.copyOf(level.windows), List.copyOf(srfs));
        } finally {
            level.grouping = null;
            level.windows = null;
            level.srfs = null;
            ps.setScope(enclosing);
        }
    }

    /**
     * UPDATE ... FROM / DELETE ... USING (DmlAnalyzer): the other FROM items added to {@code level}
     * after the target, cross-joined to {@code from} as a SELECT's FROM list is.
     */
    FromNode addModifyFromItems(List<Statement.FromItem> items, Scope level, FromNode from, int location) {
        Statement.Select s = new Statement.Select(false, List.of(), items, null, List.of(), null, null, null, null,
            location);
        for (Statement.FromItem f : items) {
            Item item = fromItem(f, level, s);
            level.items.add(item.columns());
            from = new FromNode.Join(Statement.JoinKind.CROSS, from, item.node(), List.of(), from.lo(), item.node().hi(),
                union(from.bases(), item.node().bases()));
        }
        return from;
    }

    /** WHERE split into conjuncts over {@code level}, which must be the current scope (DmlAnalyzer). */
    List<FromNode.Conjunct> whereConjuncts(Expr where, Scope level) {
        List<FromNode.Conjunct> quals = new ArrayList<>();
        if (where != null) {
            expressions.aggregateContext = "WHERE";
            try {
                for (Expr c : splitAnd(where, new ArrayList<>())) {
                    quals.add(conjunct(c, level, "WHERE"));
                }
            } finally {
                expressions.aggregateContext = null;
            }
        }
        return quals;
    }

    /** The FROM tree with each base relation's final set of used columns (also DmlAnalyzer's). */
    FromNode usedColumnsOf(FromNode n, Scope level) {
        return withUsedColumns(n, level);
    }

    /** The FROM tree with each base relation's final set of used columns. */
    private FromNode withUsedColumns(FromNode n, Scope level) {
        return switch (n) {
            case FromNode.BaseRel b -> new FromNode.BaseRel(b.id(), b.relation(), b.lo(), b.hi(), level.usedColumns(b.id()),
                b.rowLock(), b.alias());
            case FromNode.Join j -> new FromNode.Join(j.kind(), withUsedColumns(j.left(), level),
                withUsedColumns(j.right(), level), j.on(), j.lo(), j.hi(), j.bases());
            default -> n;
        };
    }

    private static java.util.BitSet union(java.util.BitSet a, java.util.BitSet b) {
        java.util.BitSet u = (java.util.BitSet) a.clone();
        u.or(b);
        return u;
    }

    private static List<Expr> splitAnd(Expr e, List<Expr> out) {
        if (e instanceof Expr.Bool b && b.op() == Expr.BoolOp.AND) {
            for (Expr a : b.args()) {
                splitAnd(a, out);
            }
        } else if (e instanceof Expr.Operator o && o.op().equals("=") && o.left() instanceof Expr.Row l
            && o.right() instanceof Expr.Row r && l.args().size() == r.args().size() && !l.args().isEmpty()) {
            // (a, b) = (1, 2) is a = 1 AND b = 2 (make_row_comparison_op), each a conjunct of its own
            for (int i = 0; i < l.args().size(); i++) {
                splitAnd(new Expr.Operator("=", l.args().get(i), r.args().get(i), o.location()), out);
            }
        } else {
            out.add(e);
        }
        return out;
    }

    private static Expression and(List<FromNode.Conjunct> quals) {
        return FromNode.conjunction(quals);
    }

    /** One condition, with the base relations it reads (and for a = b, each side's). */
    private FromNode.Conjunct conjunct(Expr raw, Scope level, String clause) {
        java.util.BitSet saved = level.collector;
        try {
            if (raw instanceof Expr.Operator o && o.op().equals("=") && o.left() != null
                && !(o.left() instanceof Expr.Row) && !(o.right() instanceof Expr.Row)) {
                java.util.BitSet lb = new java.util.BitSet();
                level.collector = lb;
                Expression l = expressions.transform(o.left());
                java.util.BitSet rb = new java.util.BitSet();
                level.collector = rb;
                Expression r = expressions.transform(o.right());
                level.collector = null;
                org.tuskdb.sql.internal.expr.FuncExpr eq = expressions.makeOperator("=", l, r, o.location());
                Expression e = expressions.toBoolean(eq, clause, o.location());
                return new FromNode.Conjunct(e, union(lb, rb), eq.args()[0], eq.args()[1], lb, rb);
            }
            java.util.BitSet b = new java.util.BitSet();
            level.collector = b;
            Expression e = expressions.toBoolean(expressions.transform(raw), clause, raw.location());
            return new FromNode.Conjunct(e, b, null, null, null, null);
        } finally {
            level.collector = saved;
        }
    }

    private Item fromItem(Statement.FromItem f, Scope level, Statement.Select s) {
        return switch (f) {
            case Statement.FromTable t -> fromTable(t, level, s);
            case Statement.FromSubquery sq -> {
                if (sq.alias() != null && LockedRelations.forItem(s, sq.alias()) != null) {
                    throw LockedRelations.notTable(s.rowLock(), "a subquery in FROM", ps.position(sq.location()));
                }
                Query q;
                Scope saved = ps.scope();
                ps.setScope(level.parent);
                try {
                    q = analyzeQuery(sq.query());
                } catch (DatabaseException e) {
                    throw invalidReference(e, s);
                } finally {
                    ps.setScope(saved);
                }
                yield subqueryItem(q, sq.alias(), sq.columnAliases(), level, sq.location(), null);
            }
            case Statement.FromJoin j -> fromJoin(j, level, s);
            case Statement.FromFunction fn -> functionItem(fn, level);
            case Statement.FromLateral l -> lateralItem(l, level);
        };
    }

    /**
     * A function in FROM: a set-returning function's rows, or a scalar function's one row. A
     * function returning one column names it after the alias if there is one, else after the
     * function; WITH ORDINALITY appends the bigint column "ordinality". The arguments are bound
     * in the enclosing scope, as a derived table's are (no LATERAL references yet).
     */
    private Item functionItem(Statement.FromFunction f, Scope level) {
        try {
            return functionItem(f, level, false);
        } catch (DatabaseException e) {
            if (!e.sqlState().equals(SqlState.UNDEFINED_TABLE) && !e.sqlState().equals(SqlState.UNDEFINED_COLUMN)) {
                throw e;
            }
            // functions in FROM are implicitly LATERAL: the arguments may read the items before it
            Item lateral;
            try {
                lateral = functionItem(f, level, true);
            } catch (DatabaseException again) {
                throw e;
            }
            return new Item(new FromNode.Lateral(lateral.node()), lateral.columns());
        }
    }

    /** LATERAL (SELECT ...) / LATERAL f(...): analyzed under this level, so the items before it are outer references. */
    /**
     * errorMissingRTE for a derived table without LATERAL naming a FROM item of its own level:
     * "invalid reference" with the hint that it cannot be referenced from there.
     */
    private static DatabaseException invalidReference(DatabaseException e, Statement.Select s) {
        String prefix = "missing FROM-clause entry for table \"";
        String m = e.getMessage();
        if (e.sqlState().equals(SqlState.UNDEFINED_TABLE) && m.startsWith(prefix) && s != null) {
            String rel = m.substring(prefix.length(), m.length() - 1);
            for (Statement.FromItem f : s.from()) {
                if (names(f, rel)) {
                    return DatabaseException.atPosition(SqlState.UNDEFINED_TABLE,
                        "invalid reference to FROM-clause entry for table \"" + rel + "\"", e.position())
                        .withHint("There is an entry for table \"" + rel
                            + "\", but it cannot be referenced from this part of the query.");
                }
            }
        }
        return e;
    }

    /** Whether the FROM item is, or contains, one referenced by {@code name}. */
    private static boolean names(Statement.FromItem f, String name) {
        return switch (f) {
            case Statement.FromTable t -> name.equals(t.rel().alias() != null ? t.rel().alias() : t.rel().name());
            case Statement.FromSubquery q -> name.equals(q.alias());
            case Statement.FromFunction fn -> name.equals(fn.alias() != null ? fn.alias() : fn.call().functionName());
            case Statement.FromLateral l -> names(l.item(), name);
            case Statement.FromJoin j -> name.equals(j.alias()) || names(j.left(), name) || names(j.right(), name);
        };
    }

    private Item lateralItem(Statement.FromLateral l, Scope level) {
        if (l.item() instanceof Statement.FromFunction fn) {
            Item item = functionItem(fn, level, true);
            return new Item(new FromNode.Lateral(item.node()), item.columns());
        }
        Statement.FromSubquery sq = (Statement.FromSubquery) l.item();
        Query q;
        Scope saved = ps.scope();
        ps.setScope(level);
        try {
            q = analyzeQuery(sq.query());
        } finally {
            ps.setScope(saved);
        }
        Item item = subqueryItem(q, sq.alias(), sq.columnAliases(), level, sq.location(), null);
        return new Item(new FromNode.Lateral(item.node()), item.columns());
    }

    private Item functionItem(Statement.FromFunction f, Scope level, boolean lateral) {
        Scope saved = ps.scope();
        // a scope of its own under the enclosing levels (under this level when lateral): their columns are outer references
        ps.setScope(new Scope(lateral ? level : level.parent));
        ExpressionAnalyzer.FromFunction srf;
        Expression scalar = null;
        try {
            srf = expressions.tableFunction(f.call(), f.columnDefinitions(), true);
            if (srf == null && f.columnDefinitions() != null) {
                throw expressions.columnDefinitionsRefused(null, f.columnDefinitions());
            }
            if (srf == null) {
                String savedContext = expressions.aggregateContext;
                expressions.aggregateContext = "functions in FROM";
                try {
                    scalar = expressions.transform(f.call());
                } finally {
                    expressions.aggregateContext = savedContext;
                }
            }
        } finally {
            ps.setScope(saved);
        }
        String fn = f.call().functionName();
        List<Relation.Column> cols = new ArrayList<>();
        if (srf != null) {
            List<Relation.Column> out = srf.def().columns();
            if (out.size() == 1 && f.alias() != null && !srf.def().signature().returnType().isComposite()) {
                cols.add(new Relation.Column(f.alias(), out.get(0).type(), out.get(0).typmod()));
            } else {
                cols.addAll(out);
            }
        } else {
            cols.add(new Relation.Column(f.alias() != null ? f.alias() : fn, scalar.type(), scalar.typmod()));
        }
        if (f.ordinality()) {
            cols.add(new Relation.Column("ordinality", PgType.INT8, -1));
        }
        String ref = f.alias() != null ? f.alias() : fn;
        checkAliases(ref, f.columnAliases(), cols.size(), f.location());
        checkDuplicate(ref, level, f.location());
        Scope.Entry e = level.addBase(null, ref, null, f.columnAliases(), cols, false);
        Scope.Base b = level.bases.get(e.baseId);
        FromNode node = new FromNode.FunctionRel(e.baseId, srf != null ? srf.def() : null,
            srf != null ? srf.args() : null, scalar, f.ordinality(), b.offset, b.offset + b.width);
        return new Item(node, e.columns);
    }

    private Item subqueryItem(Query q, String alias, List<String> aliases, Scope level, int location, Cte cte) {
        List<Relation.Column> cols = new ArrayList<>();
        for (int i = 0; i < q.visible(); i++) {
            ResultColumn rc = q.columns().get(i);
            cols.add(new Relation.Column(cte != null ? cte.names().get(i) : rc.name(), rc.type(), rc.typmod()));
        }
        checkAliases(alias, aliases, cols.size(), location);
        checkDuplicate(alias, level, location);
        Scope.Entry e = level.addBase(null, alias, null, aliases, cols, false);
        Scope.Base b = level.bases.get(e.baseId);
        FromNode node;
        if (cte != null && cte.recursive() != null) {
            node = new FromNode.RecursiveRel(e.baseId, cte.query(), cte.recursive(), cte.all(), cte.workTable(), b.offset,
                b.offset + b.width);
        } else {
            node = new FromNode.SubqueryRel(e.baseId, q, b.offset, b.offset + b.width);
        }
        return new Item(node, e.columns);
    }

    private void checkAliases(String name, List<String> aliases, int available, int location) {
        if (aliases != null && aliases.size() > available) {
            throw DatabaseException.error("42P10", "table \"" + name + "\" has " + available
                + " columns available but " + aliases.size() + " columns specified");
        }
    }

    private void checkDuplicate(String refName, Scope level, int location) {
        for (Scope.Entry e : level.entries) {
            if (e.refName.equals(refName)) {
                throw DatabaseException.error("42712", "table name \"" + refName + "\" specified more than once");
            }
        }
    }

    /** A reference to a data-modifying CTE: its RETURNING rows (0A000 without RETURNING, as PostgreSQL). */
    private Item cteScan(Cte cte, String ref, Statement.FromTable t, Scope level) {
        if (cte.columns() == null) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "WITH query \"" + cte.name() + "\" does not have a RETURNING clause", ps.position(t.rel().location()));
        }
        checkAliases(ref, t.columnAliases(), cte.columns().size(), t.location());
        checkDuplicate(ref, level, t.location());
        referenced.add(cte.modifying());
        Scope.Entry e = level.addBase(null, ref, null, t.columnAliases(), cte.columns(), false);
        Scope.Base b = level.bases.get(e.baseId);
        return new Item(new FromNode.CteScanRel(e.baseId, cte.modifying(), ref, b.offset, b.offset + b.width),
            e.columns);
    }

    private Item fromTable(Statement.FromTable t, Scope level, Statement.Select s) {
        Statement.RangeVar rv = t.rel();
        if (rv.schema() == null) {
            Cte cte = findCte(rv.name());
            if (cte != null) {
                String ref = rv.alias() != null ? rv.alias() : rv.name();
                if (cte.modifying() != null) {
                    return cteScan(cte, ref, t, level);
                }
                if (cte.query() == null) {
                    checkAliases(ref, t.columnAliases(), cte.columns().size(), t.location());
                    checkDuplicate(ref, level, t.location());
                    Scope.Entry e = level.addBase(null, ref, null, t.columnAliases(), cte.columns(), false);
                    Scope.Base b = level.bases.get(e.baseId);
                    return new Item(new FromNode.WorkTableRel(e.baseId, cte.workTable(), b.offset, b.offset + b.width),
                        e.columns);
                }
                List<String> aliases = t.columnAliases();
                if (LockedRelations.forItem(s, ref) != null && !s.rowLock().of().isEmpty()) {
                    throw LockedRelations.notTable(s.rowLock(), "a WITH query", ps.position(t.location()));
                }
                return subqueryItem(cte.query(), ref, aliases, level, t.location(), cte);
            }
        }
        org.tuskdb.sql.internal.ast.RowLock lock = LockedRelations.forItem(s, rv.alias() != null ? rv.alias() : rv.name());
        Relation source = ps.lookup(rv.schema(), rv.name(), lock != null ? LockMode.ROW_SHARE : LockMode.ACCESS_SHARE,
            rv.location(), false, lock != null ? org.tuskdb.sql.internal.catalog.AclItems.SELECT
                | org.tuskdb.sql.internal.catalog.AclItems.UPDATE : org.tuskdb.sql.internal.catalog.AclItems.SELECT);
        if (lock != null && !(source instanceof TableDescriptor)) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot lock rows in view \"" + source.name() + "\"", ps.position(rv.location()));
        }
        if (lock != null && source instanceof TableDescriptor mv && mv.matview() != null) {
            // CheckValidRowMarkRel (no position: the executor raises it)
            throw DatabaseException.error("42809", "cannot lock rows in materialized view \"" + mv.name() + "\"");
        }
        String ref = rv.alias() != null ? rv.alias() : source.name();
        checkAliases(ref, t.columnAliases(), source.columns().size(), t.location());
        checkDuplicate(ref, level, t.location());
        Scope.Entry e = level.addBase(source, ref, rv.alias() == null ? rv.schema() : null, t.columnAliases(), null, false,
            ps.systemColumns());
        Scope.Base b = level.bases.get(e.baseId);
        ps.checkColumns(source, b);
        int hi = b.offset + b.width;
        if (lock != null && !LockedRelations.singleTable(s)) {
            level.width++; // the locked row's tid, after its columns (LockedRelations)
            hi++;
        }
        return new Item(new FromNode.BaseRel(e.baseId, source, b.offset, hi, null, lock, rv.alias()), e.columns);
    }

    private Item fromJoin(Statement.FromJoin j, Scope level, Statement.Select s) {
        int entriesBefore = level.entries.size();
        Item l = fromItem(j.left(), level, s);
        Item r;
        if (j.right() instanceof Statement.FromLateral lateral
            && (j.kind() == Statement.JoinKind.RIGHT || j.kind() == Statement.JoinKind.FULL)) {
            // the right side of RIGHT / FULL JOIN cannot read the left side
            try {
                r = fromItem(lateral.item(), level, s);
            } catch (DatabaseException e) {
                if (e.getMessage().startsWith("invalid reference to FROM-clause entry")) {
                    throw DatabaseException.atPosition("42P10", e.getMessage(), e.position())
                        .withDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
                }
                throw e;
            }
        } else {
            r = fromItem(j.right(), level, s);
        }
        List<String> using = j.using();
        if (j.natural()) {
            using = new ArrayList<>();
            for (Scope.Column lc : l.columns()) {
                for (Scope.Column rc : r.columns()) {
                    if (lc.name().equals(rc.name()) && !using.contains(lc.name())) {
                        using.add(lc.name());
                    }
                }
            }
        }
        List<FromNode.Conjunct> on = new ArrayList<>();
        List<Scope.Column> columns = new ArrayList<>();
        java.util.Set<Scope.Column> merged = new java.util.HashSet<>();
        if (using != null) {
            for (String name : using) {
                Scope.Column lc = usingColumn(l.columns(), name, "left", j.location());
                Scope.Column rc = usingColumn(r.columns(), name, "right", j.location());
                merged.add(lc);
                merged.add(rc);
                level.use(lc);
                level.use(rc);
                PgType type = Coercion.commonType(List.of(lc.expr(), rc.expr()), List.of(j.location(), j.location()),
                    "JOIN/USING", ps);
                Expression[] co = Coercion.coerceAll(List.of(lc.expr(), rc.expr()), List.of(j.location(), j.location()),
                    type, "JOIN/USING", ps);
                org.tuskdb.sql.internal.expr.FuncExpr eq = expressions.makeOperator("=", co[0], co[1], j.location());
                on.add(new FromNode.Conjunct(expressions.toBoolean(eq, "JOIN/USING", j.location()),
                    union(l.node().bases(), r.node().bases()), eq.args()[0], eq.args()[1], bits(lc), bits(rc)));
                Expression e = switch (j.kind()) {
                    case RIGHT -> co[1];
                    case FULL -> new org.tuskdb.sql.internal.expr.CoalesceExpr(co, type);
                    default -> co[0];
                };
                int[] ids = concat(lc.baseIds(), rc.baseIds());
                int[] cols = concat(lc.baseColumns(), rc.baseColumns());
                columns.add(new Scope.Column(name, e, ids, cols));
            }
        }
        for (Scope.Column c : l.columns()) {
            if (!merged.contains(c)) {
                columns.add(c);
            }
        }
        for (Scope.Column c : r.columns()) {
            if (!merged.contains(c)) {
                columns.add(c);
            }
        }
        if (j.on() != null) {
            Scope saved = ps.scope();
            level.items.add(columns);
            ps.setScope(level);
            expressions.aggregateContext = "JOIN conditions";
            try {
                for (Expr c : splitAnd(j.on(), new ArrayList<>())) {
                    on.add(conjunct(c, level, "JOIN/ON"));
                }
            } finally {
                expressions.aggregateContext = null;
                level.items.remove(level.items.size() - 1);
                ps.setScope(saved);
            }
        }
        if (j.alias() != null) {
            checkAliases(j.alias(), j.columnAliases(), columns.size(), j.location());
            while (level.entries.size() > entriesBefore) {
                level.hidden.add(level.entries.remove(level.entries.size() - 1));
            }
            checkDuplicate(j.alias(), level, j.location());
            List<Scope.Column> renamed = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Scope.Column c = columns.get(i);
                String n = j.columnAliases() != null && i < j.columnAliases().size() ? j.columnAliases().get(i) : c.name();
                renamed.add(new Scope.Column(n, c.expr(), c.baseIds(), c.baseColumns()));
            }
            columns = renamed;
            level.entries.add(new Scope.Entry(j.alias(), null, null, List.copyOf(columns), -1));
        }
        FromNode node = new FromNode.Join(j.kind(), l.node(), r.node(), List.copyOf(on), l.node().lo(), r.node().hi(),
            union(l.node().bases(), r.node().bases()));
        return new Item(node, List.copyOf(columns));
    }

    private static java.util.BitSet bits(Scope.Column c) {
        java.util.BitSet b = new java.util.BitSet();
        for (int id : c.baseIds()) {
            b.set(id);
        }
        return b;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Scope.Column usingColumn(List<Scope.Column> cols, String name, String side, int location) {
        Scope.Column found = null;
        for (Scope.Column c : cols) {
            if (c.name().equals(name)) {
                if (found != null) {
                    throw DatabaseException.error(SqlState.AMBIGUOUS_COLUMN,
                        "common column name \"" + name + "\" appears more than once in " + side + " table");
                }
                found = c;
            }
        }
        if (found == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_COLUMN,
                "column \"" + name + "\" specified in USING clause does not exist in " + side + " table");
        }
        return found;
    }

    /** GROUP BY's keys: ordinals and output names resolved to target expressions, as PostgreSQL allows. */
    private Grouping groupBy(Statement.Select s, Scope level) {
        List<Expr> raw = new ArrayList<>();
        List<Expression> keys = new ArrayList<>();
        expressions.aggregateContext = "GROUP BY";
        try {
            for (Expr g : s.groupBy()) {
                Expr e = groupKey(g, s, level);
                raw.add(e);
                keys.add(Coercion.resolveUnknown(expressions.transform(e), ps));
            }
        } finally {
            expressions.aggregateContext = null;
        }
        return new Grouping(raw, keys);
    }

    /**
     * A grouping-set branch's view of the keys of the other sets: each reads as a NULL of its
     * type there, and GROUPING() sees which keys this set has.
     */
    private void nullKeys(Grouping grouping, GroupingSets.Branch branch, Statement.Select s, Scope level) {
        List<Expr> nulledRaw = new ArrayList<>();
        List<Expression> nulled = new ArrayList<>();
        List<Expr> allRaw = new ArrayList<>();
        expressions.aggregateContext = "GROUP BY";
        try {
            for (Expr k : branch.allKeys()) {
                Expr e = groupKey(k, s, level);
                allRaw.add(e);
                if (GroupingSets.indexOf(branch.set(), k) < 0) {
                    nulledRaw.add(e);
                    nulled.add(Coercion.resolveUnknown(expressions.transform(e), ps));
                }
            }
        } finally {
            expressions.aggregateContext = null;
        }
        grouping.groupingSet(nulledRaw, nulled, allRaw);
    }

    /** One GROUP BY key as written, with an ordinal or an output name resolved to its target expression. */
    private Expr groupKey(Expr g, Statement.Select s, Scope level) {
        Expr e = g;
        if (g instanceof Expr.Literal lit && lit.kind() == Expr.LiteralKind.INTEGER) {
            long n = Long.parseLong(lit.text());
            if (n < 1 || n > s.targets().size() || s.targets().get((int) n - 1).expr() instanceof Expr.Star) {
                throw DatabaseException.atPosition("42P10", "GROUP BY position " + n + " is not in select list",
                    ps.position(lit.location()));
            }
            e = s.targets().get((int) n - 1).expr();
        } else if (g instanceof Expr.ColumnRef ref && ref.names().size() == 1 && !isInputColumn(ref, level)) {
            for (Statement.ResTarget t : s.targets()) {
                if (ref.column().equals(t.alias())) {
                    e = t.expr();
                    break;
                }
            }
        }
        if (RawExprs.containsAggregate(e)) {
            throw DatabaseException.atPosition("42803", "aggregate functions are not allowed in GROUP BY",
                ps.position(e.location()));
        }
        return e;
    }

    private boolean isInputColumn(Expr.ColumnRef ref, Scope level) {
        for (List<Scope.Column> item : level.items) {
            for (Scope.Column c : item) {
                if (c.name().equals(ref.column())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Query analyzeValues(Statement.Select s) {
        List<List<Expr>> raw = s.valuesLists();
        int width = raw.get(0).size();
        List<List<Expression>> rows = new ArrayList<>();
        for (List<Expr> row : raw) {
            if (row.size() != width) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                    ps.position(row.get(0).location()));
            }
            List<Expression> out = new ArrayList<>();
            for (Expr e : row) {
                out.add(expressions.transform(e));
            }
            rows.add(out);
        }
        List<Expression[]> coercedRows = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            coercedRows.add(new Expression[width]);
        }
        List<Expression> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<Expression> column = new ArrayList<>();
            List<Integer> locations = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                column.add(rows.get(r).get(c));
                locations.add(raw.get(r).get(c).location());
            }
            PgType type = Coercion.commonType(column, locations, "VALUES", ps);
            Expression[] coerced = Coercion.coerceAll(column, locations, type, "VALUES", ps);
            for (int r = 0; r < rows.size(); r++) {
                coercedRows.get(r)[c] = coerced[r];
            }
            targets.add(new ColumnVar(c, type, "column" + (c + 1)));
            names.add("column" + (c + 1));
        }
        return finish(null, coercedRows, null, targets, names, s, List.of(), null, null, 0, null);
    }

    /** Target list entries (SELECT's, RETURNING's): expressions and their names, * expanded. */
    void targetList(List<Statement.ResTarget> in, List<Expression> targets, List<String> names) {
        for (Statement.ResTarget t : withVariableStars(in, ps.scope())) {
            if (t.expr() instanceof Expr.Star star) {
                names.addAll(ps.scope().starNames(star.qualifier(), ps, star.location()));
                targets.addAll(ps.scope().expandStar(star.qualifier(), ps, star.location()));
                continue;
            }
            targets.add(expressions.transform(t.expr()));
            names.add(t.alias() != null ? t.alias() : ColumnNames.figure(t.expr()));
        }
    }

    /**
     * The targets with each {@code (expr).*} replaced by {@code (expr).f1, (expr).f2, ...} (the
     * expression is evaluated once per field, as PostgreSQL's expansion does), and each
     * {@code r.*} of a PL/pgSQL record variable r (no FROM item of this level is named r) by
     * {@code r.f1, r.f2, ...}.
     */
    private List<Statement.ResTarget> withVariableStars(List<Statement.ResTarget> in, Scope level) {
        if (in.stream().noneMatch(t -> t.expr() instanceof Expr.FieldSelect f && f.field().equals("*")
            || ps.hasVariables() && t.expr() instanceof Expr.Star s && !s.qualifier().isEmpty())) {
            return in;
        }
        List<Statement.ResTarget> out = new ArrayList<>();
        for (Statement.ResTarget t : in) {
            List<Expr> fields = null;
            if (t.expr() instanceof Expr.FieldSelect f && f.field().equals("*")) {
                PgType type = expressions.transform(f.arg()).type();
                if (!type.isRecord()) {
                    throw DatabaseException.atPosition("42809", "type " + type.displayName()
                        + " is not composite", ps.position(f.arg().location()));
                }
                fields = new ArrayList<>();
                for (int i = 0; i < type.fieldCount(); i++) {
                    fields.add(new Expr.FieldSelect(f.arg(), type.fieldName(i), f.location()));
                }
            } else if (ps.hasVariables() && t.expr() instanceof Expr.Star star && !star.qualifier().isEmpty()) {
                try {
                    level.starNames(star.qualifier(), ps, star.location());
                } catch (DatabaseException e) {
                    fields = SqlState.UNDEFINED_TABLE.equals(e.sqlState()) ? ps.variableStar(star) : null;
                    if (fields == null) {
                        throw e;
                    }
                }
            }
            if (fields == null) {
                out.add(t);
            } else {
                fields.forEach(f -> out.add(new Statement.ResTarget(f, null, t.location())));
            }
        }
        return out;
    }

    void resolveUnknowns(List<Expression> targets) {
        for (int i = 0; i < targets.size(); i++) {
            targets.set(i, Coercion.resolveUnknown(targets.get(i), ps));
        }
    }

    /** FOR UPDATE OF names: unqualified, each naming a FROM item of this level (transformLockingClause). */
    private void checkLockedRelations(org.tuskdb.sql.internal.ast.RowLock lock, Scope level) {
        for (org.tuskdb.sql.internal.ast.RowLock.OfName n : lock.of()) {
            if (n.qualified()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "FOR " + lockName(n.strength()) + " must specify unqualified relation names", ps.position(n.location()));
            }
            boolean found = false;
            for (Scope.Entry e : level.rangeTable) {
                found |= n.name().equals(e.refName);
            }
            for (Scope.Entry e : level.entries) {
                found |= n.name().equals(e.refName);
            }
            if (!found) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + n.name() + "\" in FOR "
                    + lockName(n.strength()) + " clause not found in FROM clause", ps.position(n.location()));
            }
        }
    }

    /** ORDER BY, DISTINCT, LIMIT and OFFSET, which SELECT and VALUES share. */
    private static String lockName(org.tuskdb.api.heap.RowLockMode m) {
        return org.tuskdb.sql.internal.ast.RowLock.sqlName(m);
    }

    private Query finish(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                         List<String> names, Statement.Select s, List<Expr> rawTargets, Grouping grouping,
                         SetOperation setOp, int width, FromNode from) {
        int visible = targets.size();
        List<Expr> raws = new ArrayList<>(rawTargets);
        while (raws.size() < targets.size()) {
            raws.add(null);
        }
        List<Query.SortKey> sort = new ArrayList<>();
        for (Statement.SortBy by : s.orderBy()) {
            int index = findSortTarget(by.expr(), names, visible, targets, raws);
            if (index < 0) {
                index = findRaw(raws, by.expr());
            }
            if (index < 0) {
                if (setOp != null && by.expr() instanceof Expr.ColumnRef ref && ref.names().size() == 1) {
                    throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN,
                        "column \"" + ref.column() + "\" does not exist", ps.position(ref.location()));
                }
                if (setOp != null) {
                    throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", ps.position(by.location()))
                        .withDetail("Only result column names can be used, not expressions or functions.")
                        .withHint("Add the expression/function to every SELECT, or move the UNION into a FROM clause.");
                }
                if (s.distinct() && s.distinctOn() == null) {
                    throw DatabaseException.atPosition("42P10",
                        "for SELECT DISTINCT, ORDER BY expressions must appear in select list", ps.position(by.location()));
                }
                if (valuesRows != null) {
                    throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "ORDER BY on a VALUES list must name an output column", ps.position(by.location()));
                }
                expressions.aggregateContext = "ORDER BY";
                Expression e = Coercion.resolveUnknown(expressions.transform(by.expr()), ps);
                expressions.aggregateContext = null;
                targets.add(e);
                raws.add(by.expr());
                index = targets.size() - 1;
            }
            // the type needs an ordering operator
            expressions.resolveOperator("<", targets.get(index).type(), targets.get(index).type(), by.location());
            boolean nullsFirst = by.nullsFirst() != null ? by.nullsFirst() : by.descending();
            sort.add(new Query.SortKey(index, by.descending(), nullsFirst));
        }
        int[] distinctOn = null;
        if (s.distinctOn() != null) {
            distinctOn = new int[s.distinctOn().size()];
            for (int i = 0; i < distinctOn.length; i++) {
                Expr d = s.distinctOn().get(i);
                int index = findSortTarget(d, names, visible, targets, raws);
                if (index < 0) {
                    index = findRaw(raws, d);
                }
                if (index < 0) {
                    targets.add(Coercion.resolveUnknown(expressions.transform(d), ps));
                    raws.add(d);
                    index = targets.size() - 1;
                }
                distinctOn[i] = index;
            }
            for (int i = 0; i < Math.min(sort.size(), distinctOn.length); i++) {
                int t = sort.get(i).target();
                boolean found = false;
                for (int d : distinctOn) {
                    found |= d == t;
                }
                if (!found) {
                    throw DatabaseException.atPosition("42P10",
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                        ps.position(s.distinctOn().get(0).location()));
                }
            }
            for (int d : distinctOn) {
                boolean found = false;
                for (Query.SortKey k : sort) {
                    found |= k.target() == d;
                }
                if (!found) {
                    sort.add(new Query.SortKey(d, false, false));
                }
            }
        }
        Expression limit = limitClause(s.limit(), "LIMIT");
        if (s.withTies()) {
            limit = new TiesLimit(limit); // a NULL count is 2201W when the Limit starts, as nodeLimit.c
        }
        Expression offset = limitClause(s.offset(), "OFFSET");
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            columns.add(new ResultColumn(names.get(i), targets.get(i).type(), targets.get(i).typmod()));
        }
        return new Query(source, valuesRows, where, List.copyOf(targets), List.copyOf(columns), visible, sort,
            s.distinct() && s.distinctOn() == null, limit, offset, s.rowLock(), ps.scope().usedColumns(), from,
            List.of(), width, null, distinctOn, setOp, List.of());
    }

    private static boolean sameTarget(List<Expression> targets, List<Expr> raws, int a, int b) {
        Expression x = targets.get(a);
        Expression y = targets.get(b);
        if (x == y || x instanceof ColumnVar cx && y instanceof ColumnVar cy && cx.index() == cy.index()
            && cx.type() == cy.type()) {
            return true;
        }
        return raws != null && raws.get(a) != null && RawExprs.equal(raws.get(a), raws.get(b));
    }

    private static int findRaw(List<Expr> raws, Expr e) {
        for (int i = 0; i < raws.size(); i++) {
            if (raws.get(i) != null && RawExprs.equal(raws.get(i), e)) {
                return i;
            }
        }
        return -1;
    }

    /** ORDER BY n (a result position) or ORDER BY name (a result column name), else -1. */
    private int findSortTarget(Expr e, List<String> names, int visible) {
        return findSortTarget(e, names, visible, null, null);
    }

    /**
     * As above; a name matching several result columns is 42702 unless they are the same
     * expression (PostgreSQL's findTargetlistEntrySQL92), which targets / raws tell when given.
     */
    private int findSortTarget(Expr e, List<String> names, int visible, List<Expression> targets, List<Expr> raws) {
        if (e instanceof Expr.Literal lit && lit.kind() == Expr.LiteralKind.INTEGER) {
            long n = Long.parseLong(lit.text());
            if (n < 1 || n > visible) {
                throw DatabaseException.atPosition("42P10", "ORDER BY position " + n + " is not in select list",
                    ps.position(lit.location()));
            }
            return (int) n - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.names().size() == 1) {
            int found = -1;
            for (int i = 0; i < visible; i++) {
                if (names.get(i).equals(ref.column())) {
                    if (found >= 0 && targets != null && sameTarget(targets, raws, found, i)) {
                        continue;
                    }
                    if (found >= 0) {
                        throw DatabaseException.atPosition(SqlState.AMBIGUOUS_COLUMN,
                            "ORDER BY \"" + ref.column() + "\" is ambiguous", ps.position(ref.location()));
                    }
                    found = i;
                }
            }
            return found;
        }
        return -1;
    }

    private Expression limitClause(Expr e, String clause) {
        if (e == null) {
            return null;
        }
        Expression x = expressions.transform(e);
        if (x.type() != PgType.INT8) {
            if (x.type() != PgType.UNKNOWN && !Casts.canCoerceImplicitly(x.type(), PgType.INT8)) {
                throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                    "argument of " + clause + " must be type bigint, not type " + x.type().displayName(),
                    ps.position(e.location()));
            }
            x = Coercion.coerce(x, PgType.INT8, -1, Casts.Context.IMPLICIT, ps, e.location());
        }
        return x;
    }
}
