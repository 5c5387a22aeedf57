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
 * argument values. Past work_mem the groups that do not fit are aggregated later from
 * partition files ({@link HashAggCursor}). A sorted aggregation (PostgreSQL's GroupAggregate,
 * planned when enable_hashagg is off) reads input sorted by the keys and returns each group when
 * the next one starts, holding one group at a time ({@link GroupAggCursor}).
 */
public final class AggPlan extends Plan {
    private final Plan input;
    private final Expression[] keys;
    private final AggCall[] aggs;
    /** Whether the input comes sorted by the keys (GroupAggregate) rather than in any order. */
    private final boolean sorted;

    public AggPlan(Plan input, Expression[] keys, AggCall[] aggs) {
        this(input, keys, aggs, false);
    }

    public AggPlan(Plan input, Expression[] keys, AggCall[] aggs, boolean sorted) {
        this.input = input;
        this.keys = keys;
        this.aggs = aggs;
        this.sorted = sorted;
    }

    private final class Group {
        final Value[] keyValues;
        final Accumulator[] acc = new Accumulator[aggs.length];
        final Set<GroupKey>[] seen;
        /** For aggregates with ORDER BY: [args..., sort keys...] of each input row, fed at the end. */
        final List<Value[]>[] buffered;
        /** Estimated bytes the DISTINCT sets and ORDER BY buffers hold (for work_mem). */
        long stateBytes;

