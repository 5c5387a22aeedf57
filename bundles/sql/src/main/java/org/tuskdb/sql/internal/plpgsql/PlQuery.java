package org.tuskdb.sql.internal.plpgsql;

import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.plan.Plan;

/**
 * An embedded expression or SQL statement: its text as the SQL parser reads it ({@code sql}:
 * an expression as {@code SELECT expr}), the text CONTEXT lines show, and the names it can see
 * (variable name or label.name to slot). Its plan is made at the first run and kept while the
 * catalog generation, the transaction's locks and the layouts of the records it reads stay the
 * same (plpgsql's expression plans). Mutable: one session's.
 */
final class PlQuery {
    final String sql;
    final String shown;
    final boolean expression;
    final Map<String, Integer> names;
    Statement raw;
    Plan plan;
    List<ResultColumn> columns;
    List<ParseState.RelationLock> locks;
    long generation;
    Object transaction;
    /** record slot to the layout the plan was made for. */
    Map<Integer, Object> layouts;
    boolean utility;

    PlQuery(String sql, String shown, boolean expression, Map<String, Integer> names) {
        this.sql = sql;
        this.shown = shown;
        this.expression = expression;
        this.names = names;
    }
}
