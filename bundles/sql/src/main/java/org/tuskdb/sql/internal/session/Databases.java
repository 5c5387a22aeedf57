package org.tuskdb.sql.internal.session;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/** The stored pg_database rows (shared): a database's owner and ACL (GRANT ... ON DATABASE). */
final class Databases {
    private Databases() {}

    static final long PG_DATABASE_OID = CatalogTables.PG_DATABASE_OID;

    /** One pg_database row and where it is. */
    record Database(long oid, String name, long owner, Value acl, CatalogStore.Entry entry) {}

    /** The database named {@code name}; 3D000 when there is none. */
    static Database named(StorageTransaction st, String name) {
        for (CatalogStore.Entry e : new CatalogStore(st.services().heap(), st.transaction()).all(CatalogTables.PG_DATABASE,
                st.freshSnapshot())) {
            Value[] r = e.row();
            if (((TextValue) r[CatalogTables.DAT_NAME]).value().equals(name)) {
                return new Database(((OidValue) r[CatalogTables.DAT_OID]).value(), name,
                    CatalogTables.owner(r[CatalogTables.DAT_DBA]), r[CatalogTables.DAT_ACL], e);
            }
        }
        throw DatabaseException.error("3D000", "database \"" + name + "\" does not exist");
    }

    /** The session's database (postgres: the one Tusk serves). */
    static Database current(Session session, StorageTransaction st) {
        return named(st, "postgres");
    }
}
