package org.tuskdb.sql.internal.session;

import java.util.List;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.value.PgType;

/**
 * A parsed, analyzed and (for queries) planned statement, kept by name for Bind. Executing it
 * again skips all three steps.
 *
 * @param statement null for an empty query string
 * @param plan null for utility statements and for statements planned at each Bind ({@code source})
 * @param columns result columns, null when the statement returns no rows
 * @param textDescription the RowDescription fields with every column in text format (what
 *        Describe answers for the statement, and for most portals), made once; null without rows
 * @param source a statement prepared by Parse or PREPARE: its custom and generic plans, chosen
 *        at each Bind / EXECUTE; null for a simple Query's statement (planned once, at once)
 */
record PreparedStatement(String sql, Statement statement, AnalyzedStatement analyzed, Planner.PlannedQuery plan,
                         PgType[] parameterTypes, List<ResultColumn> columns,
                         List<ColumnDescription> textDescription, List<ParseState.RelationLock> locks,
                         int generation, Object lockedIn, CachedPlanSource source) {

    PreparedStatement(String sql, Statement statement, AnalyzedStatement analyzed, Planner.PlannedQuery plan,
                      PgType[] parameterTypes, List<ResultColumn> columns) {
        this(sql, statement, analyzed, plan, parameterTypes, columns, List.of(), 0, null);
    }

    /** Whether it runs a plan (a query, DML, EXPLAIN or COPY), not a utility command. */
    boolean planned() {
        return plan != null || source != null;
    }

    /**
     * @param locks the tables the plan uses and their lock modes, re-taken at each execution
     * @param generation the relation cache generation the plan was made at (older: re-plan)
     * @param lockedIn the storage transaction in which analysis took the locks (null: none)
     */
    PreparedStatement(String sql, Statement statement, AnalyzedStatement analyzed, Planner.PlannedQuery plan,
                      PgType[] parameterTypes, List<ResultColumn> columns, List<ParseState.RelationLock> locks,
                      int generation, Object lockedIn) {
        this(sql, statement, analyzed, plan, parameterTypes, columns, locks, generation, lockedIn, null);
    }

    PreparedStatement(String sql, Statement statement, AnalyzedStatement analyzed, Planner.PlannedQuery plan,
                      PgType[] parameterTypes, List<ResultColumn> columns, List<ParseState.RelationLock> locks,
                      int generation, Object lockedIn, CachedPlanSource source) {
        this(sql, statement, analyzed, plan, parameterTypes, columns,
            columns == null ? null : List.copyOf(RowEncoder.describe(columns, null)), locks, generation, lockedIn, source);
    }

    boolean isTransactionExit() {
        return statement instanceof Statement.Transaction t && (t.kind() == Statement.TransactionKind.COMMIT
            || t.kind() == Statement.TransactionKind.ROLLBACK || t.kind() == Statement.TransactionKind.ROLLBACK_TO);
    }
}
