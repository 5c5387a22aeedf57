package org.tuskdb.sql.internal.value;

import java.nio.charset.StandardCharsets;

/**
 * text, varchar, bpchar, name and the unknown type of string literals. Ordering is the "C"
 * collation (code point order, the same as UTF-8 byte order); bpchar ignores trailing spaces
 * when comparing, as PostgreSQL's bpchar comparisons do.
 */
public final class TextValue extends Value {
    private final PgType type;
    private final String value;

    public TextValue(PgType type, String value) {
        this.type = type;
        this.value = value;
    }

    public static TextValue text(String s) {
        return new TextValue(PgType.TEXT, s);
    }

    public String value() { return value; }

    /** The string as text sees it: bpchar loses its trailing spaces. */
    public String textValue() {
        return type == PgType.BPCHAR ? stripTrailingSpaces(value) : value;
    }

    public static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    @Override public PgType type() { return type; }
    @Override public String toText(SessionStyle style) { return value; }
    @Override public byte[] toBinary() { return value.getBytes(StandardCharsets.UTF_8); }

    @Override
    public int compareTo(Value other) {
        TextValue o = (TextValue) other;
        if (type == PgType.BPCHAR || o.type == PgType.BPCHAR) {
            return compareCodePoints(stripTrailingSpaces(value), stripTrailingSpaces(o.value));
        }
        return compareCodePoints(value, o.value);
    }

    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // Surrogates (U+D800..DFFF) must sort above U+E000..FFFF to match code point order.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public int hashCode() {
        return (type == PgType.BPCHAR ? stripTrailingSpaces(value) : value).hashCode();
    }
}
