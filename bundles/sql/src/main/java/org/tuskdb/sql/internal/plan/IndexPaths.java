package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.ExpressionMatch;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.value.PgType;

/**
 * The index path choice (a small part of PostgreSQL's indxpath.c / costsize.c). A conjunct of
 * the scan's qual is usable when it is {@code column op operand} (either side) with op one of
 * = &lt; &lt;= &gt; &gt;= (BETWEEN is two of them), the column an index column, the operand a
 * constant or parameter (possibly cast) of a type whose key encoding compares with the
 * column's (same type, or both integers, both floats, both text/varchar). For each index the
 * usable prefix is: equalities on its leading columns, then at most one column with range
 * bounds. The best index has the longest such prefix; an index whose every column is bound by
 * equality on a unique index wins outright. An index key that is an expression matches the same
 * expression in the conjunct ({@code lower(email) = $1}); a partial index is considered only
 * when the conjuncts imply its predicate ({@link ExpressionMatch#implies}). The choice between that index scan and a sequential
 * scan is made per execution from the heap's size (see {@link IndexScanPlan}): so a prepared
 * statement's generic plan (parameters unknown at planning) keeps the index path.
 */
public final class IndexPaths {
    private IndexPaths() {}

    /** A bound of one key column: operator and operand. */
    public record ColumnBound(String op, Expression operand) {}

    /** A chosen index and its bounds: eq operands of the leading columns, then an optional range column. */
    record Path(IndexDescriptor index, Expression[] equals, ColumnBound lower, ColumnBound upper, boolean uniqueEquality) {
        int score() {
            return equals.length * 2 + (lower != null || upper != null ? 1 : 0);
        }
    }

    /** The scan of table {@code t} for a query: an index scan when one applies, else a sequential scan. */
    public static Plan scan(TableDescriptor t, Expression qual, RowLock rowLock, boolean[] used) {
        return scan(t, qual, rowLock, used, PlannerMethods.ALL);
    }

    /**
     * ... under the planner's switches: enable_indexscan off leaves the sequential scan (Tusk has
     * no bitmap scan to fall back on); enable_seqscan off keeps the index scan even for a table
     * small enough for the sequential fallback.
     */
    static Plan scan(TableDescriptor t, Expression qual, RowLock rowLock, boolean[] used, PlannerMethods methods) {
        if (t.partitioned()) {
            return PartitionScans.scan(t, qual, rowLock, used, false, 0);
        }
        SeqScanPlan seq = new SeqScanPlan(t, qual, rowLock, used);
        if (t.indexes().isEmpty() || qual == null || !methods.indexscan()) {
            return seq;
        }
        List<Expression> conjuncts = conjuncts(qual);
        Path p = choose(t, conjuncts, 0);
        if (p == null || !p.uniqueEquality() && p.equals().length == 0) {
            Plan list = inList(t, conjuncts, qual, rowLock, used, methods.seqscan() ? seq : null);
            if (list != null) {
                return list;
            }
        }
        if (p == null) {
            return seq;
        }
        return new IndexScanPlan(t, p.index(), p.equals(), p.lower(), p.upper(), ScanDirection.FORWARD, qual,
            rowLock, used, p.uniqueEquality() || !methods.seqscan() ? null : seq);
    }

    /** {@code col IN (...)} / an OR of {@code col = operand} on an index's first column: one point scan per value. */
    private static Plan inList(TableDescriptor t, List<Expression> conjuncts, Expression qual, RowLock rowLock,
                               boolean[] used, Plan seq) {
        for (Expression c : conjuncts) {
            if (!(c instanceof BoolExpr b) || b.op() != BoolExpr.Op.OR) {
                continue;
            }
            for (IndexDescriptor ix : t.indexes()) {
                if (!usable(ix, conjuncts, 0)) {
                    continue;
                }
                PgType type = keyType(t, ix, 0);
                Expression[] values = new Expression[b.args().length];
                int n = 0;
                for (int i = 0; values != null && i < b.args().length; i++) {
                    if (ConstantFolder.isFalseOrNull(b.args()[i])) {
                        continue; // a folded "col = NULL": matches nothing
                    }
                    ColumnBound cb = bound(b.args()[i], ix, 0, 0, type);
                    if (cb == null || !cb.op().equals("=")) {
                        values = null;
                    } else {
                        values[n++] = cb.operand();
                    }
                }
                if (values == null || n == 0) {
                    continue;
                }
                values = n == values.length ? values : java.util.Arrays.copyOf(values, n);
                IndexScanPlan[] points = new IndexScanPlan[values.length];
                for (int i = 0; i < values.length; i++) {
                    points[i] = new IndexScanPlan(t, ix, new Expression[] {values[i]}, null, null, ScanDirection.FORWARD,
                        qual, rowLock, used, null);
                }
                return new IndexListScanPlan(t, points, values, ix.flags()[0], seq);
            }
        }
        return null;
    }

