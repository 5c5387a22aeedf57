package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * CASE. For the simple form (CASE x WHEN v ...) the analyzer builds each condition as
 * {@code CaseTest = v}; x is evaluated once and {@link CaseTest} reads it back.
 */
public final class CaseExpr extends Expression {
    private final Expression arg;
    private final Expression[] conditions;
    private final Expression[] results;
    private final Expression otherwise;
    private final PgType type;

    public CaseExpr(Expression arg, Expression[] conditions, Expression[] results, Expression otherwise, PgType type) {
        this.arg = arg;
        this.conditions = conditions;
        this.results = results;
        this.otherwise = otherwise;
        this.type = type;
    }

    /** The simple form's operand, null for the searched form. */
    public Expression arg() { return arg; }
    public Expression[] conditions() { return conditions; }
    public Expression[] results() { return results; }
    /** The ELSE result, null without ELSE. */
    public Expression otherwise() { return otherwise; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        int matched = -1;
        Value outer = null;
        if (arg != null) {
            outer = ctx.caseValue();
            ctx.setCaseValue(arg.eval(row, ctx));
        }
        try {
            for (int i = 0; i < conditions.length; i++) {
                Value c = conditions[i].eval(row, ctx);
                if (c != null && ((BoolValue) c).value()) {
                    matched = i;
                    break;
                }
            }
        } finally {
            if (arg != null) {
                ctx.setCaseValue(outer);
            }
        }
        if (matched >= 0) {
            return results[matched].eval(row, ctx);
        }
        return otherwise == null ? null : otherwise.eval(row, ctx);
    }
}
