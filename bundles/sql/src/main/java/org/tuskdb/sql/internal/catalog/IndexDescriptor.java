package org.tuskdb.sql.internal.catalog;

import org.tuskdb.api.storage.RelFileLocator;

/**
 * An index as the relation cache holds it (part of its table's {@link TableDescriptor}): its
 * pg_class row (relkind i, own relfilenode) and pg_index row. Immutable.
 *
 * @param columns the key columns, 0-based positions in the table (pg_index.indkey minus one)
 * @param flags   per key column {@link org.tuskdb.sql.internal.storage.IndexKeys} flags (DESC, NULLS_FIRST)
 */
public record IndexDescriptor(long oid, String name, long tableOid, RelFileLocator locator, int[] columns, int[] flags,
                              boolean unique, boolean primary) {

    /** Whether column {@code i} of the key is descending. */
    public boolean descending(int i) {
        return (flags[i] & org.tuskdb.sql.internal.storage.IndexKeys.DESC) != 0;
    }

    public boolean nullsFirst(int i) {
        return (flags[i] & org.tuskdb.sql.internal.storage.IndexKeys.NULLS_FIRST) != 0;
    }
}
