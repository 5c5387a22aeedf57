package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
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

        @SuppressWarnings("unchecked")
        Group(Value[] keyValues) {
            this.keyValues = keyValues;
            Set<GroupKey>[] s = null;
            for (int i = 0; i < aggs.length; i++) {
                acc[i] = aggs[i].function().newAccumulator();
                if (aggs[i].distinct()) {
                    if (s == null) {
                        s = new Set[aggs.length];
                    }
                    s[i] = new HashSet<>();
                }
            }
            this.seen = s;
        }

        void add(Value[] row, EvalContext ctx) {
            for (int i = 0; i < aggs.length; i++) {
                Expression[] argExprs = aggs[i].args();
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
                acc[i].add(args);
            }
        }

        Value[] result() {
            Value[] out = new Value[keys.length + aggs.length];
            System.arraycopy(keyValues, 0, out, 0, keys.length);
            for (int i = 0; i < aggs.length; i++) {
                out[keys.length + i] = acc[i].result();
            }
            return out;
        }
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
}
