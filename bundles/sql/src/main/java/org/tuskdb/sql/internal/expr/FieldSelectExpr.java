package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.Value;

/** {@code (record).field} (also of a set-returning function's current record in the select list). */
public final class FieldSelectExpr extends Expression {
    private final Expression arg;
    private final int field;
    private final PgType type;

    public FieldSelectExpr(Expression arg, int field, PgType type) {
        this.arg = arg;
        this.field = field;
        this.type = type;
    }

    public Expression arg() { return arg; }
    public int field() { return field; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        return v == null ? null : ((RecordValue) v).field(field);
    }
}
