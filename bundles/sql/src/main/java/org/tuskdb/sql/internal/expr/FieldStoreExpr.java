package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's FieldStore: {@code arg} with one field replaced by {@code value}, what
 * {@code UPDATE t SET p.f = v} assigns to the composite column p (a NULL {@code arg} becomes a
 * row of NULLs first, so the result is never NULL).
 */
public final class FieldStoreExpr extends Expression {
    private final Expression arg;
    private final int field;
    private final Expression value;
    private final PgType type;

    public FieldStoreExpr(Expression arg, int field, Expression value, PgType type) {
        this.arg = arg;
        this.field = field;
        this.value = value;
        this.type = type;
    }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value old = arg.eval(row, ctx);
        Value[] fields = old == null ? new Value[type.fieldCount()] : ((RecordValue) old).fields().clone();
        fields[field] = value.eval(row, ctx);
        return new RecordValue(type, fields);
    }
}
