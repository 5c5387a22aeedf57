package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * A row constructor used as a value, {@code ROW(a, b)} or {@code (a, b)} (PostgreSQL's RowExpr):
 * an anonymous record whose fields are f1, f2, ... Comparisons of two row constructors never
 * build one; the analyzer compares their fields ({@link RowCompareExpr}).
 */
public final class RowExpr extends Expression {
    private final Expression[] fields;
    private final PgType type;

    public RowExpr(Expression[] fields, PgType type) {
        this.fields = fields;
        this.type = type;
    }

    public Expression[] fields() { return fields; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value[] values = new Value[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].eval(row, ctx);
        }
        return new RecordValue(type, values);
    }
}
