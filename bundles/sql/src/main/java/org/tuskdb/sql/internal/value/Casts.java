package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * pg_cast for the built-in types: which conversions exist and in which context they may be
 * applied automatically (implicit in expressions, assignment in INSERT/UPDATE, explicit only
 * in CAST), and how each converts. Conversions to a string type not listed are I/O conversions
 * (assignment), from a string type explicit, as PostgreSQL's automatic I/O casts.
 */
public final class Casts {
    private Casts() {}

    public enum Context { IMPLICIT, ASSIGNMENT, EXPLICIT }

    /** The weakest context in which from converts to to, or null when it cannot. */
    public static Context context(PgType from, PgType to) {
        if (PgType.same(from, to) || from == PgType.UNKNOWN) {
            return Context.IMPLICIT;
        }
        if (from.isDomain() || to.isDomain()) {
            return context(from.baseType(), to.baseType()); // a domain converts as its base type
        }
        if (to == PgType.ANY || to == PgType.ANYNONARRAY) {
            return Context.IMPLICIT;
        }
        if (to.isComposite() && from.isRecord() && (PgType.sameComposite(from, to) || !from.isComposite()
            && from.fieldCount() == to.fieldCount())) {
            return Context.IMPLICIT; // a row of the same shape to a table's row type (coerce_record_to_complex)
        }
        if (from.isArray() && to.isArray()) {
            // array_coerce: the element conversion's context
            return context(from.elementType(), to.elementType());
        }
        Context c = table(from, to);
        if (c != null) {
            return c;
        }
        if (to.isString()) {
            return Context.ASSIGNMENT;
        }
        if (from.isString() && !to.isPseudo()) {
            return Context.EXPLICIT;
        }
        return null;
    }

    public static boolean canCoerceImplicitly(PgType from, PgType to) {
        return context(from, to) == Context.IMPLICIT;
    }

    private static Context table(PgType from, PgType to) {
        final Context i = Context.IMPLICIT;
        final Context a = Context.ASSIGNMENT;
        final Context e = Context.EXPLICIT;
        switch (from.oid()) {
            case 21: // int2
                return pick(to, i, PgType.INT4, PgType.INT8, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.OID,
                    PgType.REGTYPE, PgType.REGCLASS, PgType.REGNAMESPACE, PgType.REGPROC, PgType.REGPROCEDURE);
            case 23: // int4
                if (to == PgType.INT2) {
                    return a;
                }
                if (to == PgType.BOOL) {
                    return e;
                }
                return pick(to, i, PgType.INT8, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.OID, PgType.REGTYPE,
                    PgType.REGCLASS, PgType.REGNAMESPACE, PgType.REGPROC, PgType.REGPROCEDURE);
            case 20: // int8
                if (to == PgType.INT2 || to == PgType.INT4) {
                    return a;
                }
                return pick(to, i, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.OID, PgType.REGTYPE,
                    PgType.REGCLASS, PgType.REGNAMESPACE, PgType.REGPROC, PgType.REGPROCEDURE);
            case 700: // float4
                if (to == PgType.FLOAT8) {
                    return i;
                }
                return pick(to, a, PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC);
            case 701:
                return pick(to, a, PgType.INT2, PgType.INT4, PgType.INT8, PgType.FLOAT4, PgType.NUMERIC);
            case 1700:
                if (to == PgType.FLOAT4 || to == PgType.FLOAT8) {
                    return i;
                }
                return pick(to, a, PgType.INT2, PgType.INT4, PgType.INT8);
            case 16:
                return to == PgType.INT4 ? e : null;
            case 26:
                if (to == PgType.REGTYPE || to == PgType.REGCLASS || to == PgType.REGNAMESPACE || to == PgType.REGPROC
                    || to == PgType.REGPROCEDURE || to == PgType.REGCONFIG || to == PgType.REGDICTIONARY) {
                    return i;
                }
                return pick(to, a, PgType.INT4, PgType.INT8);
            case 2206, 2205, 4089, 24, 2202, 3734, 3769:
                return to == PgType.OID ? i : pick(to, a, PgType.INT4, PgType.INT8);
            case 18: // "char"
                return to == PgType.TEXT ? i : to == PgType.INT4 ? e : pick(to, a, PgType.VARCHAR, PgType.BPCHAR);
            case 25, 1043, 1042:
                if (to == PgType.CHAR) {
                    return a;
                }
                return pick(to, i, PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME, PgType.REGCLASS);
            case 19:
                return to == PgType.TEXT ? i : pick(to, a, PgType.VARCHAR, PgType.BPCHAR);
            case 1082:
                return pick(to, i, PgType.TIMESTAMP, PgType.TIMESTAMPTZ);
            case 1114:
                return to == PgType.TIMESTAMPTZ ? i : pick(to, a, PgType.DATE, PgType.TIME);
            case 1184:
                return pick(to, a, PgType.TIMESTAMP, PgType.DATE, PgType.TIME, PgType.TIMETZ);
            case 1083:
                return to == PgType.INTERVAL || to == PgType.TIMETZ ? i : null;
            case 1266:
                return to == PgType.TIME ? a : null;
            case 114:
                return to == PgType.JSONB ? a : null;
            case 3802:
                if (to == PgType.JSON) {
                    return a;
                }
                return pick(to, e, PgType.BOOL, PgType.NUMERIC, PgType.INT2, PgType.INT4, PgType.INT8, PgType.FLOAT4,
                    PgType.FLOAT8);
            case 1186:
                return to == PgType.TIME ? a : null;
            default:
                return null;
        }
    }

