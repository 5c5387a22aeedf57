package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * The raw parts of declarative partitioning (gram.y's PartitionSpec and PartitionBoundSpec):
 * {@code PARTITION BY strategy (columns)} of CREATE TABLE, and the bound a partition is created
 * or attached with. Nothing is bound or typed yet.
 */
public final class PartitionSpecs {
    private PartitionSpecs() {}

    /** PARTITION BY RANGE | LIST | HASH (key, ...): strategy in lower case, the key's column names. */
    public record PartitionBy(String strategy, List<String> columns, List<Integer> columnLocations, int location) {}

    /** The kinds of bound: FOR VALUES IN / FROM ... TO / WITH (MODULUS, REMAINDER), or DEFAULT. */
    public enum BoundKind { LIST, RANGE, HASH, DEFAULT }

    /**
     * FOR VALUES ...: {@code in} the IN list (LIST), {@code from} / {@code to} the range's ends
     * (MINVALUE / MAXVALUE are column references of those names, as gram.y leaves them),
     * {@code modulus} / {@code remainder} (HASH; -1 when not given).
     */
    public record Bound(BoundKind kind, List<Expr> in, List<Expr> from, List<Expr> to, int modulus, int remainder,
                        int location) {}

    /** CREATE TABLE name PARTITION OF parent ... FOR VALUES ...: the parent and the bound. */
    public record PartitionOf(Statement.RangeVar parent, Bound bound) {}
}
