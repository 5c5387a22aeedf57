package org.tuskdb.sql.internal.value;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * A one-dimensional array with lower bound 1 (the arrays applications build with ARRAY[...]
 * and '{...}'); elements may be NULL (Java null). Ordering is array_cmp's: element by element
 * with NULL above every value, then the shorter array first. An empty array has no dimensions.
 */
public final class ArrayValue extends Value {
    private final PgType type;
    private final Value[] elements;
    /** The subscript of the first element: 1, except for arrays the engine makes otherwise (TG_ARGV: 0). */
    private final int lowerBound;

    public ArrayValue(PgType type, Value[] elements) {
        this(type, elements, 1);
    }

    public ArrayValue(PgType type, Value[] elements, int lowerBound) {
        this.type = type;
        this.elements = elements;
        this.lowerBound = lowerBound;
    }

    public int lowerBound() { return lowerBound; }

    public PgType elementType() { return type.elementType(); }
    public int length() { return elements.length; }
    /** Element i, 0-based (SQL subscripts are 1-based). */
    public Value get(int i) { return elements[i]; }
    /** The elements (not copied: do not change them). */
    public Value[] elements() { return elements; }

    @Override public PgType type() { return type; }

    @Override
    public String toText(SessionStyle style) {
        StringBuilder sb = new StringBuilder();
        if (type == PgType.INT2VECTOR || type == PgType.OIDVECTOR) {
            for (int i = 0; i < elements.length; i++) {
                sb.append(i > 0 ? " " : "").append(elements[i].toText(style));
            }
            return sb.toString();
        }
        if (lowerBound != 1 && elements.length > 0) {
            sb.append('[').append(lowerBound).append(':').append(lowerBound + elements.length - 1).append("]=");
        }
        sb.append('{');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Value v = elements[i];
            if (v == null) {
                sb.append("NULL");
            } else {
                appendQuoted(sb, v.toText(style));
            }
        }
        return sb.append('}').toString();
    }

    /** array_out's quoting: empty, NULL, or containing { } , " \ or white space: double quotes with \ escapes. */
    static void appendQuoted(StringBuilder sb, String s) {
        boolean quote = s.isEmpty() || s.equalsIgnoreCase("null");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** array_send: ndim, has-null flag, element oid, (length, lower bound) per dimension, then (length, bytes) per element. */
    @Override
    public byte[] toBinary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hasNull = false;
        for (Value v : elements) {
            hasNull |= v == null;
        }
        writeInt(out, elements.length == 0 ? 0 : 1);
        writeInt(out, hasNull ? 1 : 0);
        writeInt(out, type.elementType().oid());
        if (elements.length > 0) {
            writeInt(out, elements.length);
            writeInt(out, 1);
        }
        for (Value v : elements) {
            if (v == null) {
                writeInt(out, -1);
            } else {
                byte[] b = v.toBinary();
                writeInt(out, b.length);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    public static ArrayValue fromBinary(PgType type, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (b.length < 12) {
            throw Errors.insufficientData();
        }
        int ndim = buf.getInt();
        buf.getInt(); // has-null flag
        int elemOid = buf.getInt();
        if (ndim == 0) {
            return new ArrayValue(type, new Value[0]);
        }
        if (ndim != 1) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported yet");
        }
        if (elemOid != type.elementType().oid()) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "binary data has array element type " + elemOid
                + " instead of expected " + type.elementType().oid());
        }
        int n = buf.getInt();
        buf.getInt(); // lower bound
        Value[] out = new Value[n];
        for (int i = 0; i < n; i++) {
            int len = buf.getInt();
            if (len >= 0) {
                byte[] e = new byte[len];
                buf.get(e);
                out[i] = TypeInput.fromBinary(type.elementType(), e);
            }
        }
        return new ArrayValue(type, out);
    }

    @Override
    public int compareTo(Value other) {
        ArrayValue o = (ArrayValue) other;
        int n = Math.min(elements.length, o.elements.length);
        for (int i = 0; i < n; i++) {
            Value a = elements[i];
            Value b = o.elements[i];
            if (a == null || b == null) {
                if (a != b) {
                    return a == null ? 1 : -1;
                }
                continue;
            }
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.length, o.elements.length);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    // ---- text input ---------------------------------------------------------------------------

    /** array_in for one dimension: {a,"b c",NULL}; each element through the element type's input (with typmod). */
    public static ArrayValue parse(PgType type, String text, int typmod, SessionStyle style) {
        String s = text;
        int p = skipSpace(s, 0);
        if (p >= s.length() || s.charAt(p) != '{') {
            if (p < s.length() && s.charAt(p) == '[') {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "array dimension decorations are not supported yet");
            }
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        p++;
        List<Value> out = new ArrayList<>();
        p = skipSpace(s, p);
        if (p < s.length() && s.charAt(p) == '}') {
            p = skipSpace(s, p + 1);
            if (p != s.length()) {
                throw malformed(text, "Junk after closing right brace.");
            }
            return new ArrayValue(type, new Value[0]);
        }
        while (true) {
            p = skipSpace(s, p);
            if (p >= s.length()) {
                throw malformed(text, "Unexpected end of input.");
            }
            char c = s.charAt(p);
            if (c == '{') {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported yet");
            }
            StringBuilder e = new StringBuilder();
            boolean quoted = false;
            boolean escaped = false;
            if (c == '"') {
                quoted = true;
                p++;
                while (true) {
                    if (p >= s.length()) {
                        throw malformed(text, "Unexpected end of input.");
                    }
                    char d = s.charAt(p++);
                    if (d == '\\') {
                        if (p >= s.length()) {
                            throw malformed(text, "Unexpected end of input.");
                        }
                        e.append(s.charAt(p++));
                    } else if (d == '"') {
                        break;
                    } else {
                        e.append(d);
                    }
                }
                p = skipSpace(s, p);
            } else {
                int lastNonSpace = -1;
                while (p < s.length()) {
                    char d = s.charAt(p);
                    if (d == ',' || d == '}') {
                        break;
                    }
                    if (d == '{' || d == '"') {
                        throw malformed(text, "Unexpected \"" + d + "\" character.");
                    }
                    if (d == '\\') {
                        if (p + 1 >= s.length()) {
                            throw malformed(text, "Unexpected end of input.");
                        }
                        e.append(s.charAt(p + 1));
                        p += 2;
                        escaped = true;
                        lastNonSpace = e.length();
                        continue;
                    }
                    e.append(d);
                    if (!Character.isWhitespace(d)) {
                        lastNonSpace = e.length();
                    }
                    p++;
                }
                e.setLength(Math.max(lastNonSpace, 0));
                if (e.length() == 0) {
                    throw malformed(text, p < s.length() && s.charAt(p) == '}' ? "Unexpected \"}\" character."
                        : "Unexpected \",\" character.");
                }
            }
            String element = e.toString();
            if (!quoted && !escaped && element.toLowerCase(Locale.ROOT).equals("null")) {
                out.add(null);
            } else {
                Value v = TypeInput.parse(type.elementType(), typmod, element, style);
                out.add(v);
            }
            if (p >= s.length()) {
                throw malformed(text, "Unexpected end of input.");
            }
            char d = s.charAt(p);
            if (d == ',') {
                p++;
                continue;
            }
            if (d == '}') {
                p = skipSpace(s, p + 1);
                if (p != s.length()) {
                    throw malformed(text, "Junk after closing right brace.");
                }
                return new ArrayValue(type, out.toArray(new Value[0]));
            }
            throw malformed(text, "Unexpected \"" + d + "\" character.");
        }
    }

    private static int skipSpace(String s, int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static DatabaseException malformed(String text, String detail) {
        return DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"")
            .withDetail(detail);
    }
}