    private static Context pick(PgType to, Context c, PgType... targets) {
        for (PgType t : targets) {
            if (t == to) {
                return c;
            }
        }
        return null;
    }

    /**
     * Converts a value (never null) to the type and modifier. Explicit casts truncate strings to a
     * declared length silently; other contexts raise 22001, as PostgreSQL.
     */
    public static Value convert(Value v, PgType to, int typmod, boolean explicit, SessionStyle style) {
        PgType from = v.type();
        if (to.isDomain()) {
            // the base type's conversion (a domain's checks are the analyzer's DomainCheckExpr)
            return convert(v, to.baseType(), to.baseTypmod(typmod), explicit, style);
        }
        if (PgType.same(from, to)) {
            return applyTypmod(v, typmod, explicit);
        }
        if (v instanceof ArrayValue a && to.isArray()) {
            Value[] out = new Value[a.length()];
            for (int i = 0; i < out.length; i++) {
                Value e = a.get(i);
                out[i] = e == null ? null : convert(e, to.elementType(), typmod, explicit, style);
            }
            return new ArrayValue(to, out);
        }
        if (v instanceof RecordValue r && to.isComposite() && r.fieldCount() == to.fieldCount()) {
            Value[] out = new Value[to.fieldCount()];
            for (int i = 0; i < out.length; i++) {
                Value f = r.field(i);
                out[i] = f == null ? null : convert(f, to.fieldType(i), to.fieldTypmod(i), explicit, style);
            }
            return new RecordValue(to, out);
        }
        if (to.isString()) {
            String s;
            if (v instanceof TextValue t) {
                s = to == PgType.BPCHAR ? t.value() : t.textValue();
            } else if (v instanceof BoolValue b) {
                s = b.value() ? "true" : "false";
            } else {
                s = v.toText(style);
            }
            return makeString(to, s, typmod, explicit);
        }
        if (v instanceof TextValue t) {
            return TypeInput.parse(to, typmod, t.textValue(), style);
        }
        Value r = convertNonString(v, to, style);
        return applyTypmod(r, typmod, explicit);
    }

