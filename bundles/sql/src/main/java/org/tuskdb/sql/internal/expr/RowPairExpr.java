package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * Evaluates two record-valued expressions once each and a comparison over the pair
 * {@code [left, right]} (its fields read by {@link FieldSelectExpr} of column 0 and 1); NULL when
 * the right side is NULL. Serves {@code (a, b) op (SELECT x, y ...)}, whose subquery gives one
 * record (PostgreSQL's ROWCOMPARE sublink), without running the subquery once per field.
 */
public final class RowPairExpr extends Expression {
    private final Expression left;
    private final Expression right;
    private final Expression compare;

    public RowPairExpr(Expression left, Expression right, Expression compare) {
        this.left = left;
        this.right = right;
        this.compare = compare;
    }

    public Expression right() { return right; }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value l = left.eval(row, ctx);
        Value r = right.eval(row, ctx);
        if (l == null || r == null) {
            return null;
        }
        return compare.eval(new Value[] {l, r}, ctx);
    }
}
