package org.tuskdb.sql.internal.session;

import java.util.List;
import org.tuskdb.api.sql.ColumnDescription;
import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.value.PgType;

/**
 * A parsed, analyzed and (for queries) planned statement, kept by name for Bind. Executing it
 * again skips all three steps.
 *
 * @param statement null for an empty query string
 * @param plan null for utility statements
 * @param columns result columns, null when the statement returns no rows
 * @param textDescription the RowDescription fields with every column in text format (what
 *        Describe answers for the statement, and for most portals), made once; null without rows
 */
record PreparedStatement(String sql, Statement statement, AnalyzedStatement analyzed, Planner.PlannedQuery plan,
                         PgType[] parameterTypes, List<ResultColumn> columns,
                         List<ColumnDescription> textDescription) {

    PreparedStatement(String sql, Statement statement, AnalyzedStatement analyzed, Planner.PlannedQuery plan,
                      PgType[] parameterTypes, List<ResultColumn> columns) {
        this(sql, statement, analyzed, plan, parameterTypes, columns,
            columns == null ? null : List.copyOf(RowEncoder.describe(columns, null)));
    }

    boolean isTransactionExit() {
        return statement instanceof Statement.Transaction t && (t.kind() == Statement.TransactionKind.COMMIT
            || t.kind() == Statement.TransactionKind.ROLLBACK || t.kind() == Statement.TransactionKind.ROLLBACK_TO);
    }
}
