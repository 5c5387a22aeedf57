package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/** One empty input row: the source of a SELECT without FROM (PostgreSQL's Result node). */
public final class ResultPlan extends Plan {
    @Override
    public RowCursor open(EvalContext ctx) {
        return new RowCursor() {
            private boolean done;

            @Override
            public Value[] next() {
                if (done) {
                    return null;
                }
                done = true;
                return new Value[0];
            }
        };
    }
}
