package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.PartitionSpecs;
import org.tuskdb.sql.internal.catalog.PartitionBound;
import org.tuskdb.sql.internal.catalog.PartitionHash;
import org.tuskdb.sql.internal.catalog.PartitionKey;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * The DDL side of declarative partitioning (PostgreSQL's transformPartitionSpec,
 * transformPartitionBound and check_new_partition_bound): the key of PARTITION BY over the new
 * table's columns, and a new partition's bound read as the key columns' types and checked
 * against its siblings' (42P17 on an overlap, with the position of the offending value).
 */
final class PartitionCommands {
    private PartitionCommands() {}

    /** The key of {@code PARTITION BY} over the columns (attnum = position + 1 while CREATE TABLE makes them). */
    static PartitionKey key(PartitionSpecs.PartitionBy spec, List<Relation.Column> columns, ParseState ps) {
        char strategy = switch (spec.strategy()) {
            case "range" -> 'r';
            case "list" -> 'l';
            case "hash" -> 'h';
            default -> throw DatabaseException.atPosition("22023", "unrecognized partitioning strategy \""
                + spec.strategy() + "\"", ps.position(spec.location()));
        };
        if (strategy == 'l' && spec.columns().size() > 1) {
            throw DatabaseException.error("42P17", "cannot use \"list\" partition strategy with more than one column");
        }
        int n = spec.columns().size();
        int[] cols = new int[n];
        String[] names = new String[n];
        org.tuskdb.sql.internal.value.PgType[] types = new org.tuskdb.sql.internal.value.PgType[n];
        int[] typmods = new int[n];
        for (int i = 0; i < n; i++) {
            String name = spec.columns().get(i);
            int at = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(name)) {
                    at = c;
                }
            }
            if (at < 0) {
                throw DatabaseException.atPosition("42703", "column \"" + name + "\" named in partition key does not exist",
                    ps.position(spec.columnLocations().get(i)));
            }
            cols[i] = at;
            names[i] = name;
            types[i] = columns.get(at).type();
            typmods[i] = columns.get(at).typmod();
            if (strategy == 'h' && !PartitionHash.supports(types[i])) {
                throw DatabaseException.atPosition("0A000", "hash partitioning on type " + types[i].name()
                    + " is not supported yet", ps.position(spec.columnLocations().get(i)));
            }
        }
        return new PartitionKey(strategy, cols, names, types, typmods);
    }

    /** pg_class.relpartkey of a key made by {@link #key} (attnums = positions + 1). */
    static String stored(PartitionKey key) {
        StringBuilder b = new StringBuilder().append(key.strategy());
        for (int c : key.columns()) {
            b.append(' ').append(c + 1);
        }
        return b.toString();
    }

    /** The bound of a new partition {@code name} of {@code parent}, checked against the other partitions. */
    static PartitionBound bound(PartitionSpecs.Bound spec, TableDescriptor parent, String name, ParseState ps,
                                EvalContext ctx) {
        PartitionBound b = transform(spec, parent, ps, ctx);
        checkNew(spec, b, parent, name, ps);
        return b;
    }

    /**
     * transformPartitionBound: the bound read as the key columns' types, checked on its own (the
     * strategy, the number of values, MINVALUE / MAXVALUE, the hash modulus and remainder); ATTACH
     * does this before it looks at the table attached, as PostgreSQL's parse analysis does.
     */
    static PartitionBound transform(PartitionSpecs.Bound spec, TableDescriptor parent, ParseState ps, EvalContext ctx) {
        PartitionKey key = parent.partitioning().key();
        String strategy = key.strategyName().toLowerCase(java.util.Locale.ROOT);
        switch (spec.kind()) {
            case DEFAULT -> {
                if (key.strategy() == 'h') {
                    throw DatabaseException.error("42P16", "a hash-partitioned table may not have a default partition");
                }
                return PartitionBound.DEFAULT;
            }
            case LIST -> {
                if (key.strategy() != 'l') {
                    throw wrongKind(strategy, "list", spec, ps);
                }
                List<Value> values = new ArrayList<>();
                for (Expr e : spec.in()) {
                    Value v = value(e, key, 0, ps, ctx);
                    boolean dup = false;
                    for (Value w : values) {
                        dup |= v == null ? w == null : w != null && w.compareTo(v) == 0;
                    }
                    if (!dup) {
                        values.add(v);
                    }
                }
                return new PartitionBound(PartitionBound.Kind.LIST, values.toArray(Value[]::new), null, null, null, null,
                    0, 0);
            }
            case RANGE -> {
                if (key.strategy() != 'r') {
                    throw wrongKind(strategy, "range", spec, ps);
                }
                int n = key.columns().length;
                if (spec.from().size() != n || spec.to().size() != n) {
                    Expr at = spec.from().size() != n ? spec.from().get(0) : spec.to().get(0);
                    throw DatabaseException.atPosition("42P16", "TO must specify exactly one value per partitioning column"
                        .replace("TO", spec.from().size() != n ? "FROM" : "TO"), ps.position(at.location()));
                }
                Value[] lo = new Value[n];
                int[] lk = new int[n];
                Value[] hi = new Value[n];
                int[] hk = new int[n];
                end(spec.from(), key, lo, lk, ps, ctx);
                end(spec.to(), key, hi, hk, ps, ctx);
                return new PartitionBound(PartitionBound.Kind.RANGE, null, lo, lk, hi, hk, 0, 0);
            }
            default -> {
                if (key.strategy() != 'h') {
                    throw wrongKind(strategy, "hash", spec, ps);
                }
                if (spec.modulus() <= 0) {
                    throw DatabaseException.error("42P16", "modulus for hash partition must be an integer value greater than zero");
                }
                if (spec.remainder() >= spec.modulus()) {
                    throw DatabaseException.error("42P16", "remainder for hash partition must be less than modulus");
                }
                return new PartitionBound(PartitionBound.Kind.HASH, null, null, null, null, null, spec.modulus(),
                    spec.remainder());
            }
        }
    }

    /**
     * check_new_partition_bound: {@code b} (made by {@link #transform} from {@code spec}) of a new
     * partition {@code name} against the partitions {@code parent} has (one DEFAULT, no empty
     * range, no overlap, hash moduli that divide each other); 42P17 at the offending value.
     */
    static void checkNew(PartitionSpecs.Bound spec, PartitionBound b, TableDescriptor parent, String name,
                         ParseState ps) {
        PartitionKey key = parent.partitioning().key();
        switch (b.kind()) {
            case DEFAULT -> {
                for (TableDescriptor c : parent.partitioning().children()) {
                    if (c.partitioning().bound().isDefault()) {
                        throw DatabaseException.atPosition("42P17", "partition \"" + name
                            + "\" conflicts with existing default partition \"" + c.name() + "\"", ps.position(spec.location()));
                    }
                }
            }
            case LIST -> {
                Value[] values = b.list();
                for (TableDescriptor c : parent.partitioning().children()) {
                    PartitionBound o = c.partitioning().bound();
                    if (o.isDefault()) {
                        continue;
                    }
                    for (int i = 0; i < values.length; i++) {
                        if (o.accepts(new Value[] {values[i]}, key)) {
                            throw overlap(name, c, ps.position(spec.in().get(spec.in().size() == values.length ? i : 0)
                                .location()));
                        }
                    }
                }
            }
            case RANGE -> {
                Value[] lo = b.lower();
                int[] lk = b.lowerKinds();
                Value[] hi = b.upper();
                int[] hk = b.upperKinds();
                if (PartitionBound.compareEnds(lo, lk, hi, hk) >= 0) {
                    throw DatabaseException.atPosition("42P17", "empty range bound specified for partition \"" + name + "\"",
                        ps.position(spec.from().get(0).location())).withDetail("Specified lower bound "
                        + PartitionBound.end(lo, lk) + " is greater than or equal to upper bound "
                        + PartitionBound.end(hi, hk) + ".");
                }
                for (TableDescriptor c : parent.partitioning().children()) {
                    PartitionBound o = c.partitioning().bound();
                    if (o.isDefault()) {
                        continue;
                    }
                    if (PartitionBound.compareEnds(lo, lk, o.upper(), o.upperKinds()) < 0
                        && PartitionBound.compareEnds(o.lower(), o.lowerKinds(), hi, hk) < 0) {
                        // the new lower end inside the other: its position, else the upper end's
                        boolean lowerInside = PartitionBound.compareEnds(o.lower(), o.lowerKinds(), lo, lk) <= 0;
                        throw overlap(name, c, ps.position((lowerInside ? spec.from() : spec.to()).get(0).location()));
                    }
                }
            }
            default -> {
                for (TableDescriptor c : parent.partitioning().children()) {
                    PartitionBound o = c.partitioning().bound();
                    int small = Math.min(o.modulus(), b.modulus());
                    int large = Math.max(o.modulus(), b.modulus());
                    if (large % small != 0) {
                        throw DatabaseException.atPosition("42P17", "every hash partition modulus must be a factor of the next larger modulus",
                            ps.position(spec.location()));
                    }
                    if (o.remainder() % small == b.remainder() % small) {
                        throw overlap(name, c, ps.position(spec.location()));
                    }
                }
            }
        }
    }

    private static DatabaseException overlap(String name, TableDescriptor other, int position) {
        return DatabaseException.atPosition("42P17", "partition \"" + name + "\" would overlap partition \""
            + other.name() + "\"", position);
    }

    private static DatabaseException wrongKind(String strategy, String kind, PartitionSpecs.Bound spec, ParseState ps) {
        return DatabaseException.atPosition("42P16", "invalid bound specification for a " + strategy + " partition",
            ps.position(spec.location()));
    }

    private static void end(List<Expr> exprs, PartitionKey key, Value[] values, int[] kinds, ParseState ps,
                            EvalContext ctx) {
        int infinite = PartitionBound.VALUE;
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            String word = e instanceof Expr.ColumnRef c && c.names().size() == 1 ? c.names().get(0) : null;
            if ("minvalue".equals(word) || "maxvalue".equals(word)) {
                kinds[i] = word.equals("minvalue") ? PartitionBound.MIN : PartitionBound.MAX;
                infinite = kinds[i];
                continue;
            }
            if (infinite != PartitionBound.VALUE) {
                throw DatabaseException.atPosition("42P16", "every bound following " + (infinite == PartitionBound.MIN
                    ? "MINVALUE must also be MINVALUE" : "MAXVALUE must also be MAXVALUE"), ps.position(e.location()));
            }
            values[i] = value(e, key, i, ps, ctx);
            if (values[i] == null) {
                throw DatabaseException.atPosition("42P16", "cannot specify NULL in range bound", ps.position(e.location()));
            }
        }
    }

    /** transformPartitionBoundValue: no column references, coerced to the key column's type, evaluated now. */
    private static Value value(Expr e, PartitionKey key, int col, ParseState ps, EvalContext ctx) {
        if (e instanceof Expr.ColumnRef) {
            throw DatabaseException.atPosition("42P10", "cannot use column reference in partition bound expression",
                ps.position(e.location()));
        }
        Relation.Column c = new Relation.Column(key.names()[col], key.types()[col], key.typmods()[col]);
        return StoredExpressions.defaultFor(e, c, ps).eval(new Value[0], ctx);
    }
}
