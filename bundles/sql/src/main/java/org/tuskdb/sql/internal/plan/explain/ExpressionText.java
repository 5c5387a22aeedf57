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
}
