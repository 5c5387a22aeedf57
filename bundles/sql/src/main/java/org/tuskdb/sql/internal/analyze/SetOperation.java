package org.tuskdb.sql.internal.analyze;

import org.tuskdb.sql.internal.ast.Statement.SetOpKind;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * UNION / INTERSECT / EXCEPT [ALL] of two queries; each side's rows are first brought to the
 * common column types by its projection (expressions over the side's output columns).
 */
public record SetOperation(SetOpKind kind, boolean all, Query left, Expression[] leftProjection, Query right,
                           Expression[] rightProjection) {}
