package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tuskdb.sql.internal.analyze.Aggregation.AggCall;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.AggregateFunction.Accumulator;
import org.tuskdb.sql.internal.value.Value;

/**
 * Hash aggregation (PostgreSQL's HashAggregate; with no GROUP BY its plain Aggregate, which
 * returns one row even for empty input). Reads all input, keeps one accumulator per aggregate
 * per group in a HashMap keyed by the group's values, and returns rows
 * {@code [keys..., results...]} in the order groups were first seen. An aggregate skips rows
 * whose first argument is NULL (count(*) has none); DISTINCT aggregates first drop repeated
 * argument values. In memory; spilling past work_mem is a follow-up.
 */
public final class AggPlan extends Plan {
    private final Plan input;
    private final Expression[] keys;
    private final AggCall[] aggs;

    public AggPlan(Plan input, Expression[] keys, AggCall[] aggs) {
        this.input = input;
        this.keys = keys;
        this.aggs = aggs;
    }

    private final class Group {
        final Value[] keyValues;
        final Accumulator[] acc = new Accumulator[aggs.length];
        final Set<GroupKey>[] seen;
        /** For aggregates with ORDER BY: [args..., sort keys...] of each input row, fed at the end. */
        final List<Value[]>[] buffered;

        @SuppressWarnings("unchecked")
        Group(Value[] keyValues) {
            this.keyValues = keyValues;
            Set<GroupKey>[] s = null;
            List<Value[]>[] b = null;
            for (int i = 0; i < aggs.length; i++) {
                acc[i] = aggs[i].function().newAccumulator();
                if (!aggs[i].order().isEmpty()) {
                    if (b == null) {
                        b = new List[aggs.length];
                    }
                    b[i] = new ArrayList<>();
                }
                if (aggs[i].distinct()) {
                    if (s == null) {
                        s = new Set[aggs.length];
                    }
                    s[i] = new HashSet<>();
                }
            }
            this.seen = s;
            this.buffered = b;
        }

        void add(Value[] row, EvalContext ctx) {
            for (int i = 0; i < aggs.length; i++) {
                AggCall call = aggs[i];
                if (call.filter() != null) {
                    Value f = call.filter().eval(row, ctx);
                    if (f == null || !((org.tuskdb.sql.internal.value.BoolValue) f).value()) {
                        continue;
                    }
                }
                Expression[] argExprs = call.args();
                Value[] args = new Value[argExprs.length];
                for (int a = 0; a < args.length; a++) {
                    args[a] = argExprs[a].eval(row, ctx);
                }
                if (args.length > 0 && args[0] == null) {
                    continue;
                }
                if (seen != null && seen[i] != null && !seen[i].add(new GroupKey(args))) {
                    continue;
                }
                if (buffered != null && buffered[i] != null) {
                    int na = args.length;
                    Value[] entry = Arrays.copyOf(args, na + call.order().size());
                    for (int k = 0; k < call.order().size(); k++) {
                        entry[na + k] = call.order().get(k).expr().eval(row, ctx);
                    }
                    buffered[i].add(entry);
                    continue;
                }
                acc[i].add(args);
            }
        }

        /** Feeds the buffered rows of ORDER BY aggregates in their order. */
        void finishOrdered() {
            if (buffered == null) {
                return;
            }
            for (int i = 0; i < aggs.length; i++) {
                if (buffered[i] == null) {
                    continue;
                }
                AggCall call = aggs[i];
                int na = call.args().length;
                buffered[i].sort((a, b) -> {
                    for (int k = 0; k < call.order().size(); k++) {
                        var s = call.order().get(k);
                        int x = compare(a[na + k], b[na + k], s.descending(), s.nullsFirst());
                        if (x != 0) {
                            return x;
                        }
                    }
                    return 0;
                });
                for (Value[] e : buffered[i]) {
                    acc[i].add(Arrays.copyOf(e, na));
                }
                buffered[i] = null;
            }
        }

        Value[] result() {
            finishOrdered();
            Value[] out = new Value[keys.length + aggs.length];
            System.arraycopy(keyValues, 0, out, 0, keys.length);
            for (int i = 0; i < aggs.length; i++) {
                out[keys.length + i] = acc[i].result();
            }
            return out;
        }
    }

    private static int compare(Value a, Value b, boolean descending, boolean nullsFirst) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int r = a.compareTo(b);
        return descending ? -r : r;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        List<Group> groups = new ArrayList<>();
        Map<GroupKey, Group> byKey = new HashMap<>();
        Group only = keys.length == 0 ? new Group(new Value[0]) : null;
        if (only != null) {
            groups.add(only);
        }
        Value[] row;
        while ((row = in.next()) != null) {
            Group g = only;
            if (g == null) {
                Value[] k = new Value[keys.length];
                for (int i = 0; i < k.length; i++) {
                    k[i] = keys[i].eval(row, ctx);
                }
                GroupKey gk = new GroupKey(k);
                g = byKey.get(gk);
                if (g == null) {
                    g = new Group(k);
                    byKey.put(gk, g);
                    groups.add(g);
                }
            }
            g.add(row, ctx);
            ctx.checkForInterrupts();
        }
        var it = groups.iterator();
        return () -> it.hasNext() ? it.next().result() : null;
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public Expression[] explainKeys() { return keys; }
    public AggCall[] explainAggregates() { return aggs; }
}
