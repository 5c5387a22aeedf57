package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The stored pg_database rows (shared): a database's owner, ACL (GRANT ... ON DATABASE) and the
 * options CREATE / ALTER DATABASE set. Columns a row of an older data directory lacks read as
 * initdb's values.
 */
final class Databases {
    private Databases() {}

    static final long PG_DATABASE_OID = CatalogTables.PG_DATABASE_OID;

    /** One pg_database row and where it is. */
    record Database(long oid, String name, long owner, Value acl, boolean isTemplate, boolean allowConnections,
                    int connectionLimit, String collate, String ctype, String config, String roleConfig,
                    CatalogStore.Entry entry) {}

    static Database of(CatalogStore.Entry e) {
        Value[] r = e.row();
        long oid = ((OidValue) r[CatalogTables.DAT_OID]).value();
        return new Database(oid, ((TextValue) r[CatalogTables.DAT_NAME]).value(),
            CatalogTables.owner(r[CatalogTables.DAT_DBA]), r[CatalogTables.DAT_ACL],
            bool(r, CatalogTables.DAT_IS_TEMPLATE, oid == CatalogTables.TEMPLATE1_OID || oid == CatalogTables.TEMPLATE0_OID),
            bool(r, CatalogTables.DAT_ALLOW_CONN, oid != CatalogTables.TEMPLATE0_OID),
            r.length > CatalogTables.DAT_CONN_LIMIT && r[CatalogTables.DAT_CONN_LIMIT] instanceof IntegerValue i
                ? (int) i.value() : -1,
            text(r, CatalogTables.DAT_COLLATE), text(r, CatalogTables.DAT_CTYPE),
            r.length > CatalogTables.DAT_CONFIG && r[CatalogTables.DAT_CONFIG] instanceof TextValue c ? c.value() : null,
            r.length > CatalogTables.DAT_ROLE_CONFIG && r[CatalogTables.DAT_ROLE_CONFIG] instanceof TextValue rc
                ? rc.value() : null, e);
    }

    private static boolean bool(Value[] r, int i, boolean otherwise) {
        return r.length > i && r[i] instanceof BoolValue b ? b.value() : otherwise;
    }

    private static String text(Value[] r, int i) {
        return r.length > i && r[i] instanceof TextValue t ? t.value() : "C";
    }

    /** Every database, in pg_database's order. */
    static List<Database> all(StorageTransaction st) {
        List<Database> out = new ArrayList<>();
        for (CatalogStore.Entry e : new CatalogStore(st.services().heap(), st.transaction()).all(CatalogTables.PG_DATABASE,
                st.freshSnapshot())) {
            out.add(of(e));
        }
        return out;
    }

    /** The database named {@code name}, or null. */
    static Database find(StorageTransaction st, String name) {
        for (Database d : all(st)) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The database named {@code name}; 3D000 when there is none. */
    static Database named(StorageTransaction st, String name) {
        Database d = find(st, name);
        if (d == null) {
            throw DatabaseException.error("3D000", "database \"" + name + "\" does not exist");
        }
        return d;
    }

    /** The session's database. */
    static Database current(Session session, StorageTransaction st) {
        for (Database d : all(st)) {
            if (d.oid() == session.databaseOid()) {
                return d;
            }
        }
        throw DatabaseException.error("3D000", "database with OID " + session.databaseOid() + " does not exist");
    }

    /**
     * The client backends connected to the database (PostgreSQL's CountOtherDBBackends asks the
     * ProcArray the same), this session's own counted only with {@code includeSelf}.
     */
    static int sessionsUsing(Session session, String name, boolean includeSelf) {
        return others(session, name, includeSelf).size();
    }

    static List<ProcInfo> others(Session session, String name, boolean includeSelf) {
        ProcArray procs = session.services().procArray();
        List<ProcInfo> out = new ArrayList<>();
        if (procs == null) {
            return out;
        }
        for (ProcInfo p : procs.snapshot()) {
            if (name.equals(p.database()) && "client backend".equals(p.backendType())
                    && (includeSelf || p.pid() != session.backendPid())) {
                out.add(p);
            }
        }
        return out;
    }
}