        @SuppressWarnings("unchecked")
        Group(Value[] keyValues) {
            this.keyValues = keyValues;
            Set<GroupKey>[] s = null;
            List<Value[]>[] b = null;
            for (int i = 0; i < aggs.length; i++) {
                acc[i] = aggs[i].function().newAccumulator();
                if (!aggs[i].order().isEmpty() || sortsDistinct(aggs[i])) {
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
            add(row, ctx, null);
        }

        /** scratch: per aggregate an argument array to reuse (accumulators do not keep it), or null. */
        void add(Value[] row, EvalContext ctx, Value[][] scratch) {
            for (int i = 0; i < aggs.length; i++) {
                AggCall call = aggs[i];
                if (call.filter() != null) {
                    Value f = call.filter().eval(row, ctx);
                    if (f == null || !((org.tuskdb.sql.internal.value.BoolValue) f).value()) {
                        continue;
                    }
                }
                Expression[] argExprs = call.args();
                boolean distinct = seen != null && seen[i] != null;
                Value[] args = scratch != null && !distinct ? scratch[i] : new Value[argExprs.length];
                for (int a = 0; a < args.length; a++) {
                    args[a] = argExprs[a].eval(row, ctx);
                }
                if (args.length > 0 && args[0] == null && call.function().strict()) {
                    continue;
                }
                if (distinct) {
                    if (!seen[i].add(new GroupKey(args))) {
                        continue;
                    }
                    stateBytes += TempFiles.rowBytes(args) + 48;
                }
                if (buffered != null && buffered[i] != null) {
                    int na = args.length;
                    Value[] entry = Arrays.copyOf(args, na + call.order().size());
                    for (int k = 0; k < call.order().size(); k++) {
                        entry[na + k] = call.order().get(k).expr().eval(row, ctx);
                    }
                    buffered[i].add(entry);
                    stateBytes += TempFiles.rowBytes(entry) + 8;
                    continue;
                }
                acc[i].add(args, ctx);
            }
        }

        /**
         * Whether a DISTINCT aggregate without ORDER BY takes its inputs sorted: PostgreSQL sorts
         * to find the distinct values, so array_agg(DISTINCT x) and its kin list them ascending
         * (NULL last); for the others the order does not show.
         */
        private static boolean sortsDistinct(AggCall call) {
            if (!call.distinct()) {
                return false;
            }
            return switch (call.function().name()) {
                case "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg" -> true;
                default -> false;
            };
        }

        /** Feeds the buffered rows of ORDER BY aggregates in their order (DISTINCT ones by their arguments). */
        void finishOrdered(EvalContext ctx) {
            if (buffered == null) {
                return;
            }
            for (int i = 0; i < aggs.length; i++) {
                if (buffered[i] == null) {
                    continue;
                }
                AggCall call = aggs[i];
                int na = call.args().length;
                buffered[i].sort(call.order().isEmpty() ? (a, b) -> {
                    for (int k = 0; k < na; k++) {
                        int x = compare(a[k], b[k], false, false);
                        if (x != 0) {
                            return x;
                        }
                    }
                    return 0;
                } : (a, b) -> {
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
                    acc[i].add(Arrays.copyOf(e, na), ctx);
                }
                buffered[i] = null;
            }
        }

        Value[] result(EvalContext ctx) {
            finishOrdered(ctx);
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
        if (keys.length == 0) {
            Group only = new Group(new Value[0]);
            Value[][] scratch = scratch();
            Value[] row;
            while ((row = in.next()) != null) {
                only.add(row, ctx, scratch);
                ctx.checkForInterrupts();
            }
            return new RowCursor() {
                private boolean done;

                @Override
                public Value[] next() {
                    if (done) {
                        return null;
                    }
                    done = true;
                    return only.result(ctx);
                }
            };
        }
        if (sorted) {
            return new GroupAggCursor(in, ctx);
        }
        HashAggCursor c = new HashAggCursor(ctx);
        c.fill(in, 0);
        return c;
    }

    /** GroupAggregate: consecutive input rows with equal keys (NULLs equal, as GROUP BY has it) form a group. */
    private final class GroupAggCursor implements RowCursor {
        private final RowCursor in;
        private final EvalContext ctx;
        private final Value[][] scratch = scratch();
        /** The first row of the next group, read while finishing the current one; null at the end. */
        private Value[] pendingRow;
        private GroupKey pendingKey;
        private boolean started;

        GroupAggCursor(RowCursor in, EvalContext ctx) {
            this.in = in;
            this.ctx = ctx;
        }

        private GroupKey keyOf(Value[] row) {
            Value[] k = new Value[keys.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = keys[i].eval(row, ctx);
            }
            return new GroupKey(k);
        }

        @Override
        public Value[] next() {
            if (!started) {
                started = true;
                pendingRow = in.next();
                pendingKey = pendingRow == null ? null : keyOf(pendingRow);
            }
            if (pendingRow == null) {
                return null;
            }
            GroupKey key = pendingKey;
            Group g = new Group(key.values());
            g.add(pendingRow, ctx, scratch);
            pendingRow = null;
            Value[] row;
            while ((row = in.next()) != null) {
                ctx.checkForInterrupts();
                GroupKey k = keyOf(row);
                if (!k.equals(key)) {
                    pendingRow = row;
                    pendingKey = k;
                    break;
                }
                g.add(row, ctx, scratch);
            }
            return g.result(ctx);
        }
    }

    private Value[][] scratch() {
        Value[][] s = new Value[aggs.length][];
        for (int i = 0; i < aggs.length; i++) {
            s[i] = new Value[aggs[i].args().length];
        }
        return s;
    }

    /** The hash key of a group: its one value itself (NULL_KEY for NULL), else a GroupKey of all. */
    private static final Object NULL_KEY = new Object();

    /**
     * Hash aggregation bounded by work_mem (PostgreSQL 13's spilling HashAgg): while the groups'
     * estimated size is below work_mem, a row of a new group makes a group; past it, rows of
     * groups already in the table still go into them, rows of other groups are written to one of
     * a few partition files chosen by their key's hash. Once the input ends the groups in memory
     * are returned, then each partition is aggregated the same way (its overflow again
     * partitioned, by other bits of the hash), one at a time.
     */
    private final class HashAggCursor implements RowCursor {
        private final EvalContext ctx;
        private final long memLimit;
        private final int partitions;
        private final java.util.ArrayDeque<Partition> pending = new java.util.ArrayDeque<>();
        private TempFiles files;
        private java.util.Iterator<Group> groups;

        HashAggCursor(EvalContext ctx) {
            this.ctx = ctx;
            this.memLimit = TempFiles.memoryLimit(ctx);
            this.partitions = (int) Math.max(4, Math.min(32, memLimit / (4L * TempFiles.BUFFER)));
        }

        /** Aggregates the rows of in; those of groups that did not fit go to partition files of the next level. */
        void fill(RowCursor in, int level) {
            List<Group> list = new ArrayList<>();
            Map<Object, Group> byKey = new HashMap<>();
            TempFiles.Writer[] parts = null;
            long mem = 0;
            long perGroup = 112 + 48L * aggs.length;
            boolean oneKey = keys.length == 1;
            Value[][] scratch = scratch();
            Value[] row;
            while ((row = in.next()) != null) {
                Object gk;
                Value[] k = null;
                if (oneKey) {
                    Value v = keys[0].eval(row, ctx);
                    gk = v == null ? NULL_KEY : v;
                } else {
                    k = new Value[keys.length];
                    for (int i = 0; i < k.length; i++) {
                        k[i] = keys[i].eval(row, ctx);
                    }
                    gk = new GroupKey(k);
                }
                Group g = byKey.get(gk);
                if (g == null) {
                    if (k == null) {
                        k = new Value[] {gk == NULL_KEY ? null : (Value) gk};
                    }
                    if (parts == null && mem > memLimit) {
                        parts = new TempFiles.Writer[partitions];
                        if (files == null) {
                            files = TempFiles.open(ctx);
                        }
                    }
                    if (parts != null) {
                        int p = Math.floorMod(spillHash(gk.hashCode(), level), partitions);
                        if (parts[p] == null) {
                            parts[p] = files.create();
                        }
                        parts[p].write(row);
                        ctx.checkForInterrupts();
                        continue;
                    }
                    g = new Group(k);
                    byKey.put(gk, g);
                    list.add(g);
                    mem += perGroup + TempFiles.rowBytes(k);
                }
                long state = g.stateBytes;
                g.add(row, ctx, scratch);
                mem += g.stateBytes - state;
                ctx.checkForInterrupts();
            }
            if (parts != null) {
                for (TempFiles.Writer w : parts) {
                    if (w != null) {
                        pending.add(new Partition(w.finish(), level + 1));
                    }
                }
            }
            groups = list.iterator();
        }

        @Override
        public Value[] next() {
            while (true) {
                if (groups.hasNext()) {
                    return groups.next().result(ctx);
                }
                Partition p = pending.poll();
                if (p == null) {
                    if (files != null) {
                        files.close();
                    }
                    return null;
                }
                groups = java.util.Collections.emptyIterator();
                fill(p.rows()::next, p.level());
            }
        }
    }

    /** A spilled partition: its rows and the level that aggregates them. */
    private record Partition(TempFiles.Reader rows, int level) {}

    /** The key's hash mixed with the spill level, so that each level splits on other bits. */
    static int spillHash(int h, int level) {
        h ^= level * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public Expression[] explainKeys() { return keys; }
    public AggCall[] explainAggregates() { return aggs; }
    /** GroupAggregate (input sorted by the keys) rather than HashAggregate. */
    public boolean explainSorted() { return sorted; }
}
