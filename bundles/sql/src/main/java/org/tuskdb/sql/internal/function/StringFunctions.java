package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.BPCHAR;
import static org.tuskdb.sql.internal.value.PgType.BYTEA;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/** The common string functions. Lengths and positions count characters (code points). */
final class StringFunctions {
    private StringFunctions() {}

    private static String s(Value v) {
        return ((TextValue) v).textValue();
    }

    private static int i(Value v) {
        return (int) ((IntegerValue) v).value();
    }

    private static TextValue t(String s) {
        return TextValue.text(s);
    }

    private static int chars(String s) {
        return s.codePointCount(0, s.length());
    }

    static void register(FunctionRegistry r) {
        for (String name : List.of("length", "char_length", "character_length")) {
            r.fn(name, INT4, List.of(TEXT), (a, c) -> IntegerValue.int4(chars(s(a[0]))));
            r.fn(name, INT4, List.of(BPCHAR), (a, c) -> IntegerValue.int4(chars(s(a[0]))));
        }
        r.fn("octet_length", INT4, List.of(TEXT), (a, c) -> IntegerValue.int4(s(a[0]).getBytes(StandardCharsets.UTF_8).length));
        // bpcharoctetlen counts the padding
        r.fn("octet_length", INT4, List.of(BPCHAR),
            (a, c) -> IntegerValue.int4(((TextValue) a[0]).value().getBytes(StandardCharsets.UTF_8).length));
        r.fn("octet_length", INT4, List.of(BYTEA), (a, c) -> IntegerValue.int4(((ByteaValue) a[0]).value().length));
        r.fn("length", INT4, List.of(BYTEA), (a, c) -> IntegerValue.int4(((ByteaValue) a[0]).value().length));
        r.fn("lower", TEXT, List.of(TEXT), (a, c) -> t(s(a[0]).toLowerCase(Locale.ROOT)));
        r.fn("upper", TEXT, List.of(TEXT), (a, c) -> t(s(a[0]).toUpperCase(Locale.ROOT)));
        r.fn("initcap", TEXT, List.of(TEXT), (a, c) -> t(initcap(s(a[0]))));
        for (String name : List.of("substr", "substring")) {
            r.fn(name, TEXT, List.of(TEXT, INT4), (a, c) -> t(substring(s(a[0]), i(a[1]), Integer.MAX_VALUE, false)));
            r.fn(name, TEXT, List.of(TEXT, INT4, INT4), (a, c) -> t(substring(s(a[0]), i(a[1]), i(a[2]), true)));
        }
        r.fn("strpos", INT4, List.of(TEXT, TEXT), (a, c) -> IntegerValue.int4(position(s(a[0]), s(a[1]))));
        r.fn("position", INT4, List.of(TEXT, TEXT), (a, c) -> IntegerValue.int4(position(s(a[0]), s(a[1]))));
        r.fn("btrim", TEXT, List.of(TEXT), (a, c) -> t(trim(s(a[0]), " ", true, true)));
        r.fn("btrim", TEXT, List.of(TEXT, TEXT), (a, c) -> t(trim(s(a[0]), s(a[1]), true, true)));
        r.fn("ltrim", TEXT, List.of(TEXT), (a, c) -> t(trim(s(a[0]), " ", true, false)));
        r.fn("ltrim", TEXT, List.of(TEXT, TEXT), (a, c) -> t(trim(s(a[0]), s(a[1]), true, false)));
        r.fn("rtrim", TEXT, List.of(TEXT), (a, c) -> t(trim(s(a[0]), " ", false, true)));
        r.fn("rtrim", TEXT, List.of(TEXT, TEXT), (a, c) -> t(trim(s(a[0]), s(a[1]), false, true)));
        r.fn("replace", TEXT, List.of(TEXT, TEXT, TEXT), (a, c) -> t(s(a[1]).isEmpty() ? s(a[0])
            : s(a[0]).replace(s(a[1]), s(a[2]))));
        r.fn("left", TEXT, List.of(TEXT, INT4), (a, c) -> t(left(s(a[0]), i(a[1]))));
        r.fn("right", TEXT, List.of(TEXT, INT4), (a, c) -> t(right(s(a[0]), i(a[1]))));
        r.fn("repeat", TEXT, List.of(TEXT, INT4), (a, c) -> t(i(a[1]) <= 0 ? "" : repeat(s(a[0]), i(a[1]))));
        r.fn("reverse", TEXT, List.of(TEXT), (a, c) -> t(new StringBuilder(s(a[0])).reverse().toString()));
        r.fn("lpad", TEXT, List.of(TEXT, INT4), (a, c) -> t(pad(s(a[0]), i(a[1]), " ", true)));
        r.fn("lpad", TEXT, List.of(TEXT, INT4, TEXT), (a, c) -> t(pad(s(a[0]), i(a[1]), s(a[2]), true)));
        r.fn("rpad", TEXT, List.of(TEXT, INT4), (a, c) -> t(pad(s(a[0]), i(a[1]), " ", false)));
        r.fn("rpad", TEXT, List.of(TEXT, INT4, TEXT), (a, c) -> t(pad(s(a[0]), i(a[1]), s(a[2]), false)));
        r.fn("split_part", TEXT, List.of(TEXT, TEXT, INT4), (a, c) -> t(splitPart(s(a[0]), s(a[1]), i(a[2]))));
        r.fn("starts_with", BOOL, List.of(TEXT, TEXT), (a, c) -> BoolValue.of(s(a[0]).startsWith(s(a[1]))));
        r.fn("ascii", INT4, List.of(TEXT), (a, c) -> IntegerValue.int4(s(a[0]).isEmpty() ? 0 : s(a[0]).codePointAt(0)));
        r.fn("chr", TEXT, List.of(INT4), (a, c) -> {
            int cp = i(a[0]);
            if (cp == 0) {
                throw DatabaseException.error("54000", "null character not permitted");
            }
            if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                throw DatabaseException.error("54000", "requested character too large for encoding: " + cp);
            }
            return t(new String(Character.toChars(cp)));
        });
        r.fn("md5", TEXT, List.of(TEXT), (a, c) -> t(md5(s(a[0]).getBytes(StandardCharsets.UTF_8))));
        r.fn("quote_ident", TEXT, List.of(TEXT), (a, c) -> t(quoteIdent(s(a[0]))));
        r.fn("quote_literal", TEXT, List.of(TEXT), (a, c) -> t("'" + s(a[0]).replace("'", "''") + "'"));
        r.fn("to_hex", TEXT, List.of(PgType.INT8), (a, c) -> t(Long.toHexString(((IntegerValue) a[0]).value())));
        // concat and concat_ws skip NULLs, so they are not strict
        r.addFunction(new FunctionDef("concat", List.of(PgType.ANY), TEXT, true, false, 's', (a, c) -> {
            StringBuilder sb = new StringBuilder();
            for (Value v : a) {
                if (v != null) {
                    sb.append(ArithmeticOperators.anyText(v, c));
                }
            }
            return t(sb.toString());
        }));
        r.addFunction(new FunctionDef("concat_ws", List.of(TEXT, PgType.ANY), TEXT, true, false, 's', (a, c) -> {
            if (a[0] == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (int k = 1; k < a.length; k++) {
                if (a[k] != null) {
                    if (!first) {
                        sb.append(s(a[0]));
                    }
                    sb.append(ArithmeticOperators.anyText(a[k], c));
                    first = false;
                }
            }
            return t(sb.toString());
        }));
    }

