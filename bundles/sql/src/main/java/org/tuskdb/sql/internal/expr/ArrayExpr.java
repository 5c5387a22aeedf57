package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** ARRAY[a, b, ...]: the elements (already of the element type) evaluated into a new array. */
public final class ArrayExpr extends Expression {
    private final PgType type;
    private final Expression[] elements;

    public ArrayExpr(PgType type, Expression[] elements) {
        this.type = type;
        this.elements = elements;
    }

    public Expression[] elements() { return elements; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value[] out = new Value[elements.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = elements[i].eval(row, ctx);
        }
        return new ArrayValue(type, out);
    }

    @Override
    public boolean isConstant() {
        for (Expression e : elements) {
            if (!e.isConstant()) {
                return false;
            }
        }
        return true;
    }
}
