package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.analyze.FromNode;
import org.tuskdb.sql.internal.ast.Statement.JoinKind;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * A join with a LATERAL right side (PostgreSQL's NestLoop with the left row as the parameter of
 * its inner side): for each left row the right side (a derived table or function, which reads
 * the left row's columns as outer references) runs anew with that row as its outer row
 * ({@link SubqueryContext}), its rows placed into its slice of the wide row; the ON qual is
 * checked on each pair; LEFT JOIN returns a left row without a match with the slice NULL.
 * Only INNER / CROSS / LEFT: a lateral reference from the right side of RIGHT / FULL is 42P10.
 */
public final class LateralJoinPlan extends Plan {
    private final Plan outer;
    private final Plan inner;
    private final Expression qual;
    private final int innerLo;
    private final int innerHi;
    private final boolean emitUnmatchedOuter;

    private LateralJoinPlan(Plan outer, Plan inner, Expression qual, int innerLo, int innerHi, boolean emitUnmatchedOuter) {
        this.outer = outer;
        this.inner = inner;
        this.qual = qual;
        this.innerLo = innerLo;
        this.innerHi = innerHi;
        this.emitUnmatchedOuter = emitUnmatchedOuter;
    }

    /** Plans {@code j} (its right side a {@link FromNode.Lateral}); quals reading only the left side go into it. */
    static Planner.Planned plan(Planner planner, FromNode.Join j, List<FromNode.Conjunct> quals, int total) {
        if (j.kind() == JoinKind.RIGHT || j.kind() == JoinKind.FULL) {
            throw DatabaseException.error("42P10", "invalid reference to FROM-clause entry")
                .withHint("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
        }
        List<FromNode.Conjunct> left = new ArrayList<>();
        List<FromNode.Conjunct> above = new ArrayList<>();
        for (FromNode.Conjunct c : quals) {
            (Planner.within(c.bases(), j.left().bases()) ? left : above).add(c);
        }
        Plan outer = planner.planItem(j.left(), left, total);
        FromNode.Lateral lateral = (FromNode.Lateral) j.right();
        Plan inner = planner.planItem(lateral.inner(), List.of(), total);
        Plan p = planner.instrumented(new LateralJoinPlan(outer, inner, Planner.conjunction(j.on()), lateral.lo(),
            lateral.hi(), j.kind() == JoinKind.LEFT));
        Plan filtered = planner.filtered(p, above);
        return new Planner.Planned(filtered, planner.cost(filtered).rows());
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor out = outer.open(ctx);
        return new RowCursor() {
            private Value[] current;
            private SubqueryContext sub;
            private RowCursor in;
            private boolean matched;

            @Override
            public Value[] next() {
                while (true) {
                    if (current == null) {
                        current = out.next();
                        if (current == null) {
                            return null;
                        }
                        sub = new SubqueryContext(ctx, current);
                        in = inner.open(sub);
                        matched = false;
                    }
                    Value[] r;
                    while ((r = in.next()) != null) {
                        Value[] joined = JoinRows.combine(current, r, innerLo, innerHi);
                        if (JoinRows.passes(qual, joined, ctx)) {
                            matched = true;
                            return joined;
                        }
                        ctx.checkForInterrupts();
                    }
                    sub.closeResources();
                    Value[] done = current;
                    current = null;
                    if (emitUnmatchedOuter && !matched) {
                        return done;
                    }
                    ctx.checkForInterrupts();
                }
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainOuter() { return outer; }
    public Plan explainInner() { return inner; }
    public Expression explainQual() { return qual; }
    public boolean explainEmitsUnmatchedOuter() { return emitUnmatchedOuter; }
}
