package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/**
 * Hash join on equality clauses: the build side is read into a hash table on its key
 * expressions (rows with a NULL key never match and are kept aside only when they must be
 * returned null-extended), then each probe row looks its keys up and every candidate is checked
 * with the whole join qual (so hashing only has to be consistent with equality). Outer joins:
 * unmatched probe rows null-extended (emitUnmatchedProbe), unmatched build rows at the end
 * (emitUnmatchedBuild) — so the build side may be either input of a LEFT / RIGHT / FULL join.
 * The table is a java.util.HashMap from the key (the value itself for one key, else a key
 * record) to a chain of build rows; an open-addressing table over the key hashes and batches,
 * spilling past work_mem, would be the faster next step.
 */
public final class HashJoinPlan extends Plan {
    private final Plan probe;
    private final Plan build;
    private final Expression[] probeKeys;
    private final Expression[] buildKeys;
    private final Expression qual;
    private final int buildLo;
    private final int buildHi;
    private final boolean emitUnmatchedProbe;
    private final boolean emitUnmatchedBuild;

    public HashJoinPlan(Plan probe, Plan build, Expression[] probeKeys, Expression[] buildKeys, Expression qual,
                        int buildLo, int buildHi, boolean emitUnmatchedProbe, boolean emitUnmatchedBuild) {
        this.probe = probe;
        this.build = build;
        this.probeKeys = probeKeys;
        this.buildKeys = buildKeys;
        this.qual = qual;
        this.buildLo = buildLo;
        this.buildHi = buildHi;
        this.emitUnmatchedProbe = emitUnmatchedProbe;
        this.emitUnmatchedBuild = emitUnmatchedBuild;
    }

    /** A build row, whether some probe row matched it, and the next row of its key (a chain, not a list). */
    private static final class Entry {
        final Value[] row;
        boolean matched;
        Entry next;

        Entry(Value[] row) {
            this.row = row;
        }
    }

    /** The row's key: the value itself for one key (no wrapper), else a GroupKey; null if a key is NULL. */
    private static Object key(Expression[] keys, Value[] row, EvalContext ctx) {
        if (keys.length == 1) {
            return keys[0].eval(row, ctx);
        }
        Value[] k = new Value[keys.length];
        for (int i = 0; i < keys.length; i++) {
            k[i] = keys[i].eval(row, ctx);
            if (k[i] == null) {
                return null;
            }
        }
        return new GroupKey(k);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        Map<Object, Entry> table = new HashMap<>();
        List<Entry> all = emitUnmatchedBuild ? new ArrayList<>() : null;
        RowCursor b = build.open(ctx);
        Value[] r;
        while ((r = b.next()) != null) {
            Entry e = new Entry(r);
            if (all != null) {
                all.add(e);
            }
            Object k = key(buildKeys, r, ctx);
            if (k != null) {
                e.next = table.put(k, e);
            }
            ctx.checkForInterrupts();
        }
        RowCursor p = probe.open(ctx);
        return new RowCursor() {
            private Value[] current;
            private Entry candidate;
            private boolean matched;
            private boolean probeDone;
            private int unmatchedNext;

            @Override
            public Value[] next() {
                while (!probeDone) {
                    if (current == null) {
                        current = p.next();
                        if (current == null) {
                            probeDone = true;
                            break;
                        }
                        Object k = key(probeKeys, current, ctx);
                        candidate = k == null ? null : table.get(k);
                        matched = false;
                    }
                    while (candidate != null) {
                        Entry e = candidate;
                        candidate = e.next;
                        Value[] joined = JoinRows.combine(current, e.row, buildLo, buildHi);
                        if (JoinRows.passes(qual, joined, ctx)) {
                            matched = true;
                            e.matched = true;
                            return joined;
                        }
                    }
                    Value[] done = current;
                    current = null;
                    ctx.checkForInterrupts();
                    if (emitUnmatchedProbe && !matched) {
                        return done;
                    }
                }
                if (all != null) {
                    while (unmatchedNext < all.size()) {
                        Entry e = all.get(unmatchedNext++);
                        if (!e.matched) {
                            return e.row;
                        }
                    }
                }
                return null;
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainProbe() { return probe; }
    public Plan explainBuild() { return build; }
    public Expression[] explainProbeKeys() { return probeKeys; }
    public Expression[] explainBuildKeys() { return buildKeys; }
    public Expression explainQual() { return qual; }
    public boolean explainEmitsUnmatchedProbe() { return emitUnmatchedProbe; }
    public boolean explainEmitsUnmatchedBuild() { return emitUnmatchedBuild; }
}