    /**
     * The scan of table {@code t} inside a join, whose columns are at {@code offset} of the wide
     * row the pushed-down {@code quals} read: an index scan narrowed by them when one applies
     * (the quals stay in the Filter above, which rechecks), else a sequential scan.
     */
    public static Plan scanInJoin(TableDescriptor t, Expression quals, int offset, RowLock rowLock, boolean[] used) {
        return scanInJoin(t, quals, offset, rowLock, used, PlannerMethods.ALL);
    }

    /** ... under the planner's switches, as {@link #scan(TableDescriptor, Expression, RowLock, boolean[], PlannerMethods)}. */
    static Plan scanInJoin(TableDescriptor t, Expression quals, int offset, RowLock rowLock, boolean[] used,
                           PlannerMethods methods) {
        if (t.partitioned()) {
            return PartitionScans.scan(t, quals, rowLock, used, true, offset);
        }
        SeqScanPlan seq = new SeqScanPlan(t, null, rowLock, used);
        if (t.indexes().isEmpty() || quals == null || !methods.indexscan()) {
            return seq;
        }
        Path p = choose(t, conjuncts(quals), offset);
        if (p == null) {
            return seq;
        }
        return new IndexScanPlan(t, p.index(), p.equals(), p.lower(), p.upper(), ScanDirection.FORWARD, null,
            rowLock, used, p.uniqueEquality() || !methods.seqscan() ? null : seq);
    }

    /** UPDATE / DELETE's source: the rows of {@code t} that pass {@code where}, with their tids. */
    public static Plan scanForModify(TableDescriptor t, Expression where) {
        return scanForModify(t, where, null);
    }

    /** The same, decoding what {@code used} marks (null: every column). */
    public static Plan scanForModify(TableDescriptor t, Expression where, boolean[] used) {
        if (t.partitioned()) {
            return PartitionScans.scanForModify(t, where, used, false);
        }
        Plan p = scan(t, where, null, used);
        return p instanceof IndexScanPlan s ? s.modifyTarget() : p;
    }

    /**
     * The target's scan inside UPDATE ... FROM / DELETE ... USING's join ({@code quals}: the
     * conjuncts pushed down to it): the scan of {@link #scan}, and for a partitioned target its
     * leaves' scans, each row tagged with its leaf.
     */
    public static Plan scanForJoinTarget(TableDescriptor t, Expression quals, boolean[] used) {
        return t.partitioned() ? PartitionScans.scanForModify(t, quals, used, true) : scan(t, quals, null, used);
    }

    /** The implicit-AND list of {@code qual} (nested ANDs flattened; none for null). */
    public static List<Expression> conjuncts(Expression qual) {
        List<Expression> out = new ArrayList<>();
        flatten(qual, out);
        return out;
    }

    private static void flatten(Expression e, List<Expression> out) {
        if (e instanceof BoolExpr b && b.op() == BoolExpr.Op.AND) {
            for (Expression a : b.args()) {
                flatten(a, out);
            }
        } else if (e != null) {
            out.add(e);
        }
    }

    /**
     * Whether the query's conjuncts may use {@code ix} at all: a partial index only when they
     * imply its predicate (check_index_predicates' predOK), since it lacks every other row.
     */
    static boolean usable(IndexDescriptor ix, List<Expression> conjuncts, int offset) {
        return ix.predicate() == null || ExpressionMatch.implies(conjuncts, ix.predicate(), offset);
    }

    /** The type of key column {@code k} of {@code ix}: its column's, or its expression's. */
    static PgType keyType(TableDescriptor t, IndexDescriptor ix, int k) {
        int c = ix.columns()[k];
        return c >= 0 ? t.columns().get(c).type() : ix.expression(k).type();
    }

