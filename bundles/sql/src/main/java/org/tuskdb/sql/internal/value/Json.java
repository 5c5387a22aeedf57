package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * JSON documents as trees: {@link #NULL}, Boolean, BigDecimal, String, List (arrays) and Map
 * (objects; jsonb's keep PostgreSQL's key order — shorter keys first, then bytewise — with the
 * last duplicate winning). The parser reports PostgreSQL's error details; the writers print
 * jsonb's normalized form ({@code {"a": 1, "b": [1, 2]}}) and json's built forms.
 */
public final class Json {
    private Json() {}

    /** JSON null (distinct from SQL NULL, which is Java null). */
    public static final Object NULL = new Object() {
        @Override public String toString() { return "null"; }
    };

    /** jsonb's storage order of keys: UTF-8 length first, then bytes. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        int la = utf8Length(a);
        int lb = utf8Length(b);
        if (la != lb) {
            return Integer.compare(la, lb);
        }
        return TextValue.compareCodePoints(a, b);
    };

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    // ---- parsing ----------------------------------------------------------------------------

    /** Parses text as json (validation only: keepOrder) or jsonb; errors are 22P02 with PostgreSQL's detail. */
    public static Object parse(String text, boolean jsonb) {
        Parser p = new Parser(text, jsonb);
        Object v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.unexpected("end of input");
        }
        return v;
    }

    private static final class Parser {
        final String s;
        final boolean jsonb;
        int pos;

        Parser(String s, boolean jsonb) {
            this.s = s;
            this.jsonb = jsonb;
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        DatabaseException error(String detail) {
            return DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json")
                .withDetail(detail);
        }

        /** The token at pos, as PostgreSQL's JSON lexer would cut it. */
        String tokenAt() {
            char c = s.charAt(pos);
            if ("{}[],:".indexOf(c) >= 0) {
                return String.valueOf(c);
            }
            if (c == '"') {
                int save = pos;
                try {
                    string();
                    return s.substring(save, pos);
                } catch (DatabaseException e) {
                    return s.substring(save);
                } finally {
                    pos = save;
                }
            }
            int end = pos;
            while (end < s.length() && !isDelimiter(s.charAt(end))) {
                end++;
            }
            return s.substring(pos, Math.max(end, pos + 1));
        }

        DatabaseException unexpected(String expected) {
            if (pos >= s.length()) {
                return error("The input string ended unexpectedly.");
            }
            String token = tokenAt();
            char c = token.charAt(0);
            if (c != '"' && "{}[],:".indexOf(c) < 0 && word(token) == null) {
                return error("Token \"" + token + "\" is invalid.");
            }
            return error("Expected " + expected + ", but found \"" + token + "\".");
        }

        static boolean isDelimiter(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || "{}[],:\"".indexOf(c) >= 0;
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("The input string ended unexpectedly.");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                default:
                    break;
            }
            if ("}],:".indexOf(c) >= 0) {
                throw unexpected("JSON value");
            }
            String token = tokenAt();
            Object v = word(token);
            if (v == null) {
                throw error("Token \"" + token + "\" is invalid.");
            }
            pos += token.length();
            return v;
        }

        /** true, false, null or a number; null when the token is none of them. */
        static Object word(String t) {
            switch (t) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "null": return NULL;
                default: break;
            }
            int i = 0;
            int n = t.length();
            if (i < n && t.charAt(i) == '-') {
                i++;
            }
            if (i >= n) {
                return null;
            }
            if (t.charAt(i) == '0') {
                i++;
            } else if (t.charAt(i) >= '1' && t.charAt(i) <= '9') {
                while (i < n && Character.isDigit(t.charAt(i))) {
                    i++;
                }
            } else {
                return null;
            }
            if (i < n && t.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                }
                if (i == start) {
                    return null;
                }
            }
            if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
                i++;
                if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                    i++;
                }
                int start = i;
                while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                }
                if (i == start) {
                    return null;
                }
            }
            if (i != n) {
                return null;
            }
            BigDecimal d = new BigDecimal(t);
            return d.scale() < 0 ? d.setScale(0) : d;
        }

        Object object() {
            pos++; // {
            Map<String, Object> map = jsonb ? new TreeMap<>(KEY_ORDER) : new java.util.LinkedHashMap<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw unexpected(map.isEmpty() ? "string or \"}\"" : "string");
                }
                String key = string();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw unexpected("\":\"");
                }
                pos++;
                Object v = value();
                if (!jsonb) {
                    map.remove(key); // json keeps text; the tree is only for validation and lookups
                }
                map.put(key, v);
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                throw unexpected("\",\" or \"}\"");
            }
        }

        Object array() {
            pos++; // [
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                if (pos < s.length() && s.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                throw unexpected("\",\" or \"]\"");
            }
        }

        String string() {
            int start = pos;
            pos++; // "
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    pos = start;
                    throw error("The input string ended unexpectedly.");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("Character with value 0x" + String.format("%02x", (int) c) + " must be escaped.");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("The input string ended unexpectedly.");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length() || !isHex4(s, pos)) {
                            throw error("\"\\u\" must be followed by four hexadecimal digits.");
                        }
                        int cp = Integer.parseInt(s.substring(pos, pos + 4), 16);
                        pos += 4;
                        if (cp == 0 && jsonb) {
                            throw DatabaseException.error("22P05",
                                "unsupported Unicode escape sequence").withDetail("\\u0000 cannot be converted to text.");
                        }
                        sb.append((char) cp);
                    }
                    default -> throw error("Escape sequence \"\\" + e + "\" is invalid.");
                }
            }
        }

        static boolean isHex4(String s, int p) {
            for (int i = p; i < p + 4; i++) {
                if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 0x7f) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    /** jsonb's output: ", " between elements, ": " after keys. */
    public static String toJsonbText(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, ", ", ": ");
        return sb.toString();
    }

    /** Writes a tree with the given separators (json_build_object uses ", " and " : "). */
    public static void write(StringBuilder sb, Object v, String comma, String colon) {
        if (v == NULL) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof RawJson r) {
            sb.append(r.text());
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(comma);
                }
                write(sb, list.get(i), comma, colon);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(comma);
                }
                first = false;
                quote(sb, (String) e.getKey());
                sb.append(colon);
                write(sb, e.getValue(), comma, colon);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON node: " + v);
        }
    }

    /** A piece of json text kept as written (json values embedded in json_build_object). */
    public record RawJson(String text) {}

    /** escape_json: " \ and control characters (\b \f \n \r \t, others as \\u00XX). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---- comparison and containment -----------------------------------------------------------

    /** jsonb_typeof's names. */
    public static String typeOf(Object v) {
        if (v == NULL) {
            return "null";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof BigDecimal) {
            return "number";
        }
        if (v instanceof String) {
            return "string";
        }
        return v instanceof List ? "array" : "object";
    }

    private static int rank(Object v) {
        if (v == NULL) {
            return 0;
        }
        if (v instanceof String) {
            return 1;
        }
        if (v instanceof BigDecimal) {
            return 2;
        }
        if (v instanceof Boolean) {
            return 3;
        }
        return v instanceof List ? 4 : 5;
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof List) && !(v instanceof Map);
    }

    /**
     * jsonb's btree order at the top level: a scalar is stored as a one-element array, so it
     * ranks with the arrays: fewer elements first ([] sorts before every scalar), then scalars
     * before real arrays; objects last. Nested values: null < string < number < boolean <
     * array < object.
     */
    public static int compareTop(Object a, Object b) {
        boolean oa = a instanceof Map;
        boolean ob = b instanceof Map;
        if (oa || ob) {
            return oa && ob ? compare(a, b) : oa ? 1 : -1;
        }
        boolean sa = isScalar(a);
        boolean sb = isScalar(b);
        int na = sa ? 1 : ((List<?>) a).size();
        int nb = sb ? 1 : ((List<?>) b).size();
        if (na != nb) {
            return Integer.compare(na, nb);
        }
        if (sa != sb) {
            return sa ? -1 : 1;
        }
        return compare(a, b);
    }

    @SuppressWarnings("unchecked")
    public static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0: return 0;
            case 1: return TextValue.compareCodePoints((String) a, (String) b);
            case 2: return ((BigDecimal) a).compareTo((BigDecimal) b);
            case 3: return Boolean.compare((Boolean) a, (Boolean) b);
            case 4: {
                List<Object> x = (List<Object>) a;
                List<Object> y = (List<Object>) b;
                if (x.size() != y.size()) {
                    return Integer.compare(x.size(), y.size());
                }
                for (int i = 0; i < x.size(); i++) {
                    int c = compare(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            default: {
                Map<String, Object> x = (Map<String, Object>) a;
                Map<String, Object> y = (Map<String, Object>) b;
                if (x.size() != y.size()) {
                    return Integer.compare(x.size(), y.size());
                }
                var ix = x.entrySet().iterator();
                var iy = y.entrySet().iterator();
                while (ix.hasNext()) {
                    var ex = ix.next();
                    var ey = iy.next();
                    int c = TextValue.compareCodePoints(ex.getKey(), ey.getKey());
                    if (c != 0) {
                        return c;
                    }
                    c = compare(ex.getValue(), ey.getValue());
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
        }
    }

    /** jsonb @>: does a contain b (objects by keys, arrays by elements, scalars by equality)? */
    @SuppressWarnings("unchecked")
    public static boolean contains(Object a, Object b, boolean top) {
        if (a instanceof Map<?, ?> ma) {
            if (!(b instanceof Map<?, ?> mb)) {
                return false;
            }
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                Object av = ma.get(e.getKey());
                if (av == null) {
                    return false;
                }
                Object bv = e.getValue();
                if (isScalar(bv) ? compare(av, bv) != 0 : !contains(av, bv, false)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la) {
            if (b instanceof List<?> lb) {
                for (Object bv : lb) {
                    boolean found = false;
                    for (Object av : la) {
                        if (isScalar(bv) ? (isScalar(av) && compare(av, bv) == 0) : contains(av, bv, false)) {
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        return false;
                    }
                }
                return true;
            }
            if (top && isScalar(b)) {
                // a top-level array contains a raw scalar it has as an element
                for (Object av : la) {
                    if (isScalar(av) && compare(av, b) == 0) {
                        return true;
                    }
                }
            }
            return false;
        }
        return isScalar(b) && compare(a, b) == 0;
    }

    public static Map<String, Object> newJsonbObject() {
        return new TreeMap<>(KEY_ORDER);
    }

    static <T> List<T> frozen(List<T> l) {
        return Collections.unmodifiableList(l);
    }

    /** jsonb::numeric, ::int4, ::bool ... : the scalar of the right kind, else 22023 naming the kind found. */
    static Value castFromJsonb(JsonValue j, PgType to) {
        Object t = j.tree();
        if (to == PgType.BOOL && t instanceof Boolean b) {
            return BoolValue.of(b);
        }
        if (to != PgType.BOOL && t instanceof BigDecimal d) {
            return Casts.convert(NumericValue.of(d), to, -1, true, SessionStyle.utc());
        }
        String kind = t == NULL ? "null" : t instanceof Boolean ? "boolean" : t instanceof BigDecimal ? "numeric"
            : t instanceof String ? "string" : t instanceof List ? "array" : "object";
        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
            "cannot cast jsonb " + kind + " to type " + to.displayName());
    }

    /**
     * The top-level members of a json text with each value's source text as written: for an
     * object [key, text] pairs (a later duplicate replaces an earlier one, as json -> finds the
     * last), for an array [null, text] per element, for a scalar null.
     */
    public static List<String[]> members(String text) {
        Parser p = new Parser(text, false);
        p.skipSpace();
        if (p.pos >= text.length()) {
            return null;
        }
        char c = text.charAt(p.pos);
        if (c != '{' && c != '[') {
            return null;
        }
        List<String[]> out = new ArrayList<>();
        p.pos++;
        p.skipSpace();
        char close = c == '{' ? '}' : ']';
        if (text.charAt(p.pos) == close) {
            return out;
        }
        while (true) {
            p.skipSpace();
            String key = null;
            if (c == '{') {
                key = p.string();
                p.skipSpace();
                p.pos++; // :
            }
            p.skipSpace();
            int start = p.pos;
            p.value();
            String raw = text.substring(start, p.pos);
            if (key != null) {
                for (int k = 0; k < out.size(); k++) {
                    if (out.get(k)[0].equals(key)) {
                        out.remove(k);
                        break;
                    }
                }
            }
            out.add(new String[] {key, raw});
            p.skipSpace();
            if (text.charAt(p.pos) == ',') {
                p.pos++;
                continue;
            }
            return out;
        }
    }
}
