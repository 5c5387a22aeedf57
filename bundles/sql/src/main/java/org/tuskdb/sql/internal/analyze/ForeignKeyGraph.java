package org.tuskdb.sql.internal.analyze;

import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.catalog.ForeignKey;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;

/**
 * The FOREIGN KEYs an INSERT / UPDATE / DELETE has to enforce, with both tables of each bound to
 * the descriptors the analysis looked up and locked (PostgreSQL's RI triggers of the tables the
 * statement and its cascaded actions touch). Immutable, part of the plan; a prepared statement
 * re-takes the locks and is re-planned when the catalog moves, like for its target.
 *
 * @param outgoing per table oid, the keys whose referencing side is that table (checked on insert / update)
 * @param incoming per table oid, the keys referencing that table (actions on update / delete)
 */
public record ForeignKeyGraph(Map<Long, List<Bound>> outgoing, Map<Long, List<Bound>> incoming) {
    public static final ForeignKeyGraph NONE = new ForeignKeyGraph(Map.of(), Map.of());

    /**
     * One key: {@code parentIndex} is the referenced table's unique index on the key's columns
     * (the parent-row lookup); {@code childIndex} an index of the referencing table whose leading
     * columns are the key's columns, or null (then the referencing rows are found by a sequential
     * scan, as PostgreSQL would without an index).
     */
    public record Bound(ForeignKey key, TableDescriptor child, TableDescriptor parent, IndexDescriptor parentIndex,
                        IndexDescriptor childIndex) {}

    public boolean isEmpty() {
        return outgoing.isEmpty() && incoming.isEmpty();
    }

    public List<Bound> outgoing(long table) {
        return outgoing.getOrDefault(table, List.of());
    }

    public List<Bound> incoming(long table) {
        return incoming.getOrDefault(table, List.of());
    }
}