    /** The best path over the indexes of {@code t}; column vars are at {@code offset + column}. */
    static Path choose(TableDescriptor t, List<Expression> conjuncts, int offset) {
        Path best = null;
        for (IndexDescriptor ix : t.indexes()) {
            if (!usable(ix, conjuncts, offset)) {
                continue;
            }
            Path p = match(t, ix, conjuncts, offset);
            if (p == null) {
                continue;
            }
            if (p.uniqueEquality()) {
                return p;
            }
            // a partial index whose predicate the query implies is the smaller one (PostgreSQL's costs prefer it)
            if (best == null || p.score() > best.score() || p.score() == best.score()
                && p.index().predicate() != null && best.index().predicate() == null) {
                best = p;
            }
        }
        return best;
    }

    private static Path match(TableDescriptor t, IndexDescriptor ix, List<Expression> conjuncts, int offset) {
        List<Expression> eq = new ArrayList<>();
        ColumnBound lower = null;
        ColumnBound upper = null;
        for (int k = 0; k < ix.columns().length; k++) {
            PgType type = keyType(t, ix, k);
            Expression equal = null;
            for (Expression c : conjuncts) {
                ColumnBound b = bound(c, ix, k, offset, type);
                if (b == null) {
                    continue;
                }
                switch (b.op()) {
                    case "=" -> equal = equal == null ? b.operand() : equal;
                    case ">", ">=" -> lower = lower == null ? b : lower;
                    default -> upper = upper == null ? b : upper;
                }
            }
            if (equal != null) {
                eq.add(equal);
                lower = null;
                upper = null;
                continue;
            }
            break; // the range (if any) of this column ends the usable prefix
        }
        if (eq.isEmpty() && lower == null && upper == null) {
            return null;
        }
        boolean uniqueEq = ix.unique() && eq.size() == ix.columns().length;
        return new Path(ix, eq.toArray(new Expression[0]), lower, upper, uniqueEq);
    }

    /**
     * Whether {@code e} is key column {@code k} of {@code ix} read at {@code offset}: the column
     * itself, or for an expression key the same expression (match_index_to_operand).
     */
    private static boolean isKey(Expression e, IndexDescriptor ix, int k, int offset) {
        int col = ix.columns()[k];
        if (col >= 0) {
            return e instanceof ColumnVar v && v.index() == col + offset;
        }
        return ExpressionMatch.same(e, ix.expression(k), offset);
    }

