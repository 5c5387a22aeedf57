package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.tuskdb.sql.internal.catalog.PartitionBound;
import org.tuskdb.sql.internal.catalog.PartitionKey;
import org.tuskdb.sql.internal.catalog.Partitioning;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.ScalarArrayOpExpr;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * Plan-time partition pruning (PostgreSQL's partprune.c, its "steps" done at once): which
 * partitions of one partitioned table a WHERE clause can reach, decided the way PostgreSQL
 * decides it, so that EXPLAIN lists the same leaves. Each comparison of a key column with a
 * constant of the column's type ({@code =, <, <=, >, >=}; {@code IN} lists, which arrive as OR
 * of {@code =}, and {@code op ANY (array constant)} are OR of such comparisons) selects a set of
 * <em>bound offsets</em>: for RANGE the intervals between the partitions' distinct bounds (an
 * interval no partition covers stands for the DEFAULT partition), for LIST the distinct listed
 * values, for HASH the partitions. AND intersects the sets, OR unites them; what the clause
 * cannot use (other columns, other operators, NOT, a parameter: {@link PartitionStartupPruning}
 * binds those when the plan is opened) selects everything; a comparison with NULL selects nothing. A LIST
 * comparison other than {@code =}, or {@code =} of an unlisted value, also selects the DEFAULT
 * partition (get_matching_list_bounds: lists leave holes between their values), a HASH
 * table is pruned only by an {@code =} on every key column, and a RANGE key of several columns by
 * comparisons of its first column, of a key prefix ({@code a = 0 AND b < 5}: {@code prefixSteps})
 * and {@code =} on every column. Coarse as PostgreSQL is coarse: two
 * contradictory comparisons that fall into one interval still select it.
 */
final class PartitionPruning {
    private PartitionPruning() {}

    /** The leaves under partitioned {@code t} that rows satisfying {@code qual} may be in, in bound order. */
    static List<TableDescriptor> leaves(TableDescriptor t, Expression qual) {
        List<TableDescriptor> out = new ArrayList<>();
        add(t, qual, out);
        return out;
    }

    private static void add(TableDescriptor t, Expression qual, List<TableDescriptor> out) {
        if (!t.partitioned()) {
            out.add(t);
            return;
        }
        List<TableDescriptor> children = t.partitioning().children();
        BitSet keep = qual == null ? all(children.size()) : new Level(t.partitioning()).partitions(qual);
        for (int i = 0; i < children.size(); i++) {
            if (keep.get(i)) {
                add(children.get(i), qual, out);
            }
        }
    }

    private static BitSet all(int n) {
        BitSet b = new BitSet();
        b.set(0, n);
        return b;
    }

    /** What one step selects: bound offsets, and whether the DEFAULT / the NULL-accepting partition is reached beside them. */
    private record Selected(BitSet offsets, boolean scanDefault, boolean scanNull) {
        Selected and(Selected o) {
            BitSet b = (BitSet) offsets.clone();
            b.and(o.offsets);
            return new Selected(b, scanDefault && o.scanDefault, scanNull && o.scanNull);
        }

        Selected or(Selected o) {
            BitSet b = (BitSet) offsets.clone();
            b.or(o.offsets);
            return new Selected(b, scanDefault || o.scanDefault, scanNull || o.scanNull);
        }
    }

    /** The bound offsets of one partitioned table and what they map to. */
    private static final class Level {
        private final PartitionKey key;
        private final List<TableDescriptor> children;
        private final int defaultIndex;
        /** RANGE: the distinct range ends, ascending; the offsets are the m + 1 intervals around them. */
        private final List<PartitionBound> ends = new ArrayList<>();
        /** LIST: the distinct non-null values, ascending, and the partition of each. */
        private final List<Value> values = new ArrayList<>();
        private final List<Integer> valuePartition = new ArrayList<>();
        private int nullIndex = -1;
        /** Per offset, the child partition index (-1: none, i.e. the DEFAULT partition). */
        private int[] offsetPartition;

