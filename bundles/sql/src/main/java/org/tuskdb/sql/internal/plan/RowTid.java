package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * The heap location of an UPDATE ... FROM / DELETE ... USING target row, carried in the target's
 * slice of the join's wide rows (PostgreSQL's junk "ctid" column); never sent to a client.
 */
final class RowTid extends Value {
    private final Tid tid;
    /** The leaf partition holding the row when the target is partitioned, else null. */
    private final TableDescriptor leaf;

    RowTid(Tid tid, TableDescriptor leaf) {
        this.tid = tid;
        this.leaf = leaf;
    }

    Tid tid() { return tid; }

    TableDescriptor leaf() { return leaf; }

    @Override public PgType type() { return PgType.UNKNOWN; }
    @Override public String toText(SessionStyle style) { return "(" + tid.block() + "," + tid.offset() + ")"; }
    @Override public byte[] toBinary() { throw new UnsupportedOperationException("tid"); }
    @Override public int compareTo(Value other) {
        RowTid o = (RowTid) other;
        int c = Long.compare(leafOid(), o.leafOid());
        return c != 0 ? c : Long.compare(tid.pack(), o.tid.pack());
    }
    @Override public int hashCode() { return Long.hashCode(tid.pack()) * 31 + Long.hashCode(leafOid()); }

    private long leafOid() { return leaf == null ? 0 : leaf.oid(); }
}
