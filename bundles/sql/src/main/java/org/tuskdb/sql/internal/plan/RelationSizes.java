package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.catalog.TableDescriptor;

/** Where the cost model learns a table's current size in pages; -1 when it cannot tell. */
@FunctionalInterface
public interface RelationSizes {
    RelationSizes UNKNOWN = t -> -1;

    long pages(TableDescriptor table);
}
