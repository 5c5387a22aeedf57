package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/**
 * Merge join on equality keys (PostgreSQL's MergeJoin): both inputs ordered ascending by their
 * keys with NULLs last — already (an ordered index scan) or sorted here ({@code sortOuter},
 * {@code sortInner}: EXPLAIN shows a Sort under the join). The outer side streams; the inner
 * side is kept in memory (sorted if asked) so a group of equal inner keys can be re-read for
 * every outer row of that key, and so FULL / RIGHT can return the inner rows that never
 * matched. A NULL key matches nothing (its row is null-extended when the join kind asks). Each
 * candidate pair is checked with the whole join qual, so only equality needs to be consistent
 * with the key order. LEFT: emitUnmatchedOuter; RIGHT: the sides swapped; FULL: both.
 */
public final class MergeJoinPlan extends Plan {
    private final Plan outer;
    private final Plan inner;
    private final Expression[] outerKeys;
    private final Expression[] innerKeys;
    private final Expression qual;
    private final int innerLo;
    private final int innerHi;
    private final boolean emitUnmatchedOuter;
    private final boolean emitUnmatchedInner;
    private final boolean sortOuter;
    private final boolean sortInner;

    public MergeJoinPlan(Plan outer, Plan inner, Expression[] outerKeys, Expression[] innerKeys, Expression qual,
                         int innerLo, int innerHi, boolean emitUnmatchedOuter, boolean emitUnmatchedInner,
                         boolean sortOuter, boolean sortInner) {
        this.outer = outer;
        this.inner = inner;
        this.outerKeys = outerKeys;
        this.innerKeys = innerKeys;
        this.qual = qual;
        this.innerLo = innerLo;
        this.innerHi = innerHi;
        this.emitUnmatchedOuter = emitUnmatchedOuter;
        this.emitUnmatchedInner = emitUnmatchedInner;
        this.sortOuter = sortOuter;
        this.sortInner = sortInner;
    }

    public Plan outer() { return outer; }
    public Plan inner() { return inner; }
    public Expression[] outerKeys() { return outerKeys; }
    public Expression[] innerKeys() { return innerKeys; }
    public Expression qual() { return qual; }
    public boolean emitUnmatchedOuter() { return emitUnmatchedOuter; }
    public boolean emitUnmatchedInner() { return emitUnmatchedInner; }
    public boolean sortOuter() { return sortOuter; }
    public boolean sortInner() { return sortInner; }

    /** A row and its key values (null: a key is NULL). */
    private record Keyed(Value[] row, Value[] key) {}

    private static Value[] key(Expression[] keys, Value[] row, EvalContext ctx) {
        Value[] k = new Value[keys.length];
        for (int i = 0; i < keys.length; i++) {
            k[i] = keys[i].eval(row, ctx);
            if (k[i] == null) {
                return null;
            }
        }
        return k;
    }

    /** Key order: ascending, a NULL key after every other. */
    private static int compare(Value[] a, Value[] b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        for (int i = 0; i < a.length; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<Keyed> readAll(RowCursor c, Expression[] keys, boolean sort, EvalContext ctx) {
        List<Keyed> rows = new ArrayList<>();
        Value[] r;
        while ((r = c.next()) != null) {
            rows.add(new Keyed(r, key(keys, r, ctx)));
            ctx.checkForInterrupts();
        }
        if (sort) {
            rows.sort((x, y) -> compare(x.key, y.key));
        }
        return rows;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        List<Keyed> in = readAll(inner.open(ctx), innerKeys, sortInner, ctx);
        boolean[] innerMatched = emitUnmatchedInner ? new boolean[in.size()] : null;
        RowCursor outerRows;
        if (sortOuter) {
            List<Keyed> out = readAll(outer.open(ctx), outerKeys, true, ctx);
            outerRows = new RowCursor() {
                private int next;

                @Override
                public Value[] next() {
                    return next < out.size() ? out.get(next++).row : null;
                }
            };
        } else {
            outerRows = outer.open(ctx);
        }
        return new RowCursor() {
            private Value[] current;
            private Value[] currentKey;
            private boolean currentMatched;
            private int groupStart; // first inner row whose key is not below the outer key
            private int groupEnd;
            private int next;
            private boolean outerDone;
            private int unmatchedNext;

            @Override
            public Value[] next() {
                while (!outerDone) {
                    if (current == null) {
                        current = outerRows.next();
                        if (current == null) {
                            outerDone = true;
                            break;
                        }
                        currentKey = key(outerKeys, current, ctx);
                        currentMatched = false;
                        if (currentKey == null) {
                            next = groupEnd = groupStart; // no match
                        } else {
                            while (groupStart < in.size() && compare(in.get(groupStart).key, currentKey) < 0) {
                                groupStart++;
                            }
                            groupEnd = groupStart;
                            while (groupEnd < in.size() && in.get(groupEnd).key != null
                                && compare(in.get(groupEnd).key, currentKey) == 0) {
                                groupEnd++;
                            }
                            next = groupStart;
                        }
                    }
                    while (next < groupEnd) {
                        int i = next++;
                        Value[] joined = JoinRows.combine(current, in.get(i).row, innerLo, innerHi);
                        if (JoinRows.passes(qual, joined, ctx)) {
                            currentMatched = true;
                            if (innerMatched != null) {
                                innerMatched[i] = true;
                            }
                            return joined;
                        }
                    }
                    Value[] done = current;
                    current = null;
                    ctx.checkForInterrupts();
                    if (emitUnmatchedOuter && !currentMatched) {
                        return done;
                    }
                }
                if (innerMatched != null) {
                    while (unmatchedNext < in.size()) {
                        int i = unmatchedNext++;
                        if (!innerMatched[i]) {
                            return in.get(i).row;
                        }
                    }
                }
                return null;
            }
        };
    }
}
