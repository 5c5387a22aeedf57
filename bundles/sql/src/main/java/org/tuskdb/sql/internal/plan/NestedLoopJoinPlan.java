package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/**
 * Nested loop join: the inner side is read once into memory (it never depends on the outer row:
 * a lateral inner side is LateralJoinPlan's), then every outer row is tested against every inner row with the join qual.
 * Outer joins: an outer row without a match is returned null-extended (emitUnmatchedOuter),
 * and, for FULL, inner rows that never matched follow at the end (emitUnmatchedInner).
 */
public final class NestedLoopJoinPlan extends Plan {
    private final Plan outer;
    private final Plan inner;
    private final Expression qual;
    private final int innerLo;
    private final int innerHi;
    private final boolean emitUnmatchedOuter;
    private final boolean emitUnmatchedInner;

    public NestedLoopJoinPlan(Plan outer, Plan inner, Expression qual, int innerLo, int innerHi,
                              boolean emitUnmatchedOuter, boolean emitUnmatchedInner) {
        this.outer = outer;
        this.inner = inner;
        this.qual = qual;
        this.innerLo = innerLo;
        this.innerHi = innerHi;
        this.emitUnmatchedOuter = emitUnmatchedOuter;
        this.emitUnmatchedInner = emitUnmatchedInner;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = inner.open(ctx);
        List<Value[]> innerRows = new ArrayList<>();
        Value[] r;
        while ((r = in.next()) != null) {
            innerRows.add(r);
            ctx.checkForInterrupts();
        }
        boolean[] innerMatched = emitUnmatchedInner ? new boolean[innerRows.size()] : null;
        RowCursor out = outer.open(ctx);
        return new RowCursor() {
            private Value[] current;
            private boolean currentMatched;
            private int next;
            private boolean outerDone;
            private int unmatchedNext;

            @Override
            public Value[] next() {
                while (!outerDone) {
                    if (current == null) {
                        current = out.next();
                        if (current == null) {
                            outerDone = true;
                            break;
                        }
                        currentMatched = false;
                        next = 0;
                    }
                    while (next < innerRows.size()) {
                        int i = next++;
                        Value[] joined = JoinRows.combine(current, innerRows.get(i), innerLo, innerHi);
                        if (JoinRows.passes(qual, joined, ctx)) {
                            currentMatched = true;
                            if (innerMatched != null) {
                                innerMatched[i] = true;
                            }
                            return joined;
                        }
                        ctx.checkForInterrupts();
                    }
                    Value[] done = current;
                    current = null;
                    if (emitUnmatchedOuter && !currentMatched) {
                        return done;
                    }
                }
                if (innerMatched != null) {
                    while (unmatchedNext < innerRows.size()) {
                        int i = unmatchedNext++;
                        if (!innerMatched[i]) {
                            return innerRows.get(i);
                        }
                    }
                }
                return null;
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainOuter() { return outer; }
    public Plan explainInner() { return inner; }
    public Expression explainQual() { return qual; }
    public boolean explainEmitsUnmatchedOuter() { return emitUnmatchedOuter; }
    public boolean explainEmitsUnmatchedInner() { return emitUnmatchedInner; }
}
