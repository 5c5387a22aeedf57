package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.BYTEA;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.CatalogNames;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.RegCastExpr;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericMath;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * More of PostgreSQL's function library: encode / decode (hex, base64, escape), convert_to /
 * convert_from, to_number, log(base, x) of numerics, isfinite, array_positions, array_replace,
 * bit_count of bytea, {@code ^@} and textcat, to_regclass / to_regtype / to_regnamespace.
 */
final class LibraryFunctions {
    private LibraryFunctions() {}

    static void register(FunctionRegistry r) {
        r.fn("encode", TEXT, List.of(BYTEA, TEXT), (a, c) -> TextValue.text(encode(bytes(a[0]), s(a[1]))));
        r.fn("decode", BYTEA, List.of(TEXT, TEXT), (a, c) -> new ByteaValue(decode(s(a[0]), s(a[1]))));
        r.fn("convert_to", BYTEA, List.of(TEXT, PgType.NAME),
            (a, c) -> new ByteaValue(s(a[0]).getBytes(charset(s(a[1]), "destination"))));
        r.fn("convert_from", TEXT, List.of(BYTEA, PgType.NAME),
            (a, c) -> TextValue.text(convertFrom(bytes(a[0]), s(a[1]))));
        r.fn("to_number", NUMERIC, List.of(TEXT, TEXT), 's', (a, c) -> toNumber(s(a[0]), s(a[1])));
        r.fn("log", NUMERIC, List.of(NUMERIC, NUMERIC), (a, c) -> log((NumericValue) a[0], (NumericValue) a[1]));
        r.fn("isfinite", BOOL, List.of(PgType.DATE), (a, c) -> BoolValue.of(((DateValue) a[0]).isFinite()));
        r.fn("isfinite", BOOL, List.of(PgType.TIMESTAMP), (a, c) -> BoolValue.of(((TimestampValue) a[0]).isFinite()));
        r.fn("isfinite", BOOL, List.of(PgType.TIMESTAMPTZ), 's', (a, c) -> BoolValue.of(((TimestampValue) a[0]).isFinite()));
        r.fn("isfinite", BOOL, List.of(PgType.INTERVAL), (a, c) -> BoolValue.TRUE);
        r.fn("bit_count", INT8, List.of(BYTEA), (a, c) -> {
            long n = 0;
            for (byte b : bytes(a[0])) {
                n += Integer.bitCount(b & 0xff);
            }
            return IntegerValue.int8(n);
        });
        r.op("^@", TEXT, TEXT, BOOL, (x, y) -> BoolValue.of(s(x).startsWith(s(y))));
        r.fn("textcat", TEXT, List.of(TEXT, TEXT), (a, c) -> TextValue.text(s(a[0]) + s(a[1])));
        r.fn("to_regclass", PgType.REGCLASS, List.of(TEXT), 's', (a, c) -> {
            try {
                return RegCastExpr.make(c, PgType.REGCLASS, CatalogNames.relationOid(c.storage(), s(a[0])));
            } catch (DatabaseException e) {
                return missing(e);
            }
        });
        r.fn("to_regnamespace", PgType.REGNAMESPACE, List.of(TEXT), 's', (a, c) -> {
            try {
                return RegCastExpr.make(c, PgType.REGNAMESPACE, CatalogNames.namespaceOidOf(c.storage(), s(a[0])));
            } catch (DatabaseException e) {
                return missing(e);
            }
        });
        r.fn("to_regtype", PgType.REGTYPE, List.of(TEXT), 's', (a, c) -> {
            try {
                return TypeInput.parse(PgType.REGTYPE, -1, s(a[0]), SessionStyle.utc());
            } catch (DatabaseException e) {
                return missing(e);
            }
        });
        for (PgType arr : PgType.ARRAYS) {
            PgType e = arr.elementType();
            if (e == PgType.JSON) {
                continue;
            }
            r.addFunction(new FunctionDef("array_positions", List.of(arr, e), PgType.INT4_ARRAY, false, false, 'i',
                (a, c) -> a[0] == null ? null : positions((ArrayValue) a[0], a[1])));
            r.addFunction(new FunctionDef("array_replace", List.of(arr, e, e), arr, false, false, 'i',
                (a, c) -> a[0] == null ? null : replace(arr, (ArrayValue) a[0], a[1], a[2])));
        }
    }

    private static String s(Value v) {
        return ((TextValue) v).textValue();
    }

    private static byte[] bytes(Value v) {
        return ((ByteaValue) v).value();
    }

    /** The to_reg* functions answer NULL for a name that does not exist, and raise anything else. */
    private static OidValue missing(DatabaseException e) {
        String state = e.sqlState();
        if (state.equals(SqlState.UNDEFINED_TABLE) || state.equals(SqlState.UNDEFINED_OBJECT)
            || state.equals("3F000")) {
            return null;
        }
        throw e;
    }

    // ---- encode / decode ----------------------------------------------------------------------

