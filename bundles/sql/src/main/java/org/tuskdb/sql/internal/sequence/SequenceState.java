package org.tuskdb.sql.internal.sequence;

/**
 * The state a sequence's relation holds (PostgreSQL's FormData_pg_sequence_data): the last value
 * handed out (or the start value while {@code isCalled} is false) and how many more values may be
 * handed out before the next WAL record ({@code logCount}).
 */
public record SequenceState(long lastValue, long logCount, boolean isCalled) {
    /** Bytes of {@link #encode}: last_value, log_cnt, is_called. */
    public static final int SIZE = 17;

    public byte[] encode() {
        byte[] b = new byte[SIZE];
        java.nio.ByteBuffer.wrap(b).putLong(lastValue).putLong(logCount).put((byte) (isCalled ? 1 : 0));
        return b;
    }

    public static SequenceState decode(java.nio.ByteBuffer b) {
        return new SequenceState(b.getLong(), b.getLong(), b.get() != 0);
    }
}