    private static Value convertNonString(Value v, PgType to, SessionStyle style) {
        PgType from = v.type();
        if (v instanceof IntegerValue iv) {
            long x = iv.value();
            switch (to.oid()) {
                case 21, 23, 20: return IntegerValue.of(to, x);
                case 700: return FloatValue.float4((float) x);
                case 701: return FloatValue.float8((double) x);
                case 1700: return NumericValue.of(x);
                case 16: return BoolValue.of(x != 0);
                case 26, 2206, 2205, 4089, 24:
                    if (from == PgType.INT8 && (x < Integer.MIN_VALUE || x > 0xffffffffL)) {
                        throw DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "OID out of range");
                    }
                    return new OidValue(to, x);
                default: break;
            }
        } else if (v instanceof FloatValue fv) {
            double d = fv.value();
            switch (to.oid()) {
                case 21, 23, 20: {
                    double r = Math.rint(d);
                    if (Double.isNaN(r) || r < -9.223372036854775808E18 || r >= 9.223372036854775808E18) {
                        throw Errors.outOfRange(to);
                    }
                    return IntegerValue.of(to, (long) r);
                }
                case 700: {
                    float f = (float) d;
                    if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                        throw Errors.floatOverflow();
                    }
                    if (f == 0 && d != 0) {
                        throw Errors.floatUnderflow();
                    }
                    return FloatValue.float4(f);
                }
                case 701: return FloatValue.float8(d);
                case 1700:
                    if (Double.isNaN(d)) {
                        return NumericValue.NaN;
                    }
                    if (Double.isInfinite(d)) {
                        return d > 0 ? NumericValue.INFINITY : NumericValue.NEG_INFINITY;
                    }
                    return NumericValue.of(NumericMath.fromDouble(d, from == PgType.FLOAT4));
                default: break;
            }
        } else if (v instanceof NumericValue nv && !nv.isFinite()) {
            int sp = nv.special();
            switch (to.oid()) {
                case 700: return FloatValue.float4(sp == NumericValue.NAN ? Float.NaN
                    : sp == NumericValue.POS_INF ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);
                case 701: return FloatValue.float8(sp == NumericValue.NAN ? Double.NaN
                    : sp == NumericValue.POS_INF ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                case 21, 23, 20:
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot convert " + (sp == NumericValue.NAN ? "NaN" : "infinity") + " to " + to.displayName());
                default: break;
            }
        } else if (v instanceof NumericValue nv) {
            BigDecimal d = nv.value();
            switch (to.oid()) {
                case 21, 23, 20: return IntegerValue.of(to, NumericMath.toLong(d, to));
                case 700: {
                    float f = d.floatValue();
                    if (Float.isInfinite(f)) {
                        throw Errors.floatOverflow();
                    }
                    return FloatValue.float4(f);
                }
                case 701: {
                    double x = d.doubleValue();
                    if (Double.isInfinite(x)) {
                        throw Errors.floatOverflow();
                    }
                    return FloatValue.float8(x);
                }
                default: break;
            }
        } else if (v instanceof BoolValue b) {
            if (to == PgType.INT4) {
                return IntegerValue.int4(b.value() ? 1 : 0);
            }
        } else if (v instanceof OidValue o) {
            switch (to.oid()) {
                case 23: return IntegerValue.int4((int) o.value());
                case 20: return IntegerValue.int8(o.value());
                case 26, 2206, 2205, 4089, 24, 2202, 3734, 3769: return new OidValue(to, o.value());
                default: break;
            }
        } else if (v instanceof DateValue dv) {
            long micros = dv.days() == DateValue.POS_INFINITY ? TimestampValue.POS_INFINITY
                : dv.days() == DateValue.NEG_INFINITY ? TimestampValue.NEG_INFINITY
                : dv.days() * DateTimes.MICROS_PER_DAY;
            if (to == PgType.TIMESTAMP) {
                return new TimestampValue(to, micros);
            }
            if (to == PgType.TIMESTAMPTZ) {
                return new TimestampValue(to, DateTimes.localToUtc(micros, style.zone()));
            }
        } else if (v instanceof TimestampValue tv) {
            long local = tv.hasZone() ? DateTimes.utcToLocal(tv.micros(), style.zone()) : tv.micros();
            switch (to.oid()) {
                case 1114: return new TimestampValue(to, local);
                case 1184: return new TimestampValue(to, DateTimes.localToUtc(tv.micros(), style.zone()));
                case 1266: {
                    if (!tv.isFinite()) {
                        throw Errors.timestampOutOfRange();
                    }
                    int offset = (int) ((local - tv.micros()) / 1_000_000L);
                    return new TimeTzValue(Math.floorMod(local, DateTimes.MICROS_PER_DAY), offset);
                }
                case 1083: {
                    if (!tv.isFinite()) {
                        throw Errors.timestampOutOfRange();
                    }
                    return new TimeValue(Math.floorMod(local, DateTimes.MICROS_PER_DAY));
                }
                case 1082: {
                    if (!tv.isFinite()) {
                        return new DateValue(local > 0 ? DateValue.POS_INFINITY : DateValue.NEG_INFINITY);
                    }
                    return new DateValue((int) Math.floorDiv(local, DateTimes.MICROS_PER_DAY));
                }
                default: break;
            }
        } else if (v instanceof JsonValue j) {
            if (to == PgType.JSONB) {
                return JsonValue.jsonb(j.toText(style));
            }
            if (to == PgType.JSON) {
                return JsonValue.jsonTrusted(j.toText(style));
            }
            return Json.castFromJsonb(j, to);
        } else if (v instanceof TimeValue t && to == PgType.INTERVAL) {
            return new IntervalValue(0, 0, t.micros());
        } else if (v instanceof TimeValue t && to == PgType.TIMETZ) {
            int offset = style.zone().getRules().getOffset(DateTimes.toInstant(style.nowMicros())).getTotalSeconds();
            return new TimeTzValue(t.micros(), offset);
        } else if (v instanceof TimeTzValue t && to == PgType.TIME) {
            return new TimeValue(t.micros());
        } else if (v instanceof IntervalValue iv && to == PgType.TIME) {
            // interval_time: the time part modulo a day (months and days are ignored)
            return new TimeValue(Math.floorMod(iv.micros(), DateTimes.MICROS_PER_DAY));
        }
        throw cannotCast(from, to);
    }

    public static DatabaseException cannotCast(PgType from, PgType to) {
        return DatabaseException.error(SqlState.CANNOT_COERCE,
            "cannot cast type " + from.displayName() + " to " + to.displayName());
    }

    /** Length coercion of a value already of its type: varchar(n), bpchar(n), numeric(p,s), timestamp(p). */
    public static Value applyTypmod(Value v, int typmod, boolean explicit) {
        if (typmod < 0) {
            return v;
        }
        if (v instanceof ArrayValue a) {
            Value[] out = new Value[a.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.get(i) == null ? null : applyTypmod(a.get(i), typmod, explicit);
            }
            return new ArrayValue(a.type(), out);
        }
        return switch (v.type().oid()) {
            case 1043, 1042 -> makeString(v.type(), ((TextValue) v).value(), typmod, explicit);
            case 1700 -> ((NumericValue) v).isFinite()
                ? NumericValue.of(NumericMath.applyTypmod(((NumericValue) v).value(), typmod))
                : checkNumericTypmod((NumericValue) v, typmod);
            case 1114, 1184 -> new TimestampValue(v.type(), roundTimestamp(((TimestampValue) v).micros(), typmod));
            case 1083 -> new TimeValue(TimeValue.round(((TimeValue) v).micros(), typmod));
            case 1266 -> new TimeTzValue(TimeValue.round(((TimeTzValue) v).micros(), typmod), ((TimeTzValue) v).offsetSeconds());
            default -> v;
        };
    }

    /** numeric(p,s) holds NaN but no infinity (22003 with apply_typmod_special's detail). */
    static NumericValue checkNumericTypmod(NumericValue v, int typmod) {
        if (typmod < 4 || v.special() == NumericValue.NAN) {
            return v;
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        throw DatabaseException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
            .withDetail("A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.");
    }

    /** A string of a string type, checked or cut to its declared length (typmod - 4). */
    public static TextValue makeString(PgType type, String s, int typmod, boolean explicit) {
        if (type == PgType.NAME) {
            return new TextValue(type, truncateUtf8(s, 63));
        }
        if (typmod < 4 || (type != PgType.VARCHAR && type != PgType.BPCHAR)) {
            return new TextValue(type, s);
        }
        int max = typmod - 4;
        int len = s.codePointCount(0, s.length());
        if (len > max) {
            int cut = s.offsetByCodePoints(0, max);
            if (!explicit && !s.substring(cut).chars().allMatch(c -> c == ' ')) {
                throw DatabaseException.error(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type " + type.displayName(typmod));
            }
            s = s.substring(0, cut);
            len = max;
        }
        if (type == PgType.BPCHAR && len < max) {
            s = s + " ".repeat(max - len);
        }
        return new TextValue(type, s);
    }

    private static String truncateUtf8(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int end = s.length();
        while (s.substring(0, end).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            end = s.offsetByCodePoints(end, -1);
        }
        return s.substring(0, end);
    }

    /** timestamp(p): rounds to p fractional digits, half away from zero. */
    public static long roundTimestamp(long micros, int precision) {
        if (precision < 0 || precision >= 6 || micros == TimestampValue.POS_INFINITY
            || micros == TimestampValue.NEG_INFINITY) {
            return micros;
        }
        long scale = (long) Math.pow(10, 6 - precision);
        long half = scale / 2;
        if (micros >= 0) {
            return ((micros + half) / scale) * scale;
        }
        return -(((-micros + half) / scale) * scale);
    }
}
