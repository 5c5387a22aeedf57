package org.tuskdb.sql.internal.value;

/** date: days since 2000-01-01; Integer.MIN_VALUE / MAX_VALUE are -infinity / infinity. */
public final class DateValue extends Value {
    public static final int NEG_INFINITY = Integer.MIN_VALUE;
    public static final int POS_INFINITY = Integer.MAX_VALUE;
    private final int days;

    public DateValue(int days) {
        this.days = days;
    }

    public int days() { return days; }
    public boolean isFinite() { return days != NEG_INFINITY && days != POS_INFINITY; }

    @Override public PgType type() { return PgType.DATE; }
    @Override public String toText(SessionStyle style) { return DateTimes.formatDate(days); }
    @Override public byte[] toBinary() { return int4Bytes(days); }
    @Override public int compareTo(Value other) { return Integer.compare(days, ((DateValue) other).days); }
    @Override public int hashCode() { return days; }
}
