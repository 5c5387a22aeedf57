package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * name[i]: PostgreSQL's name is a fixed 64-byte char array, so a subscript (from 0) gives that
 * byte as "char" (empty past the end); pg_dump tests {@code typname[0] = '_'} for array types.
 */
public final class NameSubscriptExpr extends Expression {
    private final Expression name;
    private final Expression index;

    public NameSubscriptExpr(Expression name, Expression index) {
        this.name = name;
        this.index = index;
    }

    @Override public PgType type() { return PgType.CHAR; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value n = name.eval(row, ctx);
        Value i = index.eval(row, ctx);
        if (n == null || i == null) {
            return null;
        }
        byte[] bytes = ((TextValue) n).textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long k = ((IntegerValue) i).value();
        if (k < 0 || k >= 64) {
            return null;
        }
        return new TextValue(PgType.CHAR, k < bytes.length ? String.valueOf((char) (bytes[(int) k] & 0xff)) : "");
    }
}
