package org.tuskdb.sql.internal.value;

import java.nio.charset.StandardCharsets;

/** A value of an anonymous record type: its fields in order, printed as record_out does: (a,b). */
public final class RecordValue extends Value {
    private final PgType type;
    private final Value[] fields;

    public RecordValue(PgType type, Value[] fields) {
        this.type = type;
        this.fields = fields;
    }

    public Value field(int i) { return fields[i]; }
    public int fieldCount() { return fields.length; }
    /** The fields (the caller must not change them). */
    public Value[] fields() { return fields; }

    @Override public PgType type() { return type; }

    @Override
    public String toText(SessionStyle style) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (fields[i] != null) {
                String s = fields[i].toText(style);
                boolean quote = s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '(' || c == ')' || c == '"'
                    || c == '\\' || Character.isWhitespace(c));
                b.append(quote ? "\"" + s.replace("\\", "\\\\").replace("\"", "\"\"") + "\"" : s);
            }
        }
        return b.append(')').toString();
    }

    @Override public byte[] toBinary() { return toText(SessionStyle.utc()).getBytes(StandardCharsets.UTF_8); }

    @Override
    public int compareTo(Value other) {
        RecordValue o = (RecordValue) other;
        for (int i = 0; i < Math.min(fields.length, o.fields.length); i++) {
            Value a = fields[i];
            Value b = o.fields[i];
            int c = a == null ? (b == null ? 0 : 1) : b == null ? -1 : a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(fields.length, o.fields.length);
    }

    @Override public int hashCode() { return java.util.Arrays.hashCode(fields); }
}