        Level(Partitioning p) {
            this.key = p.key();
            this.children = p.children();
            int d = -1;
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i).partitioning().bound().isDefault()) {
                    d = i;
                }
            }
            defaultIndex = d;
            switch (key.strategy()) {
                case 'r' -> rangeOffsets();
                case 'l' -> listOffsets();
                default -> {
                    offsetPartition = new int[children.size()];
                    for (int i = 0; i < offsetPartition.length; i++) {
                        offsetPartition[i] = i;
                    }
                }
            }
        }

        private void rangeOffsets() {
            for (TableDescriptor c : children) {
                PartitionBound b = c.partitioning().bound();
                if (!b.isDefault()) {
                    addEnd(b.lower(), b.lowerKinds());
                    addEnd(b.upper(), b.upperKinds());
                }
            }
            ends.sort((x, y) -> PartitionBound.compareEnds(x.lower(), x.lowerKinds(), y.lower(), y.lowerKinds()));
            offsetPartition = new int[ends.size() + 1];
            java.util.Arrays.fill(offsetPartition, -1);
            for (int k = 1; k < ends.size(); k++) {
                PartitionBound lo = ends.get(k - 1);
                for (int i = 0; i < children.size(); i++) {
                    PartitionBound b = children.get(i).partitioning().bound();
                    if (!b.isDefault() && PartitionBound.compareEnds(b.lower(), b.lowerKinds(), lo.lower(), lo.lowerKinds()) <= 0
                        && PartitionBound.compareEnds(lo.lower(), lo.lowerKinds(), b.upper(), b.upperKinds()) < 0) {
                        offsetPartition[k] = i;
                    }
                }
            }
        }

        /** A range end kept as the lower end of a bound record, so compareEnds orders the ends. */
        private void addEnd(Value[] v, int[] kinds) {
            for (PartitionBound e : ends) {
                if (PartitionBound.compareEnds(e.lower(), e.lowerKinds(), v, kinds) == 0) {
                    return;
                }
            }
            ends.add(new PartitionBound(PartitionBound.Kind.RANGE, null, v, kinds, null, null, 0, 0));
        }

        private void listOffsets() {
            for (int i = 0; i < children.size(); i++) {
                PartitionBound b = children.get(i).partitioning().bound();
                if (b.isDefault()) {
                    continue;
                }
                for (Value v : b.list()) {
                    if (v == null) {
                        nullIndex = i;
                    } else {
                        values.add(v);
                        valuePartition.add(i);
                    }
                }
            }
            Integer[] order = new Integer[values.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> values.get(x).compareTo(values.get(y)));
            List<Value> v = new ArrayList<>();
            offsetPartition = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                v.add(values.get(order[i]));
                offsetPartition[i] = valuePartition.get(order[i]);
            }
            values.clear();
            values.addAll(v);
        }

        private Selected everything() {
            return new Selected(all(offsetPartition.length), true, true);
        }

        private Selected none() {
            return new Selected(new BitSet(), false, false);
        }

        /** The children that rows satisfying {@code qual} may be in. */
        BitSet partitions(Expression qual) {
            Selected s = select(qual);
            BitSet out = new BitSet();
            boolean scanDefault = s.scanDefault();
            for (int o = s.offsets().nextSetBit(0); o >= 0; o = s.offsets().nextSetBit(o + 1)) {
                if (offsetPartition[o] >= 0) {
                    out.set(offsetPartition[o]);
                } else {
                    scanDefault = true; // an interval no partition covers: the DEFAULT partition's
                }
            }
            if (s.scanNull()) {
                if (nullIndex >= 0) {
                    out.set(nullIndex);
                } else {
                    scanDefault = true;
                }
            }
            if (scanDefault && defaultIndex >= 0) {
                out.set(defaultIndex);
            }
            return out;
        }

        private Selected select(Expression e) {
            switch (e) {
                case BoolExpr b when b.op() == BoolExpr.Op.AND -> {
                    Selected s = null;
                    Value[] point = new Value[key.columns().length];
                    for (Expression a : b.args()) {
                        Selected x = select(a);
                        s = s == null ? x : s.and(x);
                        equality(a, point);
                    }
                    Selected whole = wholeKey(point);
                    s = whole == null ? s : s.and(whole);
                    return key.strategy() == 'r' && key.columns().length > 1 ? prefixSteps(b.args(), s) : s;
                }
                case BoolExpr b when b.op() == BoolExpr.Op.OR -> {
                    Selected s = null;
                    for (Expression a : b.args()) {
                        Selected x = select(a);
                        s = s == null ? x : s.or(x);
                    }
                    return s;
                }
                case FuncExpr f -> {
                    Comparison c = Comparison.of(f.function().name(), f.args());
                    if (c == null) {
                        return everything();
                    }
                    if (c.value() == null) {
                        return none(); // a strict comparison with NULL (a parameter bound to NULL) holds for no row
                    }
                    Selected s = compare(c.column(), c.op(), c.value());
                    if (s == null && c.op().equals("=")) {
                        Value[] point = new Value[key.columns().length];
                        equality(f, point);
                        s = wholeKey(point);
                    }
                    return s == null ? everything() : s;
                }
                case ScalarArrayOpExpr a when !a.all() && a.array() instanceof Const k && k.value() instanceof ArrayValue arr
                    && a.left() instanceof ColumnVar v -> {
                    // x op ANY (array): the OR of x op element (a NULL element selects nothing)
                    Selected s = none();
                    for (int i = 0; i < arr.length(); i++) {
                        Value el = arr.get(i);
                        if (el == null) {
                            continue;
                        }
                        if (!PgType.same(v.type(), el.type())) {
                            return everything();
                        }
                        Selected x = compare(v.index(), a.op().name(), el);
                        if (x == null && a.op().name().equals("=") && key.columns().length == 1
                            && key.columns()[0] == v.index()) {
                            x = wholeKey(new Value[] {el});
                        }
                        if (x == null) {
                            return everything();
                        }
                        s = s.or(x);
                    }
                    return s;
                }
                default -> {
                    return everything();
                }
            }
        }

        /** Records in {@code point} the key column {@code e} sets to a constant with {@code =}, if it does. */
        private void equality(Expression e, Value[] point) {
            if (e instanceof FuncExpr f) {
                Comparison c = Comparison.of(f.function().name(), f.args());
                if (c != null && c.op().equals("=") && c.value() != null) {
                    for (int i = 0; i < point.length; i++) {
                        if (key.columns()[i] == c.column()) {
                            point[i] = c.value();
                        }
                    }
                }
            }
        }

        /** An {@code =} on every key column: the one offset holding that key; null when a column is missing. */
        private Selected wholeKey(Value[] point) {
            for (Value v : point) {
                if (v == null) {
                    return null;
                }
            }
            BitSet b = new BitSet();
            switch (key.strategy()) {
                case 'h' -> {
                    for (int i = 0; i < children.size(); i++) {
                        if (children.get(i).partitioning().bound().accepts(point, key)) {
                            b.set(i);
                        }
                    }
                    return new Selected(b, false, false);
                }
                case 'r' -> {
                    b.set(offsetOf(point, new int[point.length], false));
                    return new Selected(b, false, false);
                }
                default -> {
                    return listEquals(point[0]);
                }
            }
        }

        /**
         * A RANGE key of several columns: each comparison of a later key column, combined with
         * the values the AND's comparisons give every column before it, is a comparison of that
         * prefix of the key (gen_prune_steps_from_opexps): {@code a = 0 AND b < 5} selects the keys
         * below (0, 5) — whose first column is 0, by the step of {@code a = 0}. A prefix may take
         * an {@code =} of an earlier column, and for {@code < <=} its {@code <=}, for {@code > >=}
         * its {@code >=}; every earlier column must have one, and a column compared with a strict
         * {@code <} or {@code >} ends the columns considered (PostgreSQL's consider_next_key).
         */
        private Selected prefixSteps(Expression[] conjuncts, Selected s) {
            int n = key.columns().length;
            List<List<Comparison>> byColumn = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byColumn.add(new ArrayList<>());
            }
            for (Expression e : IndexPaths.conjuncts(new BoolExpr(BoolExpr.Op.AND, conjuncts))) { // BETWEEN's AND too
                if (e instanceof FuncExpr f) {
                    Comparison c = Comparison.of(f.function().name(), f.args());
                    int k = c == null || c.value() == null ? -1 : position(c.column());
                    if (k >= 0) {
                        byColumn.get(k).add(c);
                    }
                }
            }
            int usable = 0;
            while (usable < n && !byColumn.get(usable).isEmpty()) {
                boolean strict = byColumn.get(usable).stream().anyMatch(c -> c.op().equals("<") || c.op().equals(">"));
                usable++;
                if (strict) {
                    break;
                }
            }
            for (int k = 1; k < usable; k++) {
                for (Comparison c : byColumn.get(k)) {
                    List<List<Value>> choices = new ArrayList<>();
                    for (int j = 0; j < k; j++) {
                        List<Value> vs = new ArrayList<>();
                        for (Comparison p : byColumn.get(j)) {
                            if (p.op().equals("=") || p.op().equals("<=") && c.op().startsWith("<")
                                || p.op().equals(">=") && c.op().startsWith(">")) {
                                vs.add(p.value());
                            }
                        }
                        choices.add(vs);
                    }
                    s = prefixCombinations(choices, new Value[k + 1], 0, c, s);
                }
            }
            return s;
        }

        /** Each choice of prefix values (one per earlier column) with {@code c}'s value last: one step each, intersected. */
        private Selected prefixCombinations(List<List<Value>> choices, Value[] values, int j, Comparison c, Selected s) {
            if (j == choices.size()) {
                values[j] = c.value();
                return s.and(rangeSelect(values.clone(), c.op()));
            }
            for (Value v : choices.get(j)) {
                values[j] = v;
                s = prefixCombinations(choices, values, j + 1, c, s);
            }
            return s; // no value for column j: the comparison makes no step
        }

        private int position(int column) {
            int[] cols = key.columns();
            for (int i = 0; i < cols.length; i++) {
                if (cols[i] == column) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * The offsets comparison {@code column op value} selects, or null when this level cannot
         * use it (not its key's column, or not the first column of a RANGE key of several).
         */
        private Selected compare(int column, String op, Value value) {
            int[] cols = key.columns();
            if (key.strategy() == 'h' || cols[0] != column) {
                return null;
            }
            if (key.strategy() == 'l') {
                if (op.equals("=")) {
                    return listEquals(value);
                }
                BitSet b = new BitSet();
                for (int i = 0; i < values.size(); i++) {
                    int c = values.get(i).compareTo(value);
                    if (switch (op) {
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        default -> c >= 0;
                    }) {
                        b.set(i);
                    }
                }
                return new Selected(b, true, false);
            }
            return rangeSelect(new Value[] {value}, op);
        }

        /**
         * RANGE: the intervals holding keys whose first {@code prefix.length} columns compare with
         * {@code prefix} (lexicographically) as {@code op} says; the rest of the key open to
         * -infinity (below) or +infinity (above).
         */
        private Selected rangeSelect(Value[] prefix, String op) {
            int n = key.columns().length;
            Value[] v = java.util.Arrays.copyOf(prefix, n);
            // a key whose prefix is v is below (v, MAXVALUE, ...): an end equal to that starts an
            // interval of greater prefixes only
            boolean padded = prefix.length < n;
            int[] below = new int[n];
            int[] above = new int[n];
            for (int i = prefix.length; i < n; i++) {
                below[i] = PartitionBound.MIN;
                above[i] = PartitionBound.MAX;
            }
            int last = offsetPartition.length - 1;
            int from;
            int to;
            switch (op) {
                case "=" -> {
                    from = offsetOf(v, below, false);
                    to = offsetOf(v, above, padded);
                }
                case "<" -> {
                    from = 0;
                    to = offsetOf(v, below, true);
                }
                case "<=" -> {
                    from = 0;
                    to = offsetOf(v, above, padded);
                }
                case ">" -> {
                    from = offsetOf(v, above, false);
                    to = last;
                }
                default -> {
                    from = offsetOf(v, below, false);
                    to = last;
                }
            }
            BitSet b = new BitSet();
            if (from <= to) {
                b.set(from, to + 1);
            }
            // the intervals below a MINVALUE end and above a MAXVALUE end hold no key: not the
            // DEFAULT partition's (get_matching_range_bounds steps over them the same way)
            if (!ends.isEmpty() && ends.get(0).lowerKinds()[0] == PartitionBound.MIN) {
                b.clear(0);
            }
            if (!ends.isEmpty() && ends.get(ends.size() - 1).lowerKinds()[0] == PartitionBound.MAX) {
                b.clear(last);
            }
            return new Selected(b, false, false);
        }

        private Selected listEquals(Value value) {
            BitSet b = new BitSet();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).compareTo(value) == 0) {
                    b.set(i);
                    return new Selected(b, false, false);
                }
            }
            return new Selected(b, true, false); // not listed: only the DEFAULT partition may hold it
        }

        /**
         * The RANGE offset (interval) holding the key {@code v} / {@code kinds}: the number of ends
         * at or below it; {@code strict}: of the ends below it (the interval just under the key).
         */
        private int offsetOf(Value[] v, int[] kinds, boolean strict) {
            int n = 0;
            for (PartitionBound e : ends) {
                int c = PartitionBound.compareEnds(e.lower(), e.lowerKinds(), v, kinds);
                if (c < 0 || (c == 0 && !strict)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A key comparison {@code column op constant} (the constant of the column's type, NULL included), either way round. */
    private record Comparison(int column, String op, Value value) {
        static Comparison of(String name, Expression[] args) {
            if (args.length != 2) {
                return null;
            }
            String op = switch (name) {
                case "=", "<", "<=", ">", ">=" -> name;
                default -> null;
            };
            if (op == null) {
                return null;
            }
            if (args[0] instanceof ColumnVar v && args[1] instanceof Const k) {
                return of(v, op, k);
            }
            if (args[1] instanceof ColumnVar v && args[0] instanceof Const k) {
                return of(v, switch (op) {
                    case "<" -> ">";
                    case "<=" -> ">=";
                    case ">" -> "<";
                    case ">=" -> "<=";
                    default -> op;
                }, k);
            }
            return null;
        }

        private static Comparison of(ColumnVar v, String op, Const k) {
            if (v.index() < 0 || !PgType.same(v.type(), k.type())) {
                return null;
            }
            return new Comparison(v.index(), op, k.value());
        }
    }
}
