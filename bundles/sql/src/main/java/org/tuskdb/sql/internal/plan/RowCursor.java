package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.value.Value;

/** The running state of a plan node (PostgreSQL's PlanState): rows one at a time, pulled. */
public interface RowCursor {
    /** The next row, or null when there are no more. The array may be reused by the caller only. */
    Value[] next();
}
