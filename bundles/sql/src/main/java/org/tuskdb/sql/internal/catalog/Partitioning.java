package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * What a table's descriptor says about declarative partitioning (PostgreSQL's PartitionDesc and
 * relpartbound): for a partitioned table its key and its partitions' descriptors in bound order
 * (the order PostgreSQL's PartitionBoundInfo keeps, which is the order of an Append over them);
 * for a partition its parent and bound, and the partition constraint as levels (its own bound
 * under its parent's key, then its parent's under the grandparent's, ...). A table can be both.
 *
 * @param key the partition key, null when the table is not partitioned
 * @param children the partitions, null when not partitioned
 * @param parentOid the parent's oid, 0 when the table is not a partition
 * @param parentName the parent's name
 * @param bound the table's bound in its parent, null when not a partition
 * @param levels the partition constraint, innermost level first; empty when not a partition
 */
public record Partitioning(PartitionKey key, List<TableDescriptor> children, long parentOid, String parentName,
                           PartitionBound bound, List<Level> levels) {

    /**
     * One level of a partition constraint: the bound under the key of the table above; a DEFAULT
     * bound holds what none of {@code siblings} (the other bounds of that table) accept.
     */
    public record Level(PartitionKey key, PartitionBound bound, List<PartitionBound> siblings) {
        boolean accepts(Value[] row) {
            Value[] k = key.keyOf(row);
            if (!bound.isDefault()) {
                return bound.accepts(k, key);
            }
            for (PartitionBound s : siblings) {
                if (!s.isDefault() && s.accepts(k, key)) {
                    return false;
                }
            }
            return true;
        }
    }

    public boolean isPartition() {
        return parentOid != 0;
    }

    /** Whether {@code row} satisfies the partition constraint of this partition (true when not a partition). */
    public boolean satisfies(Value[] row) {
        for (Level l : levels) {
            if (!l.accepts(row)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The leaf partition of {@code table} (partitioned) that a row goes to (ExecFindPartition);
     * 23514 naming the partitioned table at the level where none accepts it.
     */
    public static TableDescriptor route(TableDescriptor table, Value[] row, SessionStyle style) {
        TableDescriptor t = table;
        while (t.partitioned()) {
            Partitioning p = t.partitioning();
            Value[] k = p.key.keyOf(row);
            TableDescriptor found = null;
            TableDescriptor deflt = null;
            for (TableDescriptor c : p.children) {
                PartitionBound b = c.partitioning().bound();
                if (b.isDefault()) {
                    deflt = c;
                } else if (b.accepts(k, p.key)) {
                    found = c;
                    break;
                }
            }
            if (found == null) {
                found = deflt;
            }
            if (found == null) {
                throw DatabaseException.error("23514", "no partition of relation \"" + t.name() + "\" found for row")
                    .withDetail("Partition key of the failing row contains " + p.key.describe(k, style) + ".")
                    .withTable(t.schema(), t.name());
            }
            t = found;
        }
        return t;
    }

    /**
     * The index of {@code t} defined as {@code ix} of its parent is (same key columns by position,
     * order flags, uniqueness, expressions and predicate as stored), or null. Tusk keeps no link
     * from a partitioned table's index to its partitions' (PostgreSQL's index inheritance): the
     * columns of a partition are its parent's in the same order, so equal definitions find it.
     */
    public static IndexDescriptor matchingIndex(IndexDescriptor ix, TableDescriptor t) {
        for (IndexDescriptor other : t.indexes()) {
            if (java.util.Arrays.equals(ix.columns(), other.columns()) && java.util.Arrays.equals(ix.flags(), other.flags())
                && ix.unique() == other.unique() && ix.primary() == other.primary()
                && java.util.Objects.equals(ix.expressionText(), other.expressionText())
                && java.util.Objects.equals(ix.predicateText(), other.predicateText())) {
                return other;
            }
        }
        return null;
    }

    /** The leaf partitions under {@code table} in bound order, depth first (an Append's children). */
    public static List<TableDescriptor> leaves(TableDescriptor table) {
        List<TableDescriptor> out = new ArrayList<>();
        addLeaves(table, out);
        return out;
    }

    private static void addLeaves(TableDescriptor t, List<TableDescriptor> out) {
        if (!t.partitioned()) {
            out.add(t);
            return;
        }
        for (TableDescriptor c : t.partitioning().children()) {
            addLeaves(c, out);
        }
    }

    /** The partitions' order of PostgreSQL's bound info: by lower bound, by least list value (NULL-only last), by modulus and remainder; DEFAULT last. */
    public static final Comparator<PartitionBound> BOUND_ORDER = (a, b) -> {
        if (a.isDefault() || b.isDefault()) {
            return Boolean.compare(a.isDefault(), b.isDefault());
        }
        return switch (a.kind()) {
            case RANGE -> PartitionBound.compareEnds(a.lower(), a.lowerKinds(), b.lower(), b.lowerKinds());
            case HASH -> a.modulus() != b.modulus() ? Integer.compare(a.modulus(), b.modulus())
                : Integer.compare(a.remainder(), b.remainder());
            default -> {
                Value x = least(a);
                Value y = least(b);
                yield x == null || y == null ? Boolean.compare(x == null, y == null) : x.compareTo(y);
            }
        };
    };

    private static Value least(PartitionBound b) {
        Value m = null;
        for (Value v : b.list()) {
            if (v != null && (m == null || v.compareTo(m) < 0)) {
                m = v;
            }
        }
        return m;
    }
}
