package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A reference from a subquery to a column of an enclosing query level (PostgreSQL's Var with
 * varlevelsup): the inner expression, bound in that level, evaluated against the row that level
 * was evaluating when it ran the subquery ({@link SubqueryContext}).
 */
public final class OuterRef extends Expression {
    private final int levelsUp;
    private final Expression inner;

    public OuterRef(int levelsUp, Expression inner) {
        this.levelsUp = levelsUp;
        this.inner = inner;
    }

    @Override public PgType type() { return inner.type(); }
    @Override public int typmod() { return inner.typmod(); }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        SubqueryContext c = SubqueryContext.level(ctx, levelsUp);
        return inner.eval(c.outerRow(), c.parent());
    }

    public int levelsUp() { return levelsUp; }
    public Expression inner() { return inner; }
}
