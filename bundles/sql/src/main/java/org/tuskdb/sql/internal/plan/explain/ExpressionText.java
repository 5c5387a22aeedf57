package org.tuskdb.sql.internal.plan.explain;

import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.SessionStyle;

/**
 * An expression over one table's row as ruleutils prints it without pretty-printing (the text
 * the catalog keeps for index expressions and predicates, pg_index.indexprs / indpred, and what
 * pg_get_indexdef and 23505's "Key (lower(email))" show). The text parses back to the same
 * expression; constants are written in ISO / UTC style so the text does not depend on the
 * session that made it.
 */
public final class ExpressionText {
    private ExpressionText() {}

    /** {@code e} with column {@code i} named {@code columnNames[i]} (already quoted where needed). */
    public static String deparse(Expression e, String[] columnNames) {
        return new Deparser(SessionStyle.utc(), (sp, names) -> "?").deparse(e, columnNames);
    }

    /**
     * {@code e} as ruleutils' deparse_expression prints it for the pg_get_* functions: an implicit
     * cast at the top is not shown; {@code pretty} is PRETTY_PAREN (parentheses only where
     * precedence needs them, {@code lower(code::text)} instead of {@code lower((code)::text)}).
     */
    public static String deparse(Expression e, String[] columnNames, boolean pretty) {
        return new Deparser(SessionStyle.utc(), (sp, names) -> "?", pretty).top(e, columnNames);
    }
}
