package org.tuskdb.sql.internal.value;

/**
 * timestamp and timestamptz: microseconds since 2000-01-01 00:00:00 (UTC for timestamptz,
 * wall-clock for timestamp), PostgreSQL's integer-datetimes representation, which is also the
 * binary wire format. Long.MIN_VALUE / MAX_VALUE are -infinity / infinity.
 */
public final class TimestampValue extends Value {
    public static final long NEG_INFINITY = Long.MIN_VALUE;
    public static final long POS_INFINITY = Long.MAX_VALUE;
    private final PgType type;
    private final long micros;

    public TimestampValue(PgType type, long micros) {
        this.type = type;
        this.micros = micros;
    }

    public static TimestampValue tz(long micros) {
        return new TimestampValue(PgType.TIMESTAMPTZ, micros);
    }

    public long micros() { return micros; }
    public boolean isFinite() { return micros != NEG_INFINITY && micros != POS_INFINITY; }
    public boolean hasZone() { return type == PgType.TIMESTAMPTZ; }

    @Override public PgType type() { return type; }

    @Override
    public String toText(SessionStyle style) {
        return DateTimes.formatTimestamp(micros, hasZone() ? style.zone() : null);
    }

    @Override public byte[] toBinary() { return int8Bytes(micros); }
    @Override public int compareTo(Value other) { return Long.compare(micros, ((TimestampValue) other).micros); }
    @Override public int hashCode() { return Long.hashCode(micros); }
}
