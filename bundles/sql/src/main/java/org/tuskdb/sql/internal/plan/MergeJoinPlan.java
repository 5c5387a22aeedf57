package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/**
 * Merge join on equality keys (PostgreSQL's MergeJoin): both inputs ordered ascending by their
 * keys with NULLs last — already (an ordered index scan) or sorted here ({@code sortOuter},
 * {@code sortInner}: EXPLAIN shows a Sort under the join), by the same external sort as a Sort
 * node, so past work_mem the sorted runs go to temporary files. Both sides then stream; only the
 * group of inner rows of the current key is held, to be re-read for every outer row of that key;
 * FULL / RIGHT return the inner rows that never matched as the merge passes them. A NULL key matches nothing (its row is null-extended when the join kind asks). Each
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

    /**
     * Rows in the merge's key order ({@link #compare}): ascending, a row with any NULL key after
     * every other (so the NULL-keyed rows, which match nothing, come last as one block).
     */
    private static final class KeyOrder implements java.util.Comparator<Value[]> {
        private final Expression[] keys;
        private final EvalContext ctx;
        private final Value[] x;
        private final Value[] y;

        KeyOrder(Expression[] keys, EvalContext ctx) {
            this.keys = keys;
            this.ctx = ctx;
            this.x = new Value[keys.length];
            this.y = new Value[keys.length];
        }

        /** The row's key values into {@code out}; true when one is NULL. */
        private boolean fill(Value[] row, Value[] out) {
            for (int i = 0; i < keys.length; i++) {
                out[i] = keys[i].eval(row, ctx);
                if (out[i] == null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int compare(Value[] a, Value[] b) {
            boolean an = fill(a, x);
            boolean bn = fill(b, y);
            if (an || bn) {
                return an == bn ? 0 : an ? 1 : -1;
            }
            for (int i = 0; i < keys.length; i++) {
                int c = x[i].compareTo(y[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    /** The input's rows sorted by the keys, spilling past work_mem as a Sort does ({@link ExternalSort}). */
    private static RowCursor sorted(Plan p, Expression[] keys, EvalContext ctx) {
        RowCursor in = p.open(ctx);
        ExternalSort sort = new ExternalSort(new KeyOrder(keys, ctx), ctx, -1);
        Value[] r;
        while ((r = in.next()) != null) {
            sort.add(r);
            ctx.checkForInterrupts();
        }
        return sort.result();
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor innerRows = sortInner ? sorted(inner, innerKeys, ctx) : inner.open(ctx);
        RowCursor outerRows = sortOuter ? sorted(outer, outerKeys, ctx) : outer.open(ctx);
        return new MergeCursor(outerRows, innerRows, ctx);
    }

    /**
     * Both sides streamed in key order; only the inner rows of the current key (the group an
     * outer row is matched against, re-read for each outer row of that key) are held. Inner rows
     * passed without a match are returned as they are passed when the join kind asks for them.
     */
    private final class MergeCursor implements RowCursor {
        private final RowCursor outerRows;
        private final RowCursor innerRows;
        private final EvalContext ctx;
        /** The next inner row not yet in a group, and its key (null: a NULL key, or no row). */
        private Value[] peek;
        private Value[] peekKey;
        private final List<Value[]> group = new ArrayList<>();
        private final java.util.BitSet groupMatched = new java.util.BitSet();
        private Value[] groupKey;
        /** Unmatched inner rows waiting to be returned. */
        private final List<Value[]> pending = new ArrayList<>();
        private int pendingNext;
        private Value[] current;
        private Value[] currentKey;
        private boolean currentMatched;
        private int next;
        private boolean outerDone;

        MergeCursor(RowCursor outerRows, RowCursor innerRows, EvalContext ctx) {
            this.outerRows = outerRows;
            this.innerRows = innerRows;
            this.ctx = ctx;
            advanceInner();
        }

        private void advanceInner() {
            peek = innerRows.next();
            peekKey = peek == null ? null : key(innerKeys, peek, ctx);
        }

        /** Ends the current group; its rows that never matched wait for output when unmatched inner rows are wanted. */
        private void dropGroup() {
            if (emitUnmatchedInner) {
                for (int i = 0; i < group.size(); i++) {
                    if (!groupMatched.get(i)) {
                        pending.add(group.get(i));
                    }
                }
            }
            group.clear();
            groupMatched.clear();
            groupKey = null;
        }

        /** Makes the group the inner rows of key {@code k} (not NULL); empty when there are none. */
        private void seek(Value[] k) {
            if (groupKey != null && compare(groupKey, k) == 0) {
                return;
            }
            dropGroup();
            while (peek != null && peekKey != null && compare(peekKey, k) < 0) {
                if (emitUnmatchedInner) {
                    pending.add(peek);
                }
                advanceInner();
                ctx.checkForInterrupts();
            }
            if (peek != null && peekKey != null && compare(peekKey, k) == 0) {
                groupKey = peekKey;
                while (peek != null && peekKey != null && compare(peekKey, groupKey) == 0) {
                    group.add(peek);
                    advanceInner();
                }
            }
        }

        @Override
        public Value[] next() {
            while (true) {
                if (pendingNext < pending.size()) {
                    Value[] r = pending.get(pendingNext++);
                    if (pendingNext == pending.size()) {
                        pending.clear();
                        pendingNext = 0;
                    }
                    return r;
                }
                if (outerDone) {
                    if (!emitUnmatchedInner) {
                        return null;
                    }
                    if (!group.isEmpty()) {
                        dropGroup();
                        continue;
                    }
                    if (peek == null) {
                        return null;
                    }
                    Value[] r = peek; // past every outer key, or a NULL key: never matched
                    advanceInner();
                    return r;
                }
                if (current == null) {
                    current = outerRows.next();
                    if (current == null) {
                        outerDone = true;
                        continue;
                    }
                    currentKey = key(outerKeys, current, ctx);
                    currentMatched = false;
                    next = 0;
                    if (currentKey != null) {
                        seek(currentKey); // a NULL outer key matches nothing and leaves the group
                    }
                    continue;
                }
                if (currentKey != null && groupKey != null) {
                    while (next < group.size()) {
                        int i = next++;
                        Value[] joined = JoinRows.combine(current, group.get(i), innerLo, innerHi);
                        if (JoinRows.passes(qual, joined, ctx)) {
                            currentMatched = true;
                            groupMatched.set(i);
                            return joined;
                        }
                    }
                }
                Value[] done = current;
                current = null;
                ctx.checkForInterrupts();
                if (emitUnmatchedOuter && !currentMatched) {
                    return done;
                }
            }
        }
    }
}
