package org.tuskdb.sql.internal.catalog;

import java.util.StringJoiner;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The partition key of a partitioned table (PostgreSQL's PartitionKeyData, pg_partitioned_table):
 * the strategy (r)ange, (l)ist or (h)ash and the key columns, by position in the table's live
 * columns. Stored in pg_class.relpartkey as the strategy letter and the columns' attnums
 * ({@code "r 1 2"}), so a DROP COLUMN elsewhere does not move them.
 */
public record PartitionKey(char strategy, int[] columns, String[] names, PgType[] types, int[] typmods) {

    /** The strategy's name as pg_get_partkeydef prints it. */
    public String strategyName() {
        return switch (strategy) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
    }

    /** pg_get_partkeydef: {@code RANGE (a, b)}. */
    public String definition() {
        StringJoiner j = new StringJoiner(", ", strategyName() + " (", ")");
        for (String n : names) {
            j.add(RelationCache.quoteIdent(n));
        }
        return j.toString();
    }

    /** The key's values in {@code row} (the table's columns in position order). */
    public Value[] keyOf(Value[] row) {
        Value[] k = new Value[columns.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = row[columns[i]];
        }
        return k;
    }

    /** pg_class.relpartkey's text for this key over {@code t}'s columns. */
    public String stored(TableDescriptor t) {
        StringBuilder b = new StringBuilder().append(strategy);
        for (int c : columns) {
            b.append(' ').append(t.attnum(c));
        }
        return b.toString();
    }

    /** The key pg_class.relpartkey {@code text} describes for table {@code t}. */
    public static PartitionKey parse(String text, TableDescriptor t) {
        String[] parts = text.trim().split(" ");
        int n = parts.length - 1;
        int[] cols = new int[n];
        String[] names = new String[n];
        PgType[] types = new PgType[n];
        int[] typmods = new int[n];
        for (int i = 0; i < n; i++) {
            cols[i] = t.position(Integer.parseInt(parts[i + 1]));
            Relation.Column c = t.columns().get(cols[i]);
            names[i] = c.name();
            types[i] = c.type();
            typmods[i] = c.typmod();
        }
        return new PartitionKey(parts[0].charAt(0), cols, names, types, typmods);
    }

    /** The key columns' names and the key's values, as "Partition key of the failing row contains (a) = (5)." shows them. */
    public String describe(Value[] key, org.tuskdb.sql.internal.value.SessionStyle style) {
        StringJoiner n = new StringJoiner(", ", "(", ")");
        StringJoiner v = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < key.length; i++) {
            n.add(names[i]);
            v.add(key[i] == null ? "null" : key[i].toText(style));
        }
        return n + " = " + v;
    }
}
