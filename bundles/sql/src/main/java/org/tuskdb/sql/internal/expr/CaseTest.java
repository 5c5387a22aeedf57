package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** The value of a simple CASE's operand inside its WHEN comparisons. */
public final class CaseTest extends Expression {
    private final PgType type;

    public CaseTest(PgType type) {
        this.type = type;
    }

    @Override public PgType type() { return type; }
    @Override public Value eval(Value[] row, EvalContext ctx) { return ctx.caseValue(); }
}
