package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.catalog.TableDescriptor;

/** A cursor over one table's rows that tells where the row it returned last is (UPDATE / DELETE's source). */
public interface TidCursor extends RowCursor {
    /** The tid of the row last returned. */
    Tid tid();

    /**
     * The leaf partition the row last returned was read from, when the scan is of a partitioned
     * table ({@link PartitionTargetScanPlan}); null for a scan of one table, whose tid is in it.
     */
    default TableDescriptor leaf() {
        return null;
    }
}