    /** substr with PostgreSQL's 1-based start that may be before the string. */
    static String substring(String s, int start, int length, boolean hasLength) {
        if (hasLength && length < 0) {
            throw DatabaseException.error("22011", "negative substring length not allowed");
        }
        long end = hasLength ? (long) start + length : Long.MAX_VALUE;
        long from = Math.max(start, 1);
        int n = chars(s);
        if (end <= from || from > n) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) from - 1);
        int e = end - 1 >= n ? s.length() : s.offsetByCodePoints(0, (int) end - 1);
        return s.substring(b, e);
    }

    private static int position(String s, String needle) {
        int idx = s.indexOf(needle);
        return idx < 0 ? 0 : s.codePointCount(0, idx) + 1;
    }

    private static String trim(String s, String chars, boolean leading, boolean trailing) {
        int b = 0;
        int e = s.length();
        if (leading) {
            while (b < e && chars.indexOf(s.charAt(b)) >= 0) {
                b++;
            }
        }
        if (trailing) {
            while (e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
                e--;
            }
        }
        return s.substring(b, e);
    }

    private static String left(String s, int n) {
        int len = chars(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    private static String right(String s, int n) {
        int len = chars(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
        return s.substring(s.offsetByCodePoints(0, len - keep));
    }

    private static String repeat(String s, int n) {
        if ((long) s.length() * n > 256L * 1024 * 1024) {
            throw DatabaseException.error("54000", "requested length too large");
        }
        return s.repeat(n);
    }

    private static String pad(String s, int length, String fill, boolean leftSide) {
        int len = chars(s);
        if (length <= 0) {
            return "";
        }
        if (len >= length) {
            return s.substring(0, s.offsetByCodePoints(0, length));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder p = new StringBuilder();
        int need = length - len;
        int[] cps = fill.codePoints().toArray();
        for (int k = 0; k < need; k++) {
            p.appendCodePoint(cps[k % cps.length]);
        }
        return leftSide ? p + s : s + p;
    }

    private static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw DatabaseException.error("22023", "field position must not be zero");
        }
        if (delimiter.isEmpty()) {
            return field == 1 || field == -1 ? s : "";
        }
        String[] parts = s.split(java.util.regex.Pattern.quote(delimiter), -1);
        int idx = field > 0 ? field - 1 : parts.length + field;
        return idx >= 0 && idx < parts.length ? parts[idx] : "";
    }

    private static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean wordStart = true;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            sb.append(wordStart ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            wordStart = !Character.isLetterOrDigit(ch);
        }
        return sb.toString();
    }

    static String quoteIdent(String s) {
        boolean safe = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_');
        for (int k = 0; k < s.length() && safe; k++) {
            char ch = s.charAt(k);
            safe = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        if (safe && !org.tuskdb.sql.internal.parser.KeywordCheck.isKeyword(s)) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String md5(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(data);
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
