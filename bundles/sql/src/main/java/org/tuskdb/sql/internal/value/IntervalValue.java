package org.tuskdb.sql.internal.value;

import java.math.BigInteger;

/**
 * interval: months, days and microseconds kept apart (a month is not a fixed number of days).
 * Comparison and equality use PostgreSQL's interval_cmp_value: 1 month = 30 days, 1 day = 24 h,
 * so '1 mon' = '30 days'.
 */
public final class IntervalValue extends Value {
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    private final int months;
    private final int days;
    private final long micros;

    public IntervalValue(int months, int days, long micros) {
        this.months = months;
        this.days = days;
        this.micros = micros;
    }

    public int months() { return months; }
    public int days() { return days; }
    public long micros() { return micros; }

    @Override public PgType type() { return PgType.INTERVAL; }

    @Override
    public String toText(SessionStyle style) {
        return DateTimes.formatInterval(this, style.intervalStyle());
    }

    @Override
    public byte[] toBinary() {
        byte[] b = new byte[16];
        System.arraycopy(int8Bytes(micros), 0, b, 0, 8);
        System.arraycopy(int4Bytes(days), 0, b, 8, 4);
        System.arraycopy(int4Bytes(months), 0, b, 12, 4);
        return b;
    }

    /** The total span in microseconds with 30-day months, exact (it can exceed a long). */
    private BigInteger span() {
        long dayTotal = (long) months * 30 + days;
        return BigInteger.valueOf(dayTotal).multiply(BigInteger.valueOf(MICROS_PER_DAY)).add(BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(Value other) {
        IntervalValue o = (IntervalValue) other;
        if (months == o.months && days == o.days) {
            return Long.compare(micros, o.micros);
        }
        return span().compareTo(o.span());
    }

    @Override public int hashCode() { return span().hashCode(); }
}
