package org.tuskdb.sql.internal.value;

import org.tuskdb.api.wal.Lsn;

/** pg_lsn: a WAL position, printed as X/Y (hex), compared unsigned; binary form is int8. */
public final class LsnValue extends Value {
    private final long lsn;

    public LsnValue(long lsn) {
        this.lsn = lsn;
    }

    public long lsn() { return lsn; }

    @Override public PgType type() { return PgType.PG_LSN; }
    @Override public String toText(SessionStyle style) { return Lsn.format(lsn); }
    @Override public byte[] toBinary() { return int8Bytes(lsn); }
    @Override public int compareTo(Value other) { return Long.compareUnsigned(lsn, ((LsnValue) other).lsn); }
    @Override public int hashCode() { return Long.hashCode(lsn); }
}
