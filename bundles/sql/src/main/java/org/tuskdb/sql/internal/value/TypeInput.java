package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * The input functions of every type: text (what literals, casts from strings and text-format
 * parameters go through) and binary (the receive functions, for binary-format parameters).
 */
public final class TypeInput {
    private TypeInput() {}

    private static final Pattern DECIMAL = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*");

    /** Parses text as a value of the type, then applies the type modifier (-1 for none). */
    public static Value parse(PgType type, int typmod, String text, SessionStyle style) {
        if (type.isDomain()) {
            // domain_in reads the base type; the constraints are checked where a value becomes the domain's
            return parse(type.baseType(), type.baseTypmod(typmod), text, style);
        }
        if (type.isArray()) {
            return ArrayValue.parse(type, text, typmod, style);
        }
        if (type.isComposite()) {
            return RecordValue.parse(type, text, style);
        }
        if (type.isEnum()) {
            return type.enumValue(text);
        }
        if (type.isRange()) {
            return RangeValue.parse(type, text, style);
        }
        return switch (type.oid()) {
            case 16 -> BoolValue.of(parseBool(text));
            case 21, 23, 20 -> parseInteger(type, text);
            case 26, 28 -> new OidValue(type, parseOid(type, text));
            case 700, 701 -> FloatValue.of(type, parseFloat(type, text));
            case 1700 -> parseNumericValue(text, typmod);
            case 25, 705 -> new TextValue(type, text);
            case 1043, 1042, 19 -> Casts.makeString(type, text, typmod, false);
            case 1082 -> new DateValue(DateTimeParser.parseDate(text, style));
            case 1114 -> new TimestampValue(type, Casts.roundTimestamp(
                DateTimeParser.parseTimestamp(text, false, style), typmod));
            case 1184 -> new TimestampValue(type, Casts.roundTimestamp(
                DateTimeParser.parseTimestamp(text, true, style), typmod));
            case 1186 -> DateTimeParser.parseInterval(text, null);
            case 1083 -> TimeValue.parse(text, typmod, style);
            case 1266 -> TimeTzValue.parse(text, typmod, style);
            case 17 -> new ByteaValue(parseBytea(text));
            case 869 -> InetValue.parse(text);
            case 2950 -> UuidValue.parse(text);
            case 27 -> TidValue.parse(text);
            case 3220 -> parseLsn(text);
            case 114 -> JsonValue.json(text);
            case 3802 -> JsonValue.jsonb(text);
            case 4072 -> JsonPathValue.parse(text);
            case 3614 -> TsVectorValue.parse(text);
            case 3615 -> TsQueryValue.parse(text);
            case 3734 -> new OidValue(PgType.REGCONFIG, org.tuskdb.sql.internal.tsearch.TextSearchConfig.configOid(text));
            case 3769 -> new OidValue(PgType.REGDICTIONARY,
                org.tuskdb.sql.internal.tsearch.TextSearchConfig.dictionaryOid(text));
            case 2206 -> new OidValue(PgType.REGTYPE, parseRegtype(text));
            case 18 -> new TextValue(PgType.CHAR, text.isEmpty() ? "" : text.substring(0, text.offsetByCodePoints(0, 1)));
            case 2205, 4089, 24 -> new OidValue(type, parseOid(PgType.OID, text));
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "input of type " + type.displayName() + " is not supported");
        };
    }

    /** pg_lsn's input: two hex numbers of up to 8 digits around a slash (pg_lsn_in). */
    static LsnValue parseLsn(String text) {
        try {
            return new LsnValue(org.tuskdb.api.wal.Lsn.parse(text));
        } catch (IllegalArgumentException e) {
            throw Errors.invalidInput(PgType.PG_LSN, text);
        }
    }

    public static boolean parseBool(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
                return true;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || (s.length() >= 2 && "off".startsWith(s)) || s.equals("0")) {
                return false;
            }
        }
        throw Errors.invalidInput(PgType.BOOL, text);
    }

    public static IntegerValue parseInteger(PgType type, String text) {
        long v = parseInt64(type, text);
        if ((type == PgType.INT4 && v != (int) v) || (type == PgType.INT2 && v != (short) v)) {
            throw outOfRangeInput(type, text);
        }
        return IntegerValue.of(type, v);
    }

    /**
     * PostgreSQL's integer input (pg_strtoint64) without a regular expression, as every COPY
     * field and text parameter of an integer column comes through here: blanks, an optional
     * sign, ASCII digits, blanks. Digits past a long's range are 22003, anything else 22P02.
     */
    private static long parseInt64(PgType type, String text) {
        int n = text.length();
        int i = 0;
        while (i < n && isBlank(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long acc = 0; // accumulated negated, so that Long.MIN_VALUE fits
        boolean overflow = false;
        for (; i < n; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (acc < Long.MIN_VALUE / 10 || (acc == Long.MIN_VALUE / 10 && d > 8)) {
                overflow = true;
            } else {
                acc = acc * 10 - d;
            }
        }
        boolean sawDigits = i > digits;
        while (i < n && isBlank(text.charAt(i))) {
            i++;
        }
        if (!sawDigits) {
            throw Errors.invalidInput(type, text);
        }
        if (overflow || (!negative && acc == Long.MIN_VALUE)) {
            throw outOfRangeInput(type, text); // before the syntax of what follows, as PostgreSQL
        }
        if (i < n) {
            throw Errors.invalidInput(type, text);
        }
        return negative ? acc : -acc;
    }

    /** The blanks of a regular expression's \s: space, tab, newline, vertical tab, form feed, return. */
    private static boolean isBlank(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static DatabaseException outOfRangeInput(PgType type, String text) {
        return DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "value \"" + text + "\" is out of range for type " + type.displayName());
    }

    private static long parseOid(PgType type, String text) {
        long v = parseInt64(type, text);
        if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
            throw outOfRangeInput(type, text);
        }
        return v;
    }

    public static double parseFloat(PgType type, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "nan", "+nan", "-nan": return Double.NaN;
            case "infinity", "inf", "+infinity", "+inf": return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw Errors.invalidInput(type, text);
        }
        double d = Double.parseDouble(s);
        boolean zeroDigits = s.replaceAll("[eE].*", "").replaceAll("[^1-9]", "").isEmpty();
        if (type == PgType.FLOAT4) {
            float f = (float) d;
            if (Float.isInfinite(f) || (f == 0 && !zeroDigits)) {
                throw DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type real");
            }
            return f;
        }
        if (Double.isInfinite(d) || (d == 0 && !zeroDigits)) {
            throw DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "\"" + text + "\" is out of range for type double precision");
        }
        return d;
    }

    /** numeric_in with the special values NaN, Infinity, -Infinity (also inf, +inf, -inf). */
    public static NumericValue parseNumericValue(String text, int typmod) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        NumericValue special = switch (s) {
            case "nan", "+nan", "-nan" -> NumericValue.NaN;
            case "infinity", "+infinity", "inf", "+inf" -> NumericValue.INFINITY;
            case "-infinity", "-inf" -> NumericValue.NEG_INFINITY;
            default -> null;
        };
        if (special != null) {
            return Casts.checkNumericTypmod(special, typmod);
        }
        return NumericValue.of(NumericMath.applyTypmod(parseNumeric(text), typmod));
    }

    public static BigDecimal parseNumeric(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw Errors.invalidInput(PgType.NUMERIC, text);
        }
        BigDecimal v = new BigDecimal(text.trim().startsWith("+") ? text.trim().substring(1) : text.trim());
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static byte[] parseBytea(String text) {
        if (text.startsWith("\\x")) {
            String hex = text.substring(2).replaceAll("\\s", "");
            if (hex.length() % 2 != 0) {
                throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid hexadecimal data: odd number of digits");
            }
            byte[] out = new byte[hex.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(hex.charAt(2 * i), 16);
                int lo = Character.digit(hex.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid hexadecimal digit: \"" + hex.charAt(hi < 0 ? 2 * i : 2 * i + 1) + "\"");
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }
        return byteaEscapeFormat(text);
    }

    /** byteain's escape format (also decode(text, 'escape')): {@code \\} and {@code \ooo} up to \377. */
    public static byte[] byteaEscapeFormat(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\') {
                out.write(raw[i]);
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < raw.length && raw[i + 1] >= '0' && raw[i + 1] <= '3' && isOctal(raw[i + 2])
                && isOctal(raw[i + 3])) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    private static long parseRegtype(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        PgType t = switch (name) {
            case "double precision" -> PgType.FLOAT8;
            case "character varying" -> PgType.VARCHAR;
            case "timestamp without time zone" -> PgType.TIMESTAMP;
            case "timestamp with time zone" -> PgType.TIMESTAMPTZ;
            default -> PgType.byName(name);
        };
        if (t == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "type \"" + text.trim() + "\" does not exist");
        }
        return t.oid();
    }

    /** The receive function: a binary-format parameter of the type. */
    public static Value fromBinary(PgType type, byte[] b) {
        if (type.isDomain()) {
            return fromBinary(type.baseType(), b);
        }
        if (type.isArray()) {
            return ArrayValue.fromBinary(type, b);
        }
        if (type.isComposite()) {
            return RecordValue.fromBinary(type, b);
        }
        if (type.isEnum()) {
            return type.enumValue(new String(b, StandardCharsets.UTF_8)); // enum_recv: the label's bytes
        }
        if (type.isRange()) {
            return RangeValue.fromBinary(type, b);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        return switch (type.oid()) {
            case 16 -> {
                expectLength(b, 1);
                yield BoolValue.of(b[0] != 0);
            }
            case 21 -> {
                expectLength(b, 2);
                yield IntegerValue.of(PgType.INT2, buf.getShort());
            }
            case 23 -> {
                expectLength(b, 4);
                yield IntegerValue.int4(buf.getInt());
            }
            case 20 -> {
                expectLength(b, 8);
                yield IntegerValue.int8(buf.getLong());
            }
            case 26, 28, 2206, 3734, 3769 -> {
                expectLength(b, 4);
                yield new OidValue(type, buf.getInt());
            }
            case 700 -> {
                expectLength(b, 4);
                yield FloatValue.float4(buf.getFloat());
            }
            case 701 -> {
                expectLength(b, 8);
                yield FloatValue.float8(buf.getDouble());
            }
            case 1700 -> NumericValue.fromBinary(b);
            case 25, 705, 1043, 1042, 19 -> new TextValue(type == PgType.UNKNOWN ? PgType.TEXT : type, utf8(b));
            case 1082 -> {
                expectLength(b, 4);
                yield new DateValue(buf.getInt());
            }
            case 1114, 1184 -> {
                expectLength(b, 8);
                yield new TimestampValue(type, buf.getLong());
            }
            case 1083 -> {
                expectLength(b, 8);
                long micros = buf.getLong();
                if (micros < 0 || micros > TimeValue.MAX) {
                    throw DatabaseException.error(SqlState.INVALID_DATETIME_FORMAT, "time out of range");
                }
                yield new TimeValue(micros);
            }
            case 1266 -> {
                expectLength(b, 12);
                long micros = buf.getLong();
                yield new TimeTzValue(micros, -buf.getInt());
            }
            case 1186 -> {
                expectLength(b, 16);
                long micros = buf.getLong();
                int days = buf.getInt();
                yield new IntervalValue(buf.getInt(), days, micros);
            }
            case 17 -> new ByteaValue(b.clone());
            case 114 -> JsonValue.json(utf8(b));
            case 3802 -> {
                if (b.length == 0 || b[0] != 1) {
                    throw Errors.badBinary("unsupported jsonb version number " + (b.length == 0 ? 0 : b[0]));
                }
                yield JsonValue.jsonb(utf8(java.util.Arrays.copyOfRange(b, 1, b.length)));
            }
            case 4072 -> {
                if (b.length == 0 || b[0] != 1) {
                    throw Errors.badBinary("unsupported jsonpath version number: " + (b.length == 0 ? 0 : b[0]));
                }
                yield JsonPathValue.parse(utf8(java.util.Arrays.copyOfRange(b, 1, b.length)));
            }
            case 3614 -> TsVectorValue.fromBinary(b);
            case 3615 -> TsQueryValue.fromBinary(b);
            case 2950 -> {
                expectLength(b, 16);
                yield new UuidValue(b.clone());
            }
            case 27 -> {
                expectLength(b, 6);
                yield TidValue.fromBinary(b);
            }
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "binary input of type " + type.displayName() + " is not supported");
        };
    }

    private static void expectLength(byte[] b, int n) {
        if (b.length != n) {
            throw b.length < n ? Errors.insufficientData() : Errors.badBinary("incorrect binary data format");
        }
    }

    public static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            // report_invalid_encoding: the bytes from the first one that does not decode
            ByteBuffer in = ByteBuffer.wrap(b);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, java.nio.CharBuffer.allocate(b.length), true);
            throw Errors.invalidUtf8(b, in.position(), b.length);
        }
    }
}
