package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * The heap location of an UPDATE ... FROM / DELETE ... USING target row, carried in the target's
 * slice of the join's wide rows (PostgreSQL's junk "ctid" column); never sent to a client.
 */
final class RowTid extends Value {
    private final Tid tid;

    RowTid(Tid tid) {
        this.tid = tid;
    }

    Tid tid() { return tid; }

    @Override public PgType type() { return PgType.UNKNOWN; }
    @Override public String toText(SessionStyle style) { return "(" + tid.block() + "," + tid.offset() + ")"; }
    @Override public byte[] toBinary() { throw new UnsupportedOperationException("tid"); }
    @Override public int compareTo(Value other) { return Long.compare(tid.pack(), ((RowTid) other).tid.pack()); }
    @Override public int hashCode() { return Long.hashCode(tid.pack()); }
}
