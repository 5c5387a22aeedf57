package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.TextValue;

/**
 * REINDEX (PostgreSQL's reindex_index / reindex_relation / ReindexMultipleTables): each index
 * named, or of the table, schema or database, gets a new file built from the table's rows (the
 * old file goes at commit, the new one at abort), as ALTER TABLE's rewrite rebuilds them. The
 * table is locked SHARE (writes wait, reads go on), as PostgreSQL's non-concurrent REINDEX does.
 * CONCURRENTLY is accepted (outside a transaction block, as PostgreSQL requires) and rebuilds the
 * same way; VERBOSE reports each index as an INFO. Schemas and the database skip the catalogs and
 * other sessions' temporary tables; REINDEX SYSTEM has nothing to do (the catalogs have no indexes).
 */
final class ReindexCommand {
    private final Session session;
    private final DdlExecutor ddl;

    ReindexCommand(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    String run(Statement.Reindex r, StatementContext ctx) {
        StorageTransaction st = session.storage();
        st.requireTables();
        Statement.RangeVar rv = r.name();
        List<TableDescriptor> tables = new ArrayList<>();
        IndexDescriptor only = null;
        switch (r.kind()) {
            case "INDEX" -> {
                CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
                CatalogStore.Entry cls = new IndexCommands(session).findRelation(st, store, rv);
                if (cls == null) {
                    throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist");
                }
                if (!((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) {
                    throw DatabaseException.error("42809", "\"" + rv.name() + "\" is not an index");
                }
                long indexOid = ((org.tuskdb.sql.internal.value.OidValue) cls.row()[CatalogTables.CLASS_OID]).value();
                TableDescriptor t = tableOfIndex(st, store, indexOid);
                for (IndexDescriptor ix : t.indexes()) {
                    if (ix.oid() == indexOid) {
                        only = ix;
                    }
                }
                tables.add(t);
            }
            case "TABLE" -> {
                Relation rel = session.relcache().lookup(rv.schema(), rv.name(), LockMode.SHARE, 0, false, st);
                if (!(rel instanceof TableDescriptor t)) {
                    throw DatabaseException.error("42809", "\"" + rel.name() + "\" is not a table or materialized view");
                }
                if (t.indexes().isEmpty()) {
                    if (t.systemCatalog()) {
                        return "REINDEX"; // the catalogs have no indexes here: nothing to rebuild, nothing to say
                    }
                    ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "table \"" + t.name() + "\" has no indexes to reindex", null, null, 0, null));
                    return "REINDEX";
                }
                tables.add(t);
            }
            case "SCHEMA" -> {
                if (session.relcache().namespaceOid(rv.name(), st) < 0) {
                    throw DatabaseException.error("3F000", "schema \"" + rv.name() + "\" does not exist");
                }
                tables.addAll(new VacuumCommand(session).userTables(st, LockMode.SHARE, rv.name(), true));
            }
            case "DATABASE" -> {
                String db = session.startup().database();
                if (!rv.name().equals(db == null ? "postgres" : db)) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "can only reindex the currently open database");
                }
                tables.addAll(new VacuumCommand(session).userTables(st, LockMode.SHARE, null, true));
            }
            default -> {
                return "REINDEX"; // SYSTEM: the catalogs have no indexes
            }
        }
        IndexCommands indexes = new IndexCommands(session);
        for (TableDescriptor t : tables) {
            if (t.indexes().isEmpty()) {
                continue;
            }
            indexes.rebuildIndexes(st, t, t.locator(), ctx, only);
            if (r.verbose()) {
                for (IndexDescriptor ix : t.indexes()) {
                    if (only == null || only.oid() == ix.oid()) {
                        ctx.notice(new DatabaseException(DatabaseException.Severity.INFO, SqlState.SUCCESSFUL_COMPLETION,
                            "index \"" + ix.name() + "\" was reindexed", null, null, 0, null));
                    }
                }
            }
            ctx.checkForInterrupts();
        }
        return "REINDEX"; // rebuildIndexes marked the catalog changed (the caches see the new files)
    }

    /** The table an index belongs to, locked SHARE (pg_index.indrelid). */
    private TableDescriptor tableOfIndex(StorageTransaction st, CatalogStore store, long indexOid) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX,
            org.tuskdb.sql.internal.catalog.IndexCatalog.IND_RELID, indexOid, st.freshSnapshot())) {
            long table = ((org.tuskdb.sql.internal.value.OidValue)
                e.row()[org.tuskdb.sql.internal.catalog.IndexCatalog.IND_TABLE]).value();
            CatalogStore.Entry cls = store.findClassByOid(table, st.freshSnapshot());
            if (cls != null) {
                String schema = session.relcache().namespaceName(((org.tuskdb.sql.internal.value.OidValue)
                    cls.row()[CatalogTables.CLASS_RELNAMESPACE]).value(), st);
                Relation r = session.relcache().lookup(schema, ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value(),
                    LockMode.SHARE, 0, false, st);
                if (r instanceof TableDescriptor t) {
                    return t;
                }
            }
        }
        throw DatabaseException.error(SqlState.INTERNAL_ERROR, "could not find the table of index " + indexOid);
    }

    private static String shown(Statement.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }
}
