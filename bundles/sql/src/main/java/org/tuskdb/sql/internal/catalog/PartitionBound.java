package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * A partition's bound (PostgreSQL's PartitionBoundSpec once transformed): the values of a LIST
 * partition (a null entry is NULL), the ends of a RANGE partition (each column a value, or
 * MINVALUE / MAXVALUE: {@link #MIN} / {@link #MAX} in the kinds), the modulus and remainder of a
 * HASH partition, or DEFAULT. Stored as the text pg_get_expr shows for pg_class.relpartbound
 * ({@code FOR VALUES FROM (1) TO (10)}), with the values as ruleutils prints constants, and read
 * back from it with the key columns' input functions (ISO styles, as written).
 */
public record PartitionBound(Kind kind, Value[] list, Value[] lower, int[] lowerKinds, Value[] upper, int[] upperKinds,
                             int modulus, int remainder) {

    public enum Kind { LIST, RANGE, HASH, DEFAULT }

    public static final int MIN = -1, VALUE = 0, MAX = 1;

    public static final PartitionBound DEFAULT = new PartitionBound(Kind.DEFAULT, null, null, null, null, null, 0, 0);

    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    /** Whether a row with partition key {@code key} belongs here (a DEFAULT partition: decided by its siblings). */
    public boolean accepts(Value[] key, PartitionKey pk) {
        switch (kind) {
            case LIST -> {
                Value k = key[0];
                for (Value v : list) {
                    if (k == null ? v == null : v != null && v.compareTo(k) == 0) {
                        return true;
                    }
                }
                return false;
            }
            case RANGE -> {
                for (Value v : key) {
                    if (v == null) {
                        return false; // a range partition holds no NULL key (they go to the default one)
                    }
                }
                return compareToKey(lower, lowerKinds, key) <= 0 && compareToKey(upper, upperKinds, key) > 0;
            }
            case HASH -> {
                return Long.remainderUnsigned(PartitionHash.rowHash(key, pk), modulus) == remainder;
            }
            default -> {
                return false;
            }
        }
    }

    /** A range end against a key: negative when the end is below it. */
    static int compareToKey(Value[] end, int[] kinds, Value[] key) {
        for (int i = 0; i < end.length; i++) {
            if (kinds[i] != VALUE) {
                return kinds[i];
            }
            int c = end[i].compareTo(key[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Two range ends (partition_rbound_datum_cmp without the lower / upper distinction). */
    public static int compareEnds(Value[] a, int[] ak, Value[] b, int[] bk) {
        for (int i = 0; i < a.length; i++) {
            if (ak[i] != bk[i]) {
                return Integer.compare(ak[i], bk[i]);
            }
            if (ak[i] != VALUE) {
                return 0; // both MINVALUE or both MAXVALUE: the columns after do not count
            }
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** pg_get_expr of pg_class.relpartbound. */
    public String text() {
        return switch (kind) {
            case DEFAULT -> "DEFAULT";
            case LIST -> {
                StringJoiner j = new StringJoiner(", ", "FOR VALUES IN (", ")");
                for (Value v : list) {
                    j.add(constant(v));
                }
                yield j.toString();
            }
            case RANGE -> "FOR VALUES FROM " + end(lower, lowerKinds) + " TO " + end(upper, upperKinds);
            case HASH -> "FOR VALUES WITH (modulus " + modulus + ", remainder " + remainder + ")";
        };
    }

    /** A range end as ruleutils prints it: {@code (1, MAXVALUE)}. */
    public static String end(Value[] values, int[] kinds) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < values.length; i++) {
            j.add(kinds[i] == MIN ? "MINVALUE" : kinds[i] == MAX ? "MAXVALUE" : constant(values[i]));
        }
        return j.toString();
    }

    /**
     * A constant as ruleutils' get_const_expr prints it without a type label: a non-negative int4
     * and a numeric that starts with a digit bare, a boolean as true / false, NULL, else quoted.
     */
    public static String constant(Value v) {
        if (v == null) {
            return "NULL";
        }
        String s = v.toText(SessionStyle.utc());
        PgType t = v.type();
        if (t == PgType.INT4 && !s.startsWith("-")) {
            return s;
        }
        if (t == PgType.NUMERIC && !s.isEmpty() && Character.isDigit(s.charAt(0)) && s.chars().allMatch(
            ch -> "0123456789+-eE.".indexOf(ch) >= 0)) {
            return s;
        }
        if (v instanceof BoolValue b) {
            return b.value() ? "true" : "false";
        }
        return "'" + s.replace("'", "''") + "'";
    }

    /** The bound pg_class.relpartbound {@code text} describes, its values read as {@code key}'s column types. */
    public static PartitionBound parse(String text, PartitionKey key) {
        if (text.equals("DEFAULT")) {
            return DEFAULT;
        }
        List<String> tokens = tokens(text);
        // FOR VALUES {IN (...) | FROM (...) TO (...) | WITH (modulus m, remainder r)}
        String how = tokens.get(2);
        int i = 3;
        switch (how) {
            case "IN" -> {
                List<Value> values = new ArrayList<>();
                for (i++; !tokens.get(i).equals(")"); i++) {
                    if (!tokens.get(i).equals(",")) {
                        values.add(read(tokens.get(i), key, 0));
                    }
                }
                return new PartitionBound(Kind.LIST, values.toArray(Value[]::new), null, null, null, null, 0, 0);
            }
            case "FROM" -> {
                int n = key.columns().length;
                Value[] lo = new Value[n];
                int[] lk = new int[n];
                Value[] hi = new Value[n];
                int[] hk = new int[n];
                i = readEnd(tokens, i, key, lo, lk);
                i = readEnd(tokens, i + 1, key, hi, hk); // past TO
                return new PartitionBound(Kind.RANGE, null, lo, lk, hi, hk, 0, 0);
            }
            default -> {
                // WITH ( modulus m , remainder r )
                return new PartitionBound(Kind.HASH, null, null, null, null, null, Integer.parseInt(tokens.get(5)),
                    Integer.parseInt(tokens.get(8)));
            }
        }
    }

    private static int readEnd(List<String> tokens, int i, PartitionKey key, Value[] values, int[] kinds) {
        int col = 0;
        for (i++; !tokens.get(i).equals(")"); i++) {
            String t = tokens.get(i);
            if (t.equals(",")) {
                continue;
            }
            if (t.equals("MINVALUE") || t.equals("MAXVALUE")) {
                kinds[col] = t.equals("MINVALUE") ? MIN : MAX;
            } else {
                values[col] = read(t, key, col);
            }
            col++;
        }
        return i + 1;
    }

    private static Value read(String token, PartitionKey key, int col) {
        if (token.equals("NULL")) {
            return null;
        }
        String text = token.startsWith("'") ? token.substring(1, token.length() - 1).replace("''", "'") : token;
        return TypeInput.parse(key.types()[col], key.typmods()[col], text, SessionStyle.utc());
    }

    /** The stored text's tokens: quoted literals (quotes kept), words and numbers, and ( ) , each alone. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(text.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < text.length() && " (),".indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
