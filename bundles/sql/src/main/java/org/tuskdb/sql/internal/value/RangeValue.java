package org.tuskdb.sql.internal.value;

import java.nio.ByteBuffer;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * A value of a range type (rangetypes.c): empty, or two bounds over the type's subtype, each a
 * value or infinite (a NULL bound), inclusive or not. Instances are made only through
 * {@link #of}, which applies PostgreSQL's rules once, so every other operation may rely on them:
 * an infinite bound is never inclusive; lower &lt;= upper (22000 otherwise); equal bounds that are
 * not both inclusive make the range empty; a discrete subtype (int4, int8, date: the built-ins with
 * a canonical function) is always stored as {@code [lower, upper)}. Equal ranges are therefore
 * equal bound by bound, and {@link #compareTo} is range_cmp: empty first, then the lower bounds,
 * then the upper bounds.
 */
public final class RangeValue extends Value {
    /** range_send's flag bits (rangetypes.h). */
    public static final int EMPTY = 0x01, LB_INC = 0x02, UB_INC = 0x04, LB_INF = 0x08, UB_INF = 0x10;

    private final PgType type;
    private final Value lower;
    private final Value upper;
    private final int flags;

    private RangeValue(PgType type, Value lower, Value upper, int flags) {
        this.type = type;
        this.lower = lower;
        this.upper = upper;
        this.flags = flags;
    }

    /** One bound of a range as the range operations see it (range_bound): value null = infinite. */
    public record Bound(Value value, boolean inclusive, boolean lower) {
        boolean infinite() { return value == null; }
    }

    /** The empty range of that type. */
    public static RangeValue empty(PgType type) {
        return new RangeValue(type, null, null, EMPTY);
    }

    /**
     * make_range: a range from two bounds (a null value is an infinite bound), checked, emptied
     * when the bounds meet without both being inclusive, and canonicalized for discrete subtypes.
     */
    public static RangeValue of(PgType type, Value lower, boolean lowerInc, Value upper, boolean upperInc) {
        if (lower != null && upper != null) {
            int c = lower.compareTo(upper);
            if (c > 0) {
                throw DatabaseException.error("22000", "range lower bound must be less than or equal to range upper bound");
            }
            if (c == 0 && !(lowerInc && upperInc)) {
                return empty(type);
            }
        }
        if (isDiscrete(type)) {
            // the canonical functions of int4range, int8range and daterange: [) with the next value
            if (lower != null && !lowerInc) {
                lower = next(lower);
                lowerInc = true;
            }
            if (upper != null && upperInc) {
                upper = next(upper);
                upperInc = false;
            }
            if (lower != null && upper != null && lower.compareTo(upper) >= 0) {
                return empty(type);
            }
        }
        int f = (lower == null ? LB_INF : lowerInc ? LB_INC : 0) | (upper == null ? UB_INF : upperInc ? UB_INC : 0);
        return new RangeValue(type, lower, upper, f);
    }

    /** From two bounds as the operations build them. */
    public static RangeValue of(PgType type, Bound lower, Bound upper) {
        return of(type, lower.value(), lower.inclusive(), upper.value(), upper.inclusive());
    }

    /** Whether the range type has a canonical function (the built-in discrete ones). */
    public static boolean isDiscrete(PgType type) {
        PgType s = type.rangeSubtype();
        return s != null && type.rangeSpec().canonical() != null && (s == PgType.INT4 || s == PgType.INT8 || s == PgType.DATE);
    }

    private static Value next(Value v) {
        if (v instanceof IntegerValue i) {
            if (i.type() == PgType.INT8 && i.value() == Long.MAX_VALUE) {
                throw Errors.outOfRange(PgType.INT8);
            }
            return IntegerValue.of(i.type(), i.value() + 1);
        }
        DateValue d = (DateValue) v;
        if (!d.isFinite()) {
            return d; // daterange_canonical leaves the infinities alone
        }
        return new DateValue(d.days() + 1);
    }

    public boolean isEmpty() { return (flags & EMPTY) != 0; }
    /** The lower bound's value, null when infinite or empty. */
    public Value lower() { return lower; }
    public Value upper() { return upper; }
    public boolean lowerInc() { return (flags & LB_INC) != 0; }
    public boolean upperInc() { return (flags & UB_INC) != 0; }
    public boolean lowerInf() { return (flags & LB_INF) != 0; }
    public boolean upperInf() { return (flags & UB_INF) != 0; }
    public int flags() { return flags; }

    public Bound lowerBound() { return new Bound(lower, lowerInc(), true); }
    public Bound upperBound() { return new Bound(upper, upperInc(), false); }

    @Override public PgType type() { return type; }

    // ---- text I/O --------------------------------------------------------------------------

    /**
     * range_in: whitespace, then {@code empty} (any case) or a bracket or parenthesis, the lower
     * bound, a comma, the upper bound, the closing bracket or parenthesis, whitespace. A bound is
     * empty (infinite) or characters up to an unquoted comma or closer, with {@code "..."} quoting
     * (a doubled quote inside is one) and a backslash taking the next character as it is; each
     * bound is read by the subtype's input function.
     */
    public static RangeValue parse(PgType type, String text, SessionStyle style) {
        int n = text.length();
        int i = skipSpace(text, 0);
        if (text.regionMatches(true, i, "empty", 0, 5)) {
            i = skipSpace(text, i + 5);
            if (i < n) {
                throw malformed(text, "Junk after \"empty\" key word.");
            }
            return empty(type);
        }
        boolean lowerInc;
        if (i < n && text.charAt(i) == '[') {
            lowerInc = true;
        } else if (i < n && text.charAt(i) == '(') {
            lowerInc = false;
        } else {
            throw malformed(text, "Missing left parenthesis or bracket.");
        }
        BoundText lo = bound(text, i + 1);
        i = lo.end();
        if (i >= n || text.charAt(i) != ',') {
            throw malformed(text, "Missing comma after lower bound.");
        }
        BoundText hi = bound(text, i + 1);
        i = hi.end();
        boolean upperInc;
        if (i < n && text.charAt(i) == ']') {
            upperInc = true;
        } else if (i < n && text.charAt(i) == ')') {
            upperInc = false;
        } else {
            throw malformed(text, "Too many commas.");
        }
        if (skipSpace(text, i + 1) < n) {
            throw malformed(text, "Junk after right parenthesis or bracket.");
        }
        PgType sub = type.rangeSubtype();
        Value lower = lo.text() == null ? null : TypeInput.parse(sub, -1, lo.text(), style);
        Value upper = hi.text() == null ? null : TypeInput.parse(sub, -1, hi.text(), style);
        return of(type, lower, lowerInc && lower != null, upper, upperInc && upper != null);
    }

    /** One bound's text (null: infinite, nothing written) and the position of the character after it. */
    private record BoundText(String text, int end) {}

    /**
     * Reads one bound from {@code i}: nothing before a comma or closer is an infinite bound; a
     * quoted empty string ("") is a value.
     */
    private static BoundText bound(String text, int i) {
        int n = text.length();
        if (i < n && isCloser(text.charAt(i))) {
            return new BoundText(null, i);
        }
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        while (quoted || i >= n || !isCloser(text.charAt(i))) {
            if (i >= n) {
                throw malformed(text, "Unexpected end of input.");
            }
            char c = text.charAt(i++);
            if (c == '\\') {
                if (i >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                out.append(text.charAt(i++));
            } else if (c == '"') {
                if (!quoted) {
                    quoted = true;
                } else if (i < n && text.charAt(i) == '"') {
                    out.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else {
                out.append(c);
            }
        }
        return new BoundText(out.toString(), i);
    }

    private static boolean isCloser(char c) {
        return c == ',' || c == ')' || c == ']';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** C's isspace: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static DatabaseException malformed(String text, String detail) {
        return DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed range literal: \"" + text + "\"")
            .withDetail(detail);
    }

    /** range_out: {@code empty}, or the brackets around the bounds, each quoted when it must be. */
    @Override
    public String toText(SessionStyle style) {
        if (isEmpty()) {
            return "empty";
        }
        StringBuilder b = new StringBuilder();
        b.append(lowerInc() ? '[' : '(');
        if (lower != null) {
            appendBound(b, lower.toText(style));
        }
        b.append(',');
        if (upper != null) {
            appendBound(b, upper.toText(style));
        }
        return b.append(upperInc() ? ']' : ')').toString();
    }

    /** range_bound_escape: quotes around an empty value or one with a special character; " and \ doubled. */
    private static void appendBound(StringBuilder b, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || isSpace(c);
        }
        if (quote) {
            b.append('"');
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append(c);
            }
            b.append(c);
        }
        if (quote) {
            b.append('"');
        }
    }

    // ---- binary I/O ------------------------------------------------------------------------

    /** range_send: the flags byte, then each finite bound as a length and its subtype's send form. */
    @Override
    public byte[] toBinary() {
        byte[] lo = lower == null ? null : lower.toBinary();
        byte[] hi = upper == null ? null : upper.toBinary();
        ByteBuffer buf = ByteBuffer.allocate(1 + (lo == null ? 0 : 4 + lo.length) + (hi == null ? 0 : 4 + hi.length));
        buf.put((byte) flags);
        if (lo != null) {
            buf.putInt(lo.length).put(lo);
        }
        if (hi != null) {
            buf.putInt(hi.length).put(hi);
        }
        return buf.array();
    }

    /** range_recv: unknown flag bits are ignored and the range made again, as range_recv does. */
    public static RangeValue fromBinary(PgType type, byte[] b) {
        if (b.length < 1) {
            throw Errors.insufficientData();
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int f = buf.get() & (EMPTY | LB_INC | UB_INC | LB_INF | UB_INF);
        Value lo = null;
        Value hi = null;
        if ((f & (EMPTY | LB_INF)) == 0) {
            lo = TypeInput.fromBinary(type.rangeSubtype(), chunk(buf));
        }
        if ((f & (EMPTY | UB_INF)) == 0) {
            hi = TypeInput.fromBinary(type.rangeSubtype(), chunk(buf));
        }
        if (buf.hasRemaining()) {
            throw Errors.badBinary("incorrect binary data format");
        }
        if ((f & EMPTY) != 0) {
            return empty(type);
        }
        return of(type, lo, (f & LB_INC) != 0, hi, (f & UB_INC) != 0);
    }

    private static byte[] chunk(ByteBuffer buf) {
        if (buf.remaining() < 4) {
            throw Errors.insufficientData();
        }
        int len = buf.getInt();
        if (len < 0 || len > buf.remaining()) {
            throw Errors.insufficientData();
        }
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    // ---- ordering --------------------------------------------------------------------------

    /**
     * range_cmp_bounds: infinite bounds at their ends; equal values ordered by inclusiveness
     * (an exclusive lower bound after an inclusive one, an exclusive upper bound before one), so
     * a lower and an upper bound can be compared too (what overlap and adjacency tests do).
     */
    public static int compareBounds(Bound a, Bound b) {
        int c = compareBoundValues(a, b);
        if (c != 0 || a.infinite()) {
            return c; // different values, or two infinite bounds at the same end
        }
        if (!a.inclusive() && !b.inclusive()) {
            return a.lower() == b.lower() ? 0 : a.lower() ? 1 : -1;
        }
        if (!a.inclusive()) {
            return a.lower() ? 1 : -1;
        }
        if (!b.inclusive()) {
            return b.lower() ? -1 : 1;
        }
        return 0;
    }

    /** range_cmp_bound_values: the bounds' values only (infinities at their ends). */
    public static int compareBoundValues(Bound a, Bound b) {
        if (a.infinite() && b.infinite()) {
            return a.lower() == b.lower() ? 0 : a.lower() ? -1 : 1;
        }
        if (a.infinite()) {
            return a.lower() ? -1 : 1;
        }
        if (b.infinite()) {
            return b.lower() ? 1 : -1;
        }
        return a.value().compareTo(b.value());
    }

    /** range_cmp: empty before everything, then by lower bound, then by upper bound. */
    @Override
    public int compareTo(Value other) {
        RangeValue o = (RangeValue) other;
        if (isEmpty() || o.isEmpty()) {
            return isEmpty() && o.isEmpty() ? 0 : isEmpty() ? -1 : 1;
        }
        int c = compareBounds(lowerBound(), o.lowerBound());
        return c != 0 ? c : compareBounds(upperBound(), o.upperBound());
    }

    @Override
    public int hashCode() {
        if (isEmpty()) {
            return EMPTY;
        }
        int h = flags;
        h = 31 * h + (lower == null ? 0 : lower.hashCode());
        return 31 * h + (upper == null ? 0 : upper.hashCode());
    }
}