    /** {@code c} as a bound of key {@code k} (operator normalized to key-on-the-left), or null. */
    private static ColumnBound bound(Expression c, IndexDescriptor ix, int k, int offset, PgType type) {
        if (!(c instanceof FuncExpr f) || f.args().length != 2) {
            return null;
        }
        String op = f.function().name();
        if (!(op.equals("=") || op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">="))) {
            return null;
        }
        Expression l = f.args()[0];
        Expression r = f.args()[1];
        if (isKey(l, ix, k, offset) && operand(r) && compatible(type, r.type())) {
            return new ColumnBound(op, r);
        }
        if (isKey(r, ix, k, offset) && operand(l) && compatible(type, l.type())) {
            return new ColumnBound(switch (op) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> op;
            }, l);
        }
        return null;
    }

    /**
     * An index bound: what reads no column of the scanned row and cannot change during the scan
     * — constants, parameters, and casts and immutable or stable functions of them (`aid = 5 +
     * 1`, `ts > now() - interval '1 day'`), evaluated once when the scan starts, as PostgreSQL's
     * pseudo-constant index quals.
     */
    private static boolean operand(Expression e) {
        return switch (e) {
            case Const c -> true;
            case ParamRef p -> true;
            case CastExpr c -> operand(c.arg());
            case org.tuskdb.sql.internal.expr.FuncExpr f -> {
                if (f.function().volatility() == 'v') {
                    yield false;
                }
                for (Expression a : f.args()) {
                    if (!operand(a)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    static boolean compatible(PgType columnType, PgType operandType) {
        PgType column = columnType.baseType(); // a domain's column compares as its base type
        PgType operand = operandType.baseType();
        if (PgType.same(column, operand)) {
            return true;
        }
        return family(column) != 0 && family(column) == family(operand);
    }

    private static int family(PgType t) {
        if (t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8) {
            return 1;
        }
        if (t == PgType.FLOAT4 || t == PgType.FLOAT8) {
            return 2;
        }
        if (t == PgType.TEXT || t == PgType.VARCHAR) {
            return 3;
        }
        return 0;
    }

    // ---- ordered scans: ORDER BY and min() / max() ---------------------------------------

    /**
     * An ordered index scan returning {@code source}'s rows (a scan of one table, every conjunct
     * of its qual kept as the recheck) in the order of {@code sort}, or null when no index gives
     * that order. The sort keys must be plain columns of the table matching an index's columns
     * after those its equality bounds fix, all in the index's direction or all reversed (NULLS
     * placement included). Without a LIMIT an unbounded ordered scan is not taken (reading the
     * whole heap in key order is slower than a sequential scan and a sort).
     */
    public static Plan orderedScan(Plan source, List<org.tuskdb.sql.internal.analyze.Query.SortKey> sort,
                                   List<Expression> targets, boolean limited) {
        return orderedScan(source, sort, targets, limited, PlannerMethods.ALL);
    }

    /**
     * ... under the planner's switches: none with enable_indexscan off; with enable_seqscan or
     * enable_sort off the sequential scan and sort cost disable_cost, so the ordered scan is
     * taken without a LIMIT too and without the small-table fallback.
     */
    static Plan orderedScan(Plan source, List<org.tuskdb.sql.internal.analyze.Query.SortKey> sort,
                            List<Expression> targets, boolean limited, PlannerMethods methods) {
        if (sort.isEmpty() || !methods.indexscan()) {
            return null;
        }
        Expression[] keys = new Expression[sort.size()];
        boolean[] desc = new boolean[sort.size()];
        boolean[] nullsFirst = new boolean[sort.size()];
        for (int i = 0; i < keys.length; i++) {
            var k = sort.get(i);
            keys[i] = targets.get(k.target());
            desc[i] = k.descending();
            nullsFirst[i] = k.nullsFirst();
        }
        boolean noFallback = !methods.seqscan() || !methods.sort();
        return ordered(source, keys, desc, nullsFirst, limited || noFallback, noFallback);
    }

    /**
     * The ordered scan for sort keys {@code keys} over the table's row: each a plain column or an
     * expression that is an index's key expression (match_index_to_operand), e.g. ORDER BY
     * lower(email) over an index on lower(email).
     */
    private static Plan ordered(Plan source, Expression[] keys, boolean[] desc, boolean[] nullsFirst, boolean limited,
                                boolean noFallback) {
        TableDescriptor t;
        Expression qual;
        RowLock rowLock;
        boolean[] used;
        switch (source) {
            case SeqScanPlan s -> {
                t = s.table();
                qual = s.qual();
                rowLock = s.rowLock();
                used = s.used();
            }
            case IndexScanPlan s -> {
                t = s.table();
                qual = s.qual();
                rowLock = s.rowLock();
                used = s.used();
            }
            default -> {
                return null;
            }
        }
        List<Expression> conjuncts = conjuncts(qual);
        // partial indexes the query may use first: they are the smaller ones (PostgreSQL's costs prefer them)
        List<IndexDescriptor> candidates = new ArrayList<>(t.indexes().size());
        for (IndexDescriptor ix : t.indexes()) {
            if (ix.predicate() != null && usable(ix, conjuncts, 0)) {
                candidates.add(ix);
            }
        }
        for (IndexDescriptor ix : t.indexes()) {
            if (ix.predicate() == null) {
                candidates.add(ix);
            }
        }
        for (IndexDescriptor ix : candidates) {
            Path p = match(t, ix, conjuncts, 0);
            int eq = p == null ? 0 : p.equals().length;
            ScanDirection dir = direction(ix, eq, keys, desc, nullsFirst);
            if (dir == null) {
                continue;
            }
            boolean bounded = p != null;
            if (!bounded && !limited) {
                continue;
            }
            if (p == null) {
                p = new Path(ix, new Expression[0], null, null, false);
            }
            // a small table is read sequentially and sorted instead (not with FOR UPDATE: the sort
            // would come after locking every row; not for expression keys, which the scan's row lacks)
            Plan fallback = null;
            List<org.tuskdb.sql.internal.analyze.Query.SortKey> sortKeys = new ArrayList<>();
            for (int i = 0; i < keys.length && rowLock == null && sortKeys != null; i++) {
                if (keys[i] instanceof ColumnVar v) {
                    sortKeys.add(new org.tuskdb.sql.internal.analyze.Query.SortKey(v.index(), desc[i], nullsFirst[i]));
                } else {
                    sortKeys = null;
                }
            }
            if (rowLock == null && sortKeys != null && !noFallback) {
                fallback = new SortPlan(new SeqScanPlan(t, qual, null, used), sortKeys);
            }
            return new IndexScanPlan(t, ix, p.equals(), p.lower(), p.upper(), dir, qual, rowLock, used, fallback);
        }
        return null;
    }

    /** The direction in which {@code ix}, past its first {@code eq} columns, returns the order asked, or null. */
    private static ScanDirection direction(IndexDescriptor ix, int eq, Expression[] keys, boolean[] desc,
                                           boolean[] nullsFirst) {
        ScanDirection dir = null;
        int pos = eq;
        for (int i = 0; i < keys.length; i++) {
            boolean fixed = false;
            for (int e = 0; e < eq; e++) {
                fixed |= isKey(keys[i], ix, e, 0);
            }
            if (fixed) {
                continue; // a column bound by equality is in every order
            }
            if (pos >= ix.columns().length || !isKey(keys[i], ix, pos, 0)) {
                return null;
            }
            boolean forward = desc[i] == ix.descending(pos) && nullsFirst[i] == ix.nullsFirst(pos);
            boolean backward = desc[i] != ix.descending(pos) && nullsFirst[i] != ix.nullsFirst(pos);
            ScanDirection d = forward ? ScanDirection.FORWARD : backward ? ScanDirection.BACKWARD : null;
            if (d == null || dir != null && d != dir) {
                return null;
            }
            dir = d;
            pos++;
        }
        return dir == null ? ScanDirection.FORWARD : dir;
    }

    /**
     * min(col) / max(col) as the only aggregate without GROUP BY over a scan of one table: the
     * aggregate's input becomes the first row with a non-NULL col of an ordered index scan
     * (PostgreSQL's planagg.c), so the Agg above computes the same value from one row. Null when
     * no index has col first (after its equality-bound columns).
     */
    public static Plan minMax(Plan source, org.tuskdb.sql.internal.analyze.Aggregation agg) {
        return minMax(source, agg, PlannerMethods.ALL);
    }

    /** ... none with enable_indexscan off (the index path planagg.c would build costs disable_cost). */
    static Plan minMax(Plan source, org.tuskdb.sql.internal.analyze.Aggregation agg, PlannerMethods methods) {
        if (!methods.indexscan() || !agg.keys().isEmpty() || agg.aggregates().size() != 1) {
            return null;
        }
        var call = agg.aggregates().get(0);
        String name = call.function().name();
        if (!(name.equals("min") || name.equals("max")) || call.args().length != 1 || call.filter() != null
            || call.distinct() || !IndexKeysTypes.ordered(call.args()[0].type())) {
            return null;
        }
        Expression[] key = {call.args()[0]}; // a column, or an index's key expression
        boolean max = name.equals("max");
        // ASC NULLS LAST scanned forward or DESC NULLS FIRST backward: non-NULL values come first either way
        Plan scan = ordered(source, key, new boolean[] {max}, new boolean[] {max}, true, false);
        if (scan == null) {
            scan = ordered(source, key, new boolean[] {max}, new boolean[] {!max}, true, false);
        }
        return scan == null ? null : new FirstNonNullPlan(scan, key[0]);
    }

    /** Types whose index order is their min/max order (all the key encoding covers). */
    private static final class IndexKeysTypes {
        static boolean ordered(PgType t) {
            return org.tuskdb.sql.internal.storage.IndexKeys.isIndexable(t);
        }
    }

    /** The first input row whose key (a column or an index's key expression) is not NULL, then nothing. */
    public static final class FirstNonNullPlan extends Plan {
        private final Plan input;
        private final Expression key;

        public Plan explainInput() { return input; }

        FirstNonNullPlan(Plan input, Expression key) {
            this.input = input;
            this.key = key;
        }

        @Override
        public RowCursor open(org.tuskdb.sql.internal.expr.EvalContext ctx) {
            RowCursor in = input.open(ctx);
            return new RowCursor() {
                boolean done;

                @Override
                public org.tuskdb.sql.internal.value.Value[] next() {
                    if (done) {
                        return null;
                    }
                    org.tuskdb.sql.internal.value.Value[] row;
                    while ((row = in.next()) != null) {
                        if (key.eval(row, ctx) != null) {
                            done = true;
                            return row;
                        }
                        ctx.checkForInterrupts();
                    }
                    done = true;
                    return null;
                }
            };
        }
    }
}
