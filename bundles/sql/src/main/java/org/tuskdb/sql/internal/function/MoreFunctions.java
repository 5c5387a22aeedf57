package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BYTEA;
import static org.tuskdb.sql.internal.value.PgType.DATE;
import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.JSON;
import static org.tuskdb.sql.internal.value.PgType.JSONB;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.TEXT_ARRAY;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.Errors;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Json;
import org.tuskdb.sql.internal.value.JsonValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The rest of the common library: format(), num_nulls / num_nonnulls, bit_length, translate,
 * quote_nullable, sha224..sha512, trigonometry, factorial / gcd / lcm, width_bucket, scale /
 * min_scale / trim_scale, json #> and #>> paths, and to_char for dates and timestamps with
 * the common template patterns.
 */
final class MoreFunctions {
    private MoreFunctions() {}

    static void register(FunctionRegistry r) {
        r.addFunction(new FunctionDef("format", List.of(TEXT, PgType.ANY), TEXT, true, false, 's',
            (a, c) -> a[0] == null ? null : TextValue.text(format(a, c))));
        r.addFunction(new FunctionDef("format", List.of(TEXT), TEXT, false, true, 's',
            (a, c) -> TextValue.text(format(a, c))));
        r.addFunction(new FunctionDef("num_nulls", List.of(PgType.ANY), INT4, true, false, 'i', (a, c) -> {
            int n = 0;
            for (Value v : a) {
                n += v == null ? 1 : 0;
            }
            return IntegerValue.int4(n);
        }));
        r.addFunction(new FunctionDef("num_nonnulls", List.of(PgType.ANY), INT4, true, false, 'i', (a, c) -> {
            int n = 0;
            for (Value v : a) {
                n += v == null ? 0 : 1;
            }
            return IntegerValue.int4(n);
        }));
        r.fn("bit_length", INT4, List.of(TEXT), (a, c) -> IntegerValue.int4(8 * s(a[0]).getBytes(StandardCharsets.UTF_8).length));
        r.fn("bit_length", INT4, List.of(BYTEA), (a, c) -> IntegerValue.int4(8 * ((ByteaValue) a[0]).value().length));
        r.fn("overlay", TEXT, List.of(TEXT, TEXT, INT4, INT4),
            (a, c) -> TextValue.text(overlay(s(a[0]), s(a[1]), (int) l(a[2]), (int) l(a[3]))));
        r.fn("overlay", TEXT, List.of(TEXT, TEXT, INT4), (a, c) -> TextValue.text(overlay(s(a[0]), s(a[1]), (int) l(a[2]),
            s(a[1]).codePointCount(0, s(a[1]).length()))));
        r.fn("translate", TEXT, List.of(TEXT, TEXT, TEXT), (a, c) -> TextValue.text(translate(s(a[0]), s(a[1]), s(a[2]))));
        r.addFunction(new FunctionDef("quote_nullable", List.of(TEXT), TEXT, false, false, 'i', (a, c) -> TextValue.text(
            a[0] == null ? "NULL" : "'" + s(a[0]).replace("'", "''") + "'")));
        for (String alg : List.of("224", "256", "384", "512")) {
            r.fn("sha" + alg, BYTEA, List.of(BYTEA), (a, c) -> new ByteaValue(digest("SHA-" + alg, ((ByteaValue) a[0]).value())));
        }

        unary(r, "sin", Math::sin);
        unary(r, "cos", Math::cos);
        unary(r, "tan", Math::tan);
        unary(r, "cot", x -> 1.0 / Math.tan(x));
        unary(r, "asin", x -> checkDomain(Math.asin(x), x));
        unary(r, "acos", x -> checkDomain(Math.acos(x), x));
        unary(r, "atan", Math::atan);
        unary(r, "sinh", Math::sinh);
        unary(r, "cosh", Math::cosh);
        unary(r, "tanh", Math::tanh);
        r.fn("atan2", FLOAT8, List.of(FLOAT8, FLOAT8), (a, c) -> FloatValue.float8(Math.atan2(f(a[0]), f(a[1]))));

        r.fn("factorial", NUMERIC, List.of(INT8), (a, c) -> {
            long n = l(a[0]);
            if (n < 0) {
                throw DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
            }
            BigInteger x = BigInteger.ONE;
            for (long i = 2; i <= n; i++) {
                x = x.multiply(BigInteger.valueOf(i));
            }
            return NumericValue.of(new BigDecimal(x));
        });
        for (PgType t : List.of(INT4, INT8)) {
            r.fn("gcd", t, List.of(t, t), (a, c) -> IntegerValue.of(t, gcd(l(a[0]), l(a[1]), t)));
            r.fn("lcm", t, List.of(t, t), (a, c) -> {
                long x = l(a[0]);
                long y = l(a[1]);
                if (x == 0 || y == 0) {
                    return IntegerValue.of(t, 0);
                }
                long g = gcd(x, y, t);
                try {
                    return IntegerValue.of(t, Math.abs(Math.multiplyExact(x / g, y)));
                } catch (ArithmeticException e) {
                    throw Errors.outOfRange(t);
                }
            });
        }
        r.fn("gcd", NUMERIC, List.of(NUMERIC, NUMERIC), (a, c) -> NumericValue.of(gcd(n(a[0]), n(a[1]))));
        r.fn("width_bucket", INT4, List.of(NUMERIC, NUMERIC, NUMERIC, INT4),
            (a, c) -> IntegerValue.int4(widthBucket(n(a[0]), n(a[1]), n(a[2]), (int) l(a[3]))));
        r.fn("width_bucket", INT4, List.of(FLOAT8, FLOAT8, FLOAT8, INT4), (a, c) -> IntegerValue.int4(widthBucket(
            BigDecimal.valueOf(f(a[0])), BigDecimal.valueOf(f(a[1])), BigDecimal.valueOf(f(a[2])), (int) l(a[3]))));
        r.fn("scale", INT4, List.of(NUMERIC), (a, c) -> IntegerValue.int4(n(a[0]).scale()));
        r.fn("min_scale", INT4, List.of(NUMERIC), (a, c) -> IntegerValue.int4(Math.max(0, n(a[0]).stripTrailingZeros().scale())));
        r.fn("trim_scale", NUMERIC, List.of(NUMERIC), (a, c) -> {
            BigDecimal d = n(a[0]).stripTrailingZeros();
            return NumericValue.of(d.scale() < 0 ? d.setScale(0) : d);
        });

        r.op("#>", JSONB, TEXT_ARRAY, JSONB, (a, b) -> {
            Object v = path(((JsonValue) a).tree(), (ArrayValue) b);
            return v == null ? null : JsonValue.jsonb(v);
        });
        r.op("#>>", JSONB, TEXT_ARRAY, TEXT, (a, b) -> pathText(path(((JsonValue) a).tree(), (ArrayValue) b)));
        r.op("#>", JSON, TEXT_ARRAY, JSON, (a, b) -> {
            Object v = path(((JsonValue) a).tree(), (ArrayValue) b);
            if (v == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            Json.write(sb, v, ",", ":");
            return JsonValue.jsonTrusted(sb.toString());
        });
        r.op("#>>", JSON, TEXT_ARRAY, TEXT, (a, b) -> {
            Object v = path(((JsonValue) a).tree(), (ArrayValue) b);
            if (v == null || v == Json.NULL) {
                return null;
            }
            if (v instanceof String str) {
                return TextValue.text(str);
            }
            StringBuilder sb = new StringBuilder();
            Json.write(sb, v, ",", ":");
            return TextValue.text(sb.toString());
        });

        // to_char is stable in PostgreSQL (it reads the locale settings): never folded at plan time
        r.fn("to_char", TEXT, List.of(NUMERIC, TEXT), 's', (a, c) -> ((NumericValue) a[0]).isFinite()
            ? TextValue.text(NumberFormat.format(n(a[0]), s(a[1]))) : TextValue.text(a[0].toText(c.style())));
        r.fn("to_char", TEXT, List.of(INT4, TEXT), 's', (a, c) -> TextValue.text(NumberFormat.format(BigDecimal.valueOf(l(a[0])), s(a[1]))));
        r.fn("to_char", TEXT, List.of(INT8, TEXT), 's', (a, c) -> TextValue.text(NumberFormat.format(BigDecimal.valueOf(l(a[0])), s(a[1]))));
        r.fn("to_char", TEXT, List.of(FLOAT8, TEXT), 's', (a, c) -> Double.isFinite(f(a[0]))
            ? TextValue.text(NumberFormat.format(BigDecimal.valueOf(f(a[0])), s(a[1]))) : TextValue.text(a[0].toText(c.style())));
        r.fn("to_char", TEXT, List.of(TIMESTAMP, TEXT), 's', (a, c) -> toChar((TimestampValue) a[0], s(a[1]), c));
        r.fn("to_char", TEXT, List.of(TIMESTAMPTZ, TEXT), 's', (a, c) -> toChar((TimestampValue) a[0], s(a[1]), c));
        r.fn("to_char", TEXT, List.of(PgType.INTERVAL, TEXT), 's',
            (a, c) -> intervalToChar((org.tuskdb.sql.internal.value.IntervalValue) a[0], s(a[1])));
        r.fn("to_date", DATE, List.of(TEXT, TEXT), 's', (a, c) -> {
            long local = parseTemplate(s(a[0]), s(a[1]));
            return new DateValue((int) Math.floorDiv(local, DateTimes.MICROS_PER_DAY));
        });
        r.fn("to_timestamp", TIMESTAMPTZ, List.of(TEXT, TEXT), 's', (a, c) ->
            TimestampValue.tz(DateTimes.localToUtc(parseTemplate(s(a[0]), s(a[1])), c.style().zone())));
    }

    @FunctionalInterface
    private interface DoubleOp {
        double apply(double x);
    }

    private static void unary(FunctionRegistry r, String name, DoubleOp op) {
        r.fn(name, FLOAT8, List.of(FLOAT8), (a, c) -> FloatValue.float8(op.apply(f(a[0]))));
    }

    private static double checkDomain(double result, double x) {
        if (Double.isNaN(result) && !Double.isNaN(x)) {
            throw DatabaseException.error("22003", "input is out of range");
        }
        return result;
    }

    private static String s(Value v) {
        return ((TextValue) v).textValue();
    }

    private static double f(Value v) {
        return ((FloatValue) v).value();
    }

    private static long l(Value v) {
        return ((IntegerValue) v).value();
    }

    private static BigDecimal n(Value v) {
        return ((NumericValue) v).value();
    }

    private static long gcd(long a, long b, PgType t) {
        if ((a == Long.MIN_VALUE || b == Long.MIN_VALUE) && t == INT8 || (a == Integer.MIN_VALUE && b == 0)
            || (b == Integer.MIN_VALUE && a == 0)) {
            throw Errors.outOfRange(t);
        }
        return BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValue();
    }

    private static BigDecimal gcd(BigDecimal a, BigDecimal b) {
        int scale = Math.max(a.scale(), b.scale());
        BigInteger x = a.setScale(scale).unscaledValue();
        BigInteger y = b.setScale(scale).unscaledValue();
        return new BigDecimal(x.gcd(y), scale);
    }

    /** width_bucket: bucket 1..count for [low, high), 0 below, count + 1 above; a reversed range counts down. */
    private static int widthBucket(BigDecimal x, BigDecimal low, BigDecimal high, int count) {
        if (count <= 0) {
            throw DatabaseException.error("2201G", "count must be greater than zero");
        }
        if (low.compareTo(high) == 0) {
            throw DatabaseException.error("2201G", "lower bound cannot equal upper bound");
        }
        boolean asc = low.compareTo(high) < 0;
        if (asc ? x.compareTo(low) < 0 : x.compareTo(low) > 0) {
            return 0;
        }
        if (asc ? x.compareTo(high) >= 0 : x.compareTo(high) <= 0) {
            return count + 1;
        }
        BigDecimal pos = x.subtract(low).multiply(BigDecimal.valueOf(count))
            .divide(high.subtract(low), 40, RoundingMode.FLOOR);
        return pos.setScale(0, RoundingMode.FLOOR).intValueExact() + 1;
    }

    /** overlay: the characters before position from, the replacement, then the characters from from + count on. */
    private static String overlay(String s, String replacement, int from, int count) {
        if (from < 1 || count < 0) {
            throw DatabaseException.error("22011", "negative substring length not allowed");
        }
        int[] cps = s.codePoints().toArray();
        int head = Math.min(from - 1, cps.length);
        long tailStart = Math.min((long) from - 1 + count, cps.length);
        return new String(cps, 0, head) + replacement + new String(cps, (int) tailStart, cps.length - (int) tailStart);
    }

    private static String translate(String s, String from, String to) {
        StringBuilder sb = new StringBuilder();
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        s.codePoints().forEach(cp -> {
            for (int i = 0; i < f.length; i++) {
                if (f[i] == cp) {
                    if (i < t.length) {
                        sb.appendCodePoint(t[i]);
                    }
                    return;
                }
            }
            sb.appendCodePoint(cp);
        });
        return sb.toString();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object path(Object tree, ArrayValue path) {
        Object v = tree;
        for (Value step : path.elements()) {
            if (step == null) {
                return null;
            }
            String key = ((TextValue) step).textValue();
            if (v instanceof Map<?, ?> m) {
                v = m.get(key);
            } else if (v instanceof List<?> l) {
                int i;
                try {
                    i = Integer.parseInt(key.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
                i = i < 0 ? l.size() + i : i;
                v = i >= 0 && i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    private static Value pathText(Object v) {
        if (v == null || v == Json.NULL) {
            return null;
        }
        return TextValue.text(v instanceof String str ? str : Json.toJsonbText(v));
    }

    // ---- format() ---------------------------------------------------------------------------

    /** format(fmt, args...): %[n$][-][width]s|I|L and %%. */
    private static String format(Value[] a, EvalContext c) {
        String fmt = s(a[0]);
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < fmt.length(); i++) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (++i >= fmt.length()) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                    .withHint("For a single \"%\" use \"%%\".");
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            int argIndex = -1;
            int j = i;
            while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
                j++;
            }
            if (j > i && j < fmt.length() && fmt.charAt(j) == '$') {
                argIndex = Integer.parseInt(fmt.substring(i, j));
                if (argIndex == 0) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "format specifies argument 0, but arguments are numbered from 1");
                }
                i = j + 1;
            }
            boolean left = false;
            while (i < fmt.length() && fmt.charAt(i) == '-') {
                left = true;
                i++;
            }
            int width = 0;
            if (i < fmt.length() && fmt.charAt(i) == '*') {
                if (next >= a.length) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
                }
                Value w = a[next++];
                width = w == null ? 0 : Integer.parseInt(w.toText(c.style()));
                if (width < 0) {
                    left = true;
                    width = -width;
                }
                i++;
            } else {
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    width = width * 10 + (fmt.charAt(i) - '0');
                    i++;
                }
            }
            if (i >= fmt.length()) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                    .withHint("For a single \"%\" use \"%%\".");
            }
            char type = fmt.charAt(i);
            if (type != 's' && type != 'I' && type != 'L') {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "unrecognized format() type specifier \"" + type + "\"").withHint("For a single \"%\" use \"%%\".");
            }
            int index = argIndex > 0 ? argIndex : next;
            if (index >= a.length) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            next = index + 1;
            Value v = a[index];
            String text = v == null ? null : v instanceof TextValue t ? t.textValue() : v.toText(c.style());
            String piece = switch (type) {
                case 's' -> text == null ? "" : text;
                case 'I' -> {
                    if (text == null) {
                        throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED,
                            "null values cannot be formatted as an SQL identifier");
                    }
                    yield StringFunctions.quoteIdent(text);
                }
                default -> text == null ? "NULL" : quoteLiteral(text);
            };
            int pad = width - piece.codePointCount(0, piece.length());
            if (pad > 0 && !left) {
                out.append(" ".repeat(pad));
            }
            out.append(piece);
            if (pad > 0 && left) {
                out.append(" ".repeat(pad));
            }
        }
        return out.toString();
    }

    /** quote_literal: doubled quotes; a backslash makes it an E'' string with doubled backslashes. */
    private static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    // ---- to_char for date/time ----------------------------------------------------------------

    private static final String[] PATTERNS = {"HH24", "HH12", "HH", "MI", "SS", "MS", "US", "AM", "PM", "am", "pm",
        "YYYY", "YYY", "YY", "Y", "MONTH", "Month", "month", "MON", "Mon", "mon", "MM", "DAY", "Day", "day", "DY", "Dy",
        "dy", "DDD", "DD", "D", "ID", "IW", "WW", "Q", "TZ", "tz", "OF", "FM"};

    private static Value toChar(TimestampValue ts, String fmt, EvalContext c) {
        if (!ts.isFinite()) {
            return null;
        }
        long local = ts.micros();
        int offset = 0;
        String zone = "";
        if (ts.hasZone()) {
            local = DateTimes.utcToLocal(ts.micros(), c.style().zone());
            offset = (int) ((local - ts.micros()) / 1_000_000L);
            String txt = ts.toText(c.style());
            int sign = Math.max(txt.lastIndexOf('+'), txt.lastIndexOf('-'));
            zone = sign > 10 ? txt.substring(sign) : "";
        }
        LocalDateTime t = DateTimes.toLocal(local);
        int zoneOffset = offset;
        String zoneText = zone;
        return formatTemplate(fmt, (p, fill) -> field(p, t, zoneOffset, zoneText, fill));
    }

    /** One template pattern's text; fill is set after FM. */
    @FunctionalInterface
    private interface TemplateField {
        String format(String pattern, boolean fill);
    }

    /** to_char's walk over a template: quoted text as is, FM for the next pattern, patterns by field. */
    private static Value formatTemplate(String fmt, TemplateField field) {
        StringBuilder out = new StringBuilder();
        boolean fill = false;
        int i = 0;
        outer:
        while (i < fmt.length()) {
            if (fmt.charAt(i) == '"') {
                int end = fmt.indexOf('"', i + 1);
                end = end < 0 ? fmt.length() : end;
                out.append(fmt, i + 1, end);
                i = end + 1;
                continue;
            }
            for (String p : PATTERNS) {
                if (fmt.startsWith(p, i)) {
                    i += p.length();
                    if (p.equals("FM")) {
                        fill = true;
                        continue outer;
                    }
                    out.append(field.format(p, fill));
                    fill = false;
                    continue outer;
                }
            }
            out.append(fmt.charAt(i++));
        }
        return TextValue.text(out.toString());
    }

    /**
     * to_char(interval, template): interval_to_char's fields, years and months from the months
     * part, DD the days, HH24 the hours of the time part (not wrapped at 24), DDD the days counting
     * a month as 30; the fields that name a weekday or a month (or need a date) are 0A000 here.
     */
    private static Value intervalToChar(org.tuskdb.sql.internal.value.IntervalValue v, String fmt) {
        long years = v.months() / 12;
        long months = v.months() % 12;
        long hours = v.micros() / 3_600_000_000L;
        long minutes = v.micros() / 60_000_000L % 60;
        long micros = v.micros() % 60_000_000L;
        long hour12 = hours % 12 == 0 ? 12 : hours % 12;
        return formatTemplate(fmt, (p, fill) -> switch (p) {
            case "HH24" -> signedNum(hours, 2, fill);
            case "HH12", "HH" -> signedNum(hour12, 2, fill);
            case "MI" -> signedNum(minutes, 2, fill);
            case "SS" -> signedNum(micros / 1_000_000L, 2, fill);
            case "MS" -> signedNum(micros / 1000 % 1000, 3, fill);
            case "US" -> signedNum(micros % 1_000_000L, 6, fill);
            case "AM", "PM" -> hours % 24 < 12 ? "AM" : "PM";
            case "am", "pm" -> hours % 24 < 12 ? "am" : "pm";
            case "YYYY" -> signedNum(years, 4, fill);
            case "YYY" -> signedNum(years % 1000, 3, fill);
            case "YY" -> signedNum(years % 100, 2, fill);
            case "Y" -> signedNum(years % 10, 1, fill);
            case "MM" -> signedNum(months, 2, fill);
            case "DD" -> signedNum(v.days(), 2, fill);
            case "DDD" -> signedNum((years * 12 + months) * 30 + v.days(), 3, fill);
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "to_char(interval) with \"" + p + "\" is not supported yet");
        });
    }

    /** A field of a negative interval keeps its width after the sign ("-03"), as interval_to_char pads. */
    private static String signedNum(long v, int width, boolean fill) {
        return v < 0 ? "-" + num(-v, width, fill) : num(v, width, fill);
    }

    private static String num(long v, int width, boolean fill) {
        String s = Long.toString(v);
        return fill || s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String name(String pattern, String full, int shortLength, boolean fill) {
        String value = shortLength > 0 ? full.substring(0, shortLength) : full;
        if (pattern.equals(pattern.toUpperCase(Locale.ROOT))) {
            value = value.toUpperCase(Locale.ROOT);
        } else if (pattern.equals(pattern.toLowerCase(Locale.ROOT))) {
            value = value.toLowerCase(Locale.ROOT);
        }
        if (shortLength == 0 && !fill) {
            value = String.format("%-9s", value);
        }
        return value;
    }

    private static String field(String p, LocalDateTime t, int offset, String zone, boolean fill) {
        int year = t.getYear() > 0 ? t.getYear() : 1 - t.getYear();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (p) {
            case "HH24" -> num(t.getHour(), 2, fill);
            case "HH12", "HH" -> num(hour12, 2, fill);
            case "MI" -> num(t.getMinute(), 2, fill);
            case "SS" -> num(t.getSecond(), 2, fill);
            case "MS" -> num(t.getNano() / 1_000_000, 3, fill);
            case "US" -> num(t.getNano() / 1000, 6, fill);
            case "AM", "PM" -> t.getHour() < 12 ? "AM" : "PM";
            case "am", "pm" -> t.getHour() < 12 ? "am" : "pm";
            case "YYYY" -> num(year, 4, fill);
            case "YYY" -> num(year % 1000, 3, fill);
            case "YY" -> num(year % 100, 2, fill);
            case "Y" -> num(year % 10, 1, fill);
            case "MONTH", "Month", "month" -> name(p, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 0, fill);
            case "MON", "Mon", "mon" -> name(p, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 3, fill);
            case "MM" -> num(t.getMonthValue(), 2, fill);
            case "DAY", "Day", "day" -> name(p, t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 0, fill);
            case "DY", "Dy", "dy" -> name(p, t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 3, fill);
            case "DDD" -> num(t.getDayOfYear(), 3, fill);
            case "DD" -> num(t.getDayOfMonth(), 2, fill);
            case "D" -> Integer.toString(t.getDayOfWeek().getValue() % 7 + 1);
            case "ID" -> Integer.toString(t.getDayOfWeek().getValue());
            case "IW" -> num(t.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fill);
            case "WW" -> num((t.getDayOfYear() - 1) / 7 + 1, 2, fill);
            case "Q" -> Integer.toString((t.getMonthValue() - 1) / 3 + 1);
            case "TZ", "tz" -> zone;
            case "OF" -> zone;
            default -> p;
        };
    }

    /** to_date / to_timestamp(text, template) for the numeric fields YYYY MM DD HH24 HH12 MI SS MS US and AM/PM. */
    private static long parseTemplate(String text, String fmt) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        boolean pm = false;
        boolean twelve = false;
        int ti = 0;
        int fi = 0;
        while (fi < fmt.length()) {
            String p = null;
            for (String cand : List.of("YYYY", "HH24", "HH12", "HH", "MM", "DD", "MI", "SS", "MS", "US", "AM", "PM")) {
                if (fmt.regionMatches(true, fi, cand, 0, cand.length())) {
                    p = cand;
                    break;
                }
            }
            if (p == null) {
                fi++;
                if (ti < text.length() && !Character.isLetterOrDigit(text.charAt(ti))) {
                    ti++;
                }
                continue;
            }
            fi += p.length();
            while (ti < text.length() && text.charAt(ti) == ' ') {
                ti++;
            }
            if (p.equals("AM") || p.equals("PM")) {
                pm = text.regionMatches(true, ti, "PM", 0, 2);
                ti += 2;
                continue;
            }
            int max = p.equals("YYYY") ? 4 : p.equals("MS") ? 3 : p.equals("US") ? 6 : 2;
            int start = ti;
            while (ti < text.length() && ti - start < max && Character.isDigit(text.charAt(ti))) {
                ti++;
            }
            if (ti == start) {
                throw DatabaseException.error(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid value \"" + text.substring(start) + "\" for \"" + p + "\"");
            }
            int v = Integer.parseInt(text.substring(start, ti));
            switch (p) {
                case "YYYY" -> year = v;
                case "MM" -> month = v;
                case "DD" -> day = v;
                case "HH24" -> hour = v;
                case "HH12", "HH" -> {
                    hour = v;
                    twelve = true;
                }
                case "MI" -> minute = v;
                case "SS" -> second = v;
                case "MS" -> micros = v * 1000L;
                default -> micros = v;
            }
        }
        if (twelve) {
            hour = hour % 12 + (pm ? 12 : 0);
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second);
            return DateTimes.fromLocal(t) + micros;
        } catch (java.time.DateTimeException e) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
        }
    }
}
