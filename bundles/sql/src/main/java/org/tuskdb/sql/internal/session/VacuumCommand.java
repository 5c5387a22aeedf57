package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * VACUUM and ANALYZE, as far as Tusk has their parts (sql README "VACUUM and ANALYZE"). VACUUM
 * prunes every page of each table (heap README rule 14: versions dead to everyone lose their
 * storage) and, when the table has dead item ids, walks each of its indexes and marks the
 * entries that point at dead versions (btree README rule 12), so that scans skip them and
 * their leaves drop them before splitting. It does not yet make dead item ids reusable,
 * shrink files, keep a free-space or visibility map, or set relpages / reltuples (the vacuum
 * issue's work); transaction ids are 64-bit, so nothing needs freezing. ANALYZE checks its
 * targets and collects nothing: the planner estimates from the tables' current sizes.
 */
final class VacuumCommand {
    private final Session session;

    VacuumCommand(Session session) {
        this.session = session;
    }

    String run(Statement.Vacuum v, StatementContext ctx) {
        if (v.full()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL is not supported yet");
        }
        if (v.vacuum() && !v.analyze() && v.targets().stream().anyMatch(t -> !t.columns().isEmpty())) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "ANALYZE option must be specified when a column list is provided");
        }
        StorageTransaction st = session.storage();
        st.requireTables();
        String verb = v.vacuum() ? "vacuum" : "analyze";
        List<TableDescriptor> tables = new ArrayList<>();
        if (v.targets().isEmpty()) {
            tables.addAll(userTables(st, LockMode.SHARE_UPDATE_EXCLUSIVE, null, false));
        }
        for (Statement.VacuumTarget target : v.targets()) {
            Statement.RangeVar rv = target.table();
            Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.SHARE_UPDATE_EXCLUSIVE, 0, false, st);
            if (!(r instanceof TableDescriptor t)) {
                ctx.notice(new DatabaseException(DatabaseException.Severity.WARNING, SqlState.WARNING,
                    "skipping \"" + r.name() + "\" --- cannot " + verb + " non-tables or special system tables",
                    null, null, 0, null));
                continue;
            }
            for (String column : target.columns()) {
                if (t.columns().stream().noneMatch(c -> c.name().equals(column))) {
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                        + t.name() + "\" does not exist");
                }
            }
            tables.add(t);
        }
        if (v.vacuum()) {
            StorageServices services = st.services();
            for (TableDescriptor t : tables) {
                vacuum(services, t);
                ctx.checkForInterrupts();
            }
        }
        return v.vacuum() ? "VACUUM" : "ANALYZE";
    }

    /** The heap pass, then (when there are dead item ids) the index pass. */
    private static void vacuum(StorageServices services, TableDescriptor t) {
        HeapAccess heap = services.heap();
        long horizon = services.transactions().oldestXmin();
        long dead = heap.prune(t.locator(), horizon);
        if (dead == 0 || t.indexes().isEmpty()) {
            return;
        }
        IndexAccess indexes = IndexMaintenance.requireIndexes(services);
        for (IndexDescriptor index : t.indexes()) {
            try (IndexScan scan = indexes.scan(index.locator(), ScanBound.UNBOUNDED, ScanBound.UNBOUNDED,
                ScanDirection.FORWARD)) {
                while (scan.next()) {
                    if (heap.deadToAll(t.locator(), scan.tid(), horizon)) {
                        scan.killCurrent();
                    }
                }
            }
        }
    }

    /**
     * VACUUM without a list (and REINDEX SCHEMA / DATABASE): every table of the database, or of
     * {@code onlySchema}, but the catalogs and other sessions' temporary ones, locked in
     * {@code mode}; with {@code matviews} the materialized views too.
     */
    List<TableDescriptor> userTables(StorageTransaction st, LockMode mode, String onlySchema, boolean matviews) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        List<TableDescriptor> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CLASS, st.snapshot())) {
            Value[] row = e.row();
            String kind = row[CatalogTables.CLASS_RELKIND].toText(null);
            if (!"r".equals(kind) && !(matviews && "m".equals(kind))) {
                continue;
            }
            long ns = ((OidValue) row[CatalogTables.CLASS_RELNAMESPACE]).value();
            boolean temporary = "t".equals(row[CatalogTables.CLASS_RELPERSISTENCE].toText(null));
            if (temporary && ns != session.relcache().tempNamespace()) {
                continue;
            }
            String schema = session.relcache().namespaceName(ns, st);
            if (schema == null || schema.equals("pg_catalog") || schema.equals("information_schema")
                || onlySchema != null && !onlySchema.equals(schema)) {
                continue;
            }
            Relation r = session.relcache().lookup(schema, row[CatalogTables.CLASS_RELNAME].toText(null),
                mode, 0, true, st);
            if (r instanceof TableDescriptor t && !t.systemCatalog()) {
                out.add(t);
            }
        }
        return out;
    }
}
