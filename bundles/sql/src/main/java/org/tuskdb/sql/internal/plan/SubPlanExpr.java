package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Expr.SubLinkKind;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A subquery in an expression (PostgreSQL's SubPlan): EXISTS, a scalar subquery (21000 past one
 * row), and x op ANY / ALL (subquery) with SQL's NULL rules (ANY: true if some comparison is
 * true, else NULL if some was NULL, else false; ALL the dual). The subquery runs for each
 * evaluation, with the current row as its outer row ({@link SubqueryContext}); stopping early
 * closes its scans. Uncorrelated subqueries are re-run too: caching their result per execution
 * (PostgreSQL's initplans and hashed subplans) is a follow-up.
 *
 * <p>For ANY / ALL, {@code compare} is the operator over a two-column row {@code [test value,
 * subquery value]}.
 */
public final class SubPlanExpr extends Expression {
    private final SubLinkKind kind;
    private final Plan plan;
    private final PgType type;
    private final int typmod;
    private final Expression test;
    private final Expression compare;

    public SubPlanExpr(SubLinkKind kind, Plan plan, PgType type, int typmod, Expression test, Expression compare) {
        this.kind = kind;
        this.plan = plan;
        this.type = type;
        this.typmod = typmod;
        this.test = test;
        this.compare = compare;
    }

    @Override public PgType type() { return type; }
    @Override public int typmod() { return typmod; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value testValue = test == null ? null : test.eval(row, ctx);
        SubqueryContext sub = new SubqueryContext(ctx, row == null ? new Value[0] : row);
        try {
            RowCursor c = plan.open(sub);
            switch (kind) {
                case EXISTS:
                    return BoolValue.of(c.next() != null);
                case EXPR: {
                    Value[] first = c.next();
                    if (first == null) {
                        return null;
                    }
                    if (c.next() != null) {
                        throw DatabaseException.error("21000", "more than one row returned by a subquery used as an expression");
                    }
                    return first[0];
                }
                default: {
                    boolean any = kind == SubLinkKind.ANY;
                    boolean sawNull = false;
                    Value[] pair = new Value[2];
                    pair[0] = testValue;
                    Value[] r;
                    while ((r = c.next()) != null) {
                        pair[1] = r[0];
                        Value v = compare.eval(pair, ctx);
                        if (v == null) {
                            sawNull = true;
                        } else if (((BoolValue) v).value() == any) {
                            return BoolValue.of(any);
                        }
                        ctx.checkForInterrupts();
                    }
                    return sawNull ? null : BoolValue.of(!any);
                }
            }
        } finally {
            sub.closeResources();
        }
    }
}
