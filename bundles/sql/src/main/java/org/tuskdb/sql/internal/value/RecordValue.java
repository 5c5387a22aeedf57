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

    /**
     * record_in for a table's row type: {@code (f1,f2,...)}, a field empty and unquoted is NULL,
     * {@code "..."} quotes (a doubled quote inside is one), a backslash takes the next character
     * as it is; each field read by its type's input function. 22P02 "malformed record literal".
     */
    public static RecordValue parse(PgType type, String text, SessionStyle style) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= n || text.charAt(i) != '(') {
            throw malformed(text, "Missing left parenthesis.");
        }
        i++;
        Value[] fields = new Value[type.fieldCount()];
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                if (i >= n || text.charAt(i) != ',') {
                    throw malformed(text, i < n && text.charAt(i) == ')' ? "Too few columns." : "Unexpected end of input.");
                }
                i++;
            }
            if (i < n && (text.charAt(i) == ',' || text.charAt(i) == ')')) {
                continue; // NULL
            }
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (i >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                char c = text.charAt(i);
                if (!quoted && (c == ',' || c == ')')) {
                    break;
                }
                i++;
                if (c == '\\') {
                    if (i >= n) {
                        throw malformed(text, "Unexpected end of input.");
                    }
                    b.append(text.charAt(i++));
                } else if (c == '"') {
                    if (quoted && i < n && text.charAt(i) == '"') {
                        b.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else {
                    b.append(c);
                }
            }
            fields[f] = TypeInput.parse(type.fieldType(f), type.fieldTypmod(f), b.toString(), style);
        }
        if (i >= n || text.charAt(i) != ')') {
            throw malformed(text, i < n && text.charAt(i) == ',' ? "Too many columns." : "Unexpected end of input.");
        }
        i++;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < n) {
            throw malformed(text, "Junk after right parenthesis.");
        }
        return new RecordValue(type, fields);
    }

    private static org.tuskdb.api.DatabaseException malformed(String text, String detail) {
        return org.tuskdb.api.DatabaseException.error("22P02", "malformed record literal: \"" + text + "\"")
            .withDetail(detail);
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

    /**
     * record_send: the field count, then per field its type's oid and its length (-1 for NULL)
     * followed by its binary form. A record of no declared fields (an anonymous RECORD) sends
     * its values' own types.
     */
    @Override
    public byte[] toBinary() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer word = java.nio.ByteBuffer.allocate(4);
        writeInt(out, word, fields.length);
        for (int i = 0; i < fields.length; i++) {
            PgType t = i < type.fieldCount() ? type.fieldType(i).baseType() : fields[i] == null ? PgType.TEXT
                : fields[i].type();
            writeInt(out, word, t.oid());
            if (fields[i] == null) {
                writeInt(out, word, -1);
            } else {
                byte[] b = fields[i].toBinary();
                writeInt(out, word, b.length);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    private static void writeInt(java.io.ByteArrayOutputStream out, java.nio.ByteBuffer word, int v) {
        out.writeBytes(word.clear().putInt(v).array());
    }

    /**
     * record_recv for a row type: 22P03 when the count exceeds the type's fields or a field's oid
     * is not its attribute's (PostgreSQL's messages). Fewer fields than the type has read the
     * rest as NULL: what storage/RowCodec needs for values stored before ADD ATTRIBUTE.
     */
    public static RecordValue fromBinary(PgType type, byte[] b) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        int n = buf.getInt();
        if (n > type.fieldCount()) {
            throw org.tuskdb.api.DatabaseException.error("42804", "wrong number of columns: " + n + ", expected "
                + type.fieldCount());
        }
        Value[] fields = new Value[type.fieldCount()];
        for (int i = 0; i < n; i++) {
            int oid = buf.getInt();
            int len = buf.getInt();
            PgType ft = type.fieldType(i);
            if (oid != ft.baseType().oid()) {
                throw org.tuskdb.api.DatabaseException.error("42804", "wrong data type: " + Integer.toUnsignedLong(oid)
                    + ", expected " + Integer.toUnsignedLong(ft.baseType().oid()));
            }
            if (len >= 0) {
                byte[] f = new byte[len];
                buf.get(f);
                fields[i] = TypeInput.fromBinary(ft, f);
            }
        }
        return new RecordValue(type, fields);
    }

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
