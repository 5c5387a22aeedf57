package org.tuskdb.sql.internal.expr;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.SetValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * information_schema._pg_expandarray(array) in a target list: one record (x, n) per element
 * (element, 1-based position), as a {@link SetValue} that ProjectSetPlan expands. Also reads
 * Tusk's int2vector text ("1 3") of pg_index.indkey, which the JDBC driver passes to it.
 */
public final class SetReturningExpr extends Expression {
    private final Expression arg;
    private final PgType type;

    public SetReturningExpr(Expression arg, PgType elementType) {
        this.arg = arg;
        this.type = PgType.recordOf(List.of("x", "n"), List.of(elementType, PgType.INT4));
    }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        List<Value> out = new ArrayList<>();
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.length(); i++) {
                out.add(new RecordValue(type, new Value[] {a.get(i), IntegerValue.int4(i + 1)}));
            }
        } else if (v instanceof TextValue t && !t.value().isBlank()) {
            String[] parts = t.value().trim().split("\\s+");
            for (int i = 0; i < parts.length; i++) {
                out.add(new RecordValue(type, new Value[] {IntegerValue.of(PgType.INT2, Integer.parseInt(parts[i])),
                    IntegerValue.int4(i + 1)}));
            }
        }
        return new SetValue(type, out);
    }
}
