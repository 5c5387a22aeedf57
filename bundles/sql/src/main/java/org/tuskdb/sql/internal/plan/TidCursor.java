package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.heap.Tid;

/** A cursor over one table's rows that tells where the row it returned last is (UPDATE / DELETE's source). */
public interface TidCursor extends RowCursor {
    /** The tid of the row last returned. */
    Tid tid();
}
