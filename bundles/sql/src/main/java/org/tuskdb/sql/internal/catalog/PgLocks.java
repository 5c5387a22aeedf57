package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_catalog.pg_locks with PostgreSQL 15's columns, one row per held or awaited lock mode of
 * every process (LockManager.locks()): locktype relation / transactionid / tuple / extend /
 * object / advisory with the tag's fields where PostgreSQL puts them (an advisory key's high and
 * low halves as classid / objid, objsubid 1 for a bigint key and 2 for two integers); fastpath
 * true for a relation lock held in the process's fast-path entries (lmgr README). Tusk has no
 * virtual transaction ids: virtualxid and virtualtransaction are NULL, waitstart NULL.
 */
public final class PgLocks implements SystemView {
    private static final List<Column> COLUMNS = List.of(
        new Column("locktype", PgType.TEXT), new Column("database", PgType.OID), new Column("relation", PgType.OID),
        new Column("page", PgType.INT4), new Column("tuple", PgType.INT2), new Column("virtualxid", PgType.TEXT),
        new Column("transactionid", PgType.XID), new Column("classid", PgType.OID), new Column("objid", PgType.OID),
        new Column("objsubid", PgType.INT2), new Column("virtualtransaction", PgType.TEXT),
        new Column("pid", PgType.INT4), new Column("mode", PgType.TEXT), new Column("granted", PgType.BOOL),
        new Column("fastpath", PgType.BOOL), new Column("waitstart", PgType.TIMESTAMPTZ));

    @Override public String schema() { return "pg_catalog"; }
    @Override public String name() { return "pg_locks"; }
    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        StorageServices s = ctx.storage().services();
        LockManager locks = s == null ? null : s.locks();
        if (locks == null) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        for (LockManager.LockInfo l : locks.locks()) {
            LockTag t = l.tag();
            Value[] r = new Value[COLUMNS.size()];
            switch (t.kind()) {
                case RELATION, EXTEND -> {
                    r[0] = text(t.kind() == LockTag.Kind.RELATION ? "relation" : "extend");
                    r[1] = oid(t.field1());
                    r[2] = oid(t.field2());
                }
                case TRANSACTION -> {
                    r[0] = text("transactionid");
                    r[6] = new OidValue(PgType.XID, t.field1());
                }
                case TUPLE -> {
                    r[0] = text("tuple");
                    r[1] = oid(t.field1());
                    r[2] = oid(t.field2());
                    r[3] = IntegerValue.int4(t.field3() >>> 16);
                    r[4] = IntegerValue.of(PgType.INT2, t.field3() & 0xffff);
                }
                case OBJECT -> {
                    r[0] = text("object");
                    r[1] = oid(t.field1());
                    r[7] = oid(t.field2());
                    r[8] = oid(t.field3());
                    r[9] = IntegerValue.of(PgType.INT2, 0);
                }
                case ADVISORY -> {
                    r[0] = text("advisory");
                    r[1] = oid(t.field1());
                    r[7] = oid(t.field2() >>> 32);
                    r[8] = oid(t.field2() & 0xffffffffL);
                    r[9] = IntegerValue.of(PgType.INT2, t.field3());
                }
            }
            r[11] = IntegerValue.int4(l.pid());
            r[12] = text(l.mode().pgName());
            r[13] = BoolValue.of(l.granted());
            r[14] = BoolValue.of(l.fastPath());
            out.add(r);
        }
        return out;
    }

    private static Value oid(long v) {
        return new OidValue(PgType.OID, v);
    }

    private static Value text(String s) {
        return TextValue.text(s);
    }
}
