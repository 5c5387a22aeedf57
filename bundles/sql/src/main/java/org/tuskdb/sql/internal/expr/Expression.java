package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A bound, typed expression: what the analyzer makes of a raw {@code Expr}, and what the
 * executor evaluates against a row (the input row's values by column index). Evaluating
 * returns null for SQL NULL. Trees are immutable and may be evaluated any number of times,
 * so a prepared statement's plan is reused as is.
 */
public abstract class Expression {
    public abstract PgType type();

    /** Type modifier (varchar length, numeric precision/scale), -1 when none. */
    public int typmod() {
        return -1;
    }

    public abstract Value eval(Value[] row, EvalContext ctx);

    /** True when the value cannot change between evaluations (constant folding, LIMIT checks). */
    public boolean isConstant() {
        return false;
    }
}
