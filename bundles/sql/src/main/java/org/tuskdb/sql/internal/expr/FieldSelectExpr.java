package org.tuskdb.sql.internal.expr;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.SetValue;
import org.tuskdb.sql.internal.value.Value;

/** {@code (record).field}; over a set-returning function's set, the set of that field. */
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

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        if (v instanceof SetValue s) {
            List<Value> out = new ArrayList<>(s.values().size());
            for (Value e : s.values()) {
                out.add(e == null ? null : ((RecordValue) e).field(field));
            }
            return new SetValue(type, out);
        }
        return v == null ? null : ((RecordValue) v).field(field);
    }
}