    static String encode(byte[] data, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex": {
                StringBuilder sb = new StringBuilder(data.length * 2);
                for (byte b : data) {
                    sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                }
                return sb.toString();
            }
            case "base64": // PostgreSQL breaks the lines after 76 characters
                return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(data);
            case "escape": {
                StringBuilder sb = new StringBuilder(data.length);
                for (byte b : data) {
                    int v = b & 0xff;
                    if (v == '\\') {
                        sb.append("\\\\");
                    } else if (v == 0 || v >= 0x80) {
                        sb.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
                            .append((char) ('0' + (v & 7)));
                    } else {
                        sb.append((char) v);
                    }
                }
                return sb.toString();
            }
            default:
                throw unrecognized(format);
        }
    }

    static byte[] decode(String text, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return hexDecode(text);
            case "base64":
                return base64Decode(text);
            case "escape":
                return TypeInput.byteaEscapeFormat(text);
            default:
                throw unrecognized(format);
        }
    }

    private static DatabaseException unrecognized(String format) {
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
    }

    private static byte[] hexDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 2);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = hexDigit(s, i);
            if (i + 1 >= s.length()) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid hexadecimal data: odd number of digits");
            }
            int lo = hexDigit(s, i + 1);
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static int hexDigit(String s, int i) {
        int d = Character.digit(s.charAt(i), 16);
        if (d < 0 || s.charAt(i) > 'f') {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid hexadecimal digit: \"" + new String(Character.toChars(s.codePointAt(i))) + "\"");
        }
        return d;
    }

    /** encode.c's b64_decode: whitespace skipped, '=' ends the data (third or fourth of a quad), whole quads. */
    private static byte[] base64Decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4);
        int buf = 0;
        int pos = 0;
        int end = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            int b;
            if (c == '=') {
                if (end == 0) {
                    if (pos == 2) {
                        end = 1;
                    } else if (pos == 3) {
                        end = 2;
                    } else {
                        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "unexpected \"=\" while decoding base64 sequence");
                    }
                }
                b = 0;
            } else {
                b = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                    : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : c == '/' ? 63 : -1;
                if (b < 0) {
                    throw badBase64Symbol(c);
                }
            }
            buf = (buf << 6) + b;
            pos++;
            if (pos == 4) {
                out.write((buf >> 16) & 255);
                if (end == 0 || end > 1) {
                    out.write((buf >> 8) & 255);
                }
                if (end == 0) {
                    out.write(buf & 255);
                }
                buf = 0;
                pos = 0;
            }
        }
        if (pos != 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence")
                .withHint("Input data is missing padding, is truncated, or is otherwise corrupted.");
        }
        return out.toByteArray();
    }

    private static DatabaseException badBase64Symbol(char c) {
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
            "invalid symbol \"" + c + "\" found while decoding base64 sequence");
    }

    // ---- conversions between encodings ----------------------------------------------------------

    /** PostgreSQL's encoding names (pg_char_to_encoding: case and '_' / '-' do not matter) as Java charsets. */
    private static Charset charset(String name, String role) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        String java = switch (n) {
            case "utf8", "unicode" -> "UTF-8";
            case "sqlascii" -> "US-ASCII";
            case "latin1", "iso88591" -> "ISO-8859-1";
            case "latin2", "iso88592" -> "ISO-8859-2";
            case "latin9", "iso885915" -> "ISO-8859-15";
            case "win1250" -> "windows-1250";
            case "win1251" -> "windows-1251";
            case "win1252" -> "windows-1252";
            case "koi8r", "koi8" -> "KOI8-R";
            case "eucjp" -> "EUC-JP";
            case "sjis" -> "Shift_JIS";
            case "gbk" -> "GBK";
            case "big5" -> "Big5";
            default -> null;
        };
        if (java == null || !Charset.isSupported(java)) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid " + role + " encoding name \"" + name + "\"");
        }
        return Charset.forName(java);
    }

    private static String convertFrom(byte[] data, String encoding) {
        Charset cs = charset(encoding, "source");
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length * 2 + 4);
        try {
            var r = d.decode(in, out, true);
            if (r.isError()) {
                r.throwException();
            }
            d.flush(out);
        } catch (CharacterCodingException e) {
            int at = in.position();
            StringBuilder hex = new StringBuilder();
            for (int i = at; i < Math.min(data.length, at + 2); i++) {
                hex.append(i == at ? "0x" : " 0x").append(String.format("%02x", data[i] & 0xff));
            }
            throw DatabaseException.error("22021", "invalid byte sequence for encoding \""
                + encodingLabel(encoding) + "\": " + hex);
        }
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == 0) {
                throw DatabaseException.error("22021", "invalid byte sequence for encoding \"UTF8\": 0x00");
            }
        }
        return out.toString();
    }

    private static String encodingLabel(String name) {
        return name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "").equals("UTF8") ? "UTF8"
            : name.toUpperCase(Locale.ROOT);
    }

    // ---- to_number ------------------------------------------------------------------------------

    /**
     * to_number(text, format): each 9 or 0 of the format takes one digit of the input (leading
     * blanks and a sign before the first digit are passed over), D or . the decimal point, G
     * or , a group separator, S / MI / PL / SG a sign, PR a negative in parentheses, L or $ a
     * currency symbol; other format characters skip one input character.
     */
    static Value toNumber(String input, String format) {
        if (format.isEmpty()) {
            return null;
        }
        String f = format.toUpperCase(Locale.ROOT);
        if (f.contains("EEEE")) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "\"EEEE\" not supported for input");
        }
        int points = 0;
        for (int i = 0; i < f.length(); i++) {
            if (f.charAt(i) == '.' || f.charAt(i) == 'D') {
                points++;
            }
        }
        if (points > 1) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR, "multiple decimal points");
        }
        StringBuilder digits = new StringBuilder();
        boolean negative = false;
        boolean any = false;
        int in = 0;
        int fi = 0;
        while (fi < f.length() && in <= input.length()) {
            char fc = f.charAt(fi);
            if (f.startsWith("FM", fi) || f.startsWith("TH", fi)) {
                fi += 2;
                continue;
            }
            int width = f.startsWith("MI", fi) || f.startsWith("PL", fi) || f.startsWith("SG", fi)
                || f.startsWith("PR", fi) ? 2 : 1;
            char ic = in < input.length() ? input.charAt(in) : 0;
            switch (fc) {
                case '9', '0' -> {
                    while (!any && (ic == ' ' || ic == '-' || ic == '+')) {
                        negative |= ic == '-';
                        ic = ++in < input.length() ? input.charAt(in) : 0;
                    }
                    if (ic >= '0' && ic <= '9') {
                        digits.append(ic);
                        any = true;
                        in++;
                    }
                }
                case '.', 'D' -> {
                    if (ic == '.') {
                        digits.append('.');
                        in++;
                    }
                }
                case ',', 'G' -> {
                    if (ic == ',') {
                        in++;
                    }
                }
                case 'S', 'M', 'P' -> { // S, MI, PL, SG, PR
                    if (ic == '-' || ic == '(' && fc == 'P') {
                        negative = true;
                        in++;
                    } else if (ic == '+') {
                        in++;
                    }
                }
                case 'L', '$' -> {
                    if (ic == '$') {
                        in++;
                    }
                }
                case 'V' -> { }
                default -> in++;
            }
            fi += width;
        }
        if (!any) {
            throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type numeric: \" \"");
        }
        BigDecimal v = new BigDecimal(digits.toString());
        return NumericValue.of(negative ? v.negate() : v);
    }

    // ---- log(base, x) -----------------------------------------------------------------------------

    /** numeric's log_var: at least 16 significant digits, no fewer than the inputs' scales. */
    static Value log(NumericValue base, NumericValue num) {
        if (!base.isFinite() || !num.isFinite()) {
            return NumericValue.NaN;
        }
        BigDecimal b = base.value();
        BigDecimal x = num.value();
        for (BigDecimal v : new BigDecimal[] {b, x}) {
            if (v.signum() <= 0) {
                throw DatabaseException.error("2201E", v.signum() == 0 ? "cannot take logarithm of zero"
                    : "cannot take logarithm of a negative number");
            }
        }
        if (b.compareTo(BigDecimal.ONE) == 0) {
            throw DatabaseException.error(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        int rscale = 16 - (lnWeight(x) - lnWeight(b));
        rscale = Math.max(rscale, Math.max(b.scale(), x.scale()));
        rscale = Math.min(Math.max(rscale, 0), 1000);
        MathContext mc = new MathContext(rscale + 40, RoundingMode.HALF_EVEN);
        BigDecimal r = NumericMath.ln(x, mc).divide(NumericMath.ln(b, mc), mc);
        return NumericValue.of(r.setScale(rscale, RoundingMode.HALF_UP));
    }

    /** estimate_ln_dweight: the decimal weight of ln(v). */
    private static int lnWeight(BigDecimal v) {
        if (v.compareTo(new BigDecimal("0.9")) >= 0 && v.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = v.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : d.precision() - d.scale() - 1;
        }
        double ln = Math.log(v.doubleValue());
        if (Double.isInfinite(ln) || Double.isNaN(ln)) {
            ln = Math.log(v.unscaledValue().doubleValue()) - v.scale() * Math.log(10);
        }
        return (int) Math.log10(Math.abs(ln));
    }

    // ---- arrays -----------------------------------------------------------------------------------

    private static Value positions(ArrayValue a, Value element) {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < a.length(); i++) {
            Value v = a.get(i);
            if (v == null ? element == null : element != null && v.compareTo(element) == 0) {
                out.add(IntegerValue.int4(i + 1));
            }
        }
        return new ArrayValue(PgType.INT4_ARRAY, out.toArray(new Value[0]));
    }

    private static Value replace(PgType type, ArrayValue a, Value from, Value to) {
        Value[] out = new Value[a.length()];
        for (int i = 0; i < out.length; i++) {
            Value v = a.get(i);
            boolean match = v == null ? from == null : from != null && v.compareTo(from) == 0;
            out[i] = match ? to : v;
        }
        return new ArrayValue(type, out);
    }
}
