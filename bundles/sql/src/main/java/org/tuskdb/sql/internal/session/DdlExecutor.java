package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.Analyzer;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE TABLE, DROP TABLE, TRUNCATE and CHECKPOINT (PostgreSQL's heap_create_with_catalog,
 * RemoveRelations, ExecuteTruncate). Catalog rows are written through the heap in the session's
 * transaction; files are created at once (WAL-logged) and removed at transaction end: a dropped
 * table's file, or a truncated table's old file, at commit; a new file (CREATE, TRUNCATE) at
 * abort. Every change marks the catalog changed, which bumps the invalidation counter at commit.
 */
final class DdlExecutor {
    private final Session session;

    DdlExecutor(Session session) {
        this.session = session;
    }

    private StorageTransaction storage(String command) {
        StorageTransaction st = session.storage();
        st.requireTables();
        Transaction tx = st.transaction();
        if (tx.readOnly()) {
            throw DatabaseException.error("25006", "cannot execute " + command + " in a read-only transaction");
        }
        return st;
    }

    // ---- CREATE TABLE ---------------------------------------------------------------------

    String createTable(Statement.CreateTable s, StatementContext ctx) {
        StorageTransaction st = storage("CREATE TABLE");
        Statement.RangeVar rv = s.table();
        ParseState ps = new ParseState(session.currentQuery(), session.services().functions(),
            ParseState.RelationLookup.NONE, ParamTypes.none());
        if (rv.schema() != null && !rv.schema().equals("public")) {
            if (rv.schema().equals("pg_catalog")) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to create \"pg_catalog." + rv.name() + "\"")
                    .withDetail("System catalog modifications are currently disallowed.");
            }
            throw DatabaseException.atPosition("3F000", "schema \"" + rv.schema() + "\" does not exist",
                ps.position(rv.location()));
        }
        List<Relation.Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Statement.ColumnDef c : s.columns()) {
            if (!names.add(c.name())) {
                // no position: PostgreSQL's MergeAttributes reports none
                throw DatabaseException.error("42701", "column \"" + c.name() + "\" specified more than once");
            }
            columns.add(Analyzer.columnType(c, ps));
        }
        if (columns.size() > 1600) {
            throw DatabaseException.error("54011", "tables can have at most 1600 columns");
        }
        String reloptions = reloptions(s.options());
        // Concurrent CREATEs of one name serialize on this lock (PostgreSQL has pg_class's unique index).
        st.lock(new LockTag(LockTag.Kind.OBJECT, CatalogTables.DB_OID, CatalogTables.PG_CLASS_OID,
            rv.name().hashCode() & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
        if (session.relcache().lookup("public", rv.name(), null, 0, true, st) != null) {
            DatabaseException exists = DatabaseException.error("42P07",
                "relation \"" + rv.name() + "\" already exists");
            if (!s.ifNotExists()) {
                throw exists;
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42P07",
                "relation \"" + rv.name() + "\" already exists, skipping", null, null, 0, null));
            return "CREATE TABLE";
        }
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        long oid = services.transactions().newOid();
        RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID, oid);
        st.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        services.relationStorage().create(loc, ForkNumber.MAIN, true);
        tx.onEnd(committed -> {
            if (!committed) {
                removeFiles(services, loc);
            }
        });
        CatalogStore store = new CatalogStore(services.heap(), tx);
        store.insert(CatalogTables.PG_CLASS, CatalogTables.classRow(oid, rv.name(), CatalogTables.PUBLIC_NAMESPACE, oid,
            columns.size(), reloptions));
        for (int i = 0; i < columns.size(); i++) {
            Statement.ColumnDef c = s.columns().get(i);
            store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(oid, i + 1, columns.get(i), c.notNull(),
                c.defaultText()));
        }
        tx.commandCounterIncrement();
        return "CREATE TABLE";
    }

    /** WITH (...): fillfactor is accepted (10..100) and recorded; the heap does not use it yet. */
    private static String reloptions(List<String> options) {
        if (options.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String name = o.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
            String value = o.substring(eq + 1);
            if (!name.equals("fillfactor")) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            }
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for integer option \"fillfactor\": " + value);
            }
            if (v < 10 || v > 100) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "value " + value + " out of bounds for option \"fillfactor\"")
                    .withDetail("Valid values are between \"10\" and \"100\".");
            }
            out.add(name + "=" + v);
        }
        return "{" + String.join(",", out) + "}";
    }

    private static void removeFiles(StorageServices services, RelFileLocator loc) {
        BufferPool pool = services.bufferPool();
        if (pool != null) {
            pool.dropRelation(loc);
        }
        RelationStorage storage = services.relationStorage();
        storage.unlink(loc, true);
    }

    // ---- DROP TABLE -----------------------------------------------------------------------

    String dropTable(Statement.DropTable s, StatementContext ctx) {
        StorageTransaction st = storage("DROP TABLE");
        for (Statement.RangeVar rv : s.tables()) {
            Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE, 0, true, st);
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            if (r == null) {
                if (!s.ifExists()) {
                    throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "table \"" + shown + "\" does not exist");
                }
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "table \"" + shown + "\" does not exist, skipping", null, null, 0, null));
                continue;
            }
            TableDescriptor t = userTable(r);
            StorageServices services = st.services();
            Transaction tx = st.transaction();
            st.catalogChanged();
            CatalogStore store = new CatalogStore(services.heap(), tx);
            org.tuskdb.api.xact.Snapshot snapshot = st.freshSnapshot();
            CatalogStore.Entry cls = store.findClassByOid(t.oid(), snapshot);
            if (cls != null) {
                store.delete(CatalogTables.PG_CLASS, cls.tid());
            }
            for (CatalogStore.Entry a : store.attributes(t.oid(), snapshot)) {
                store.delete(CatalogTables.PG_ATTRIBUTE, a.tid());
            }
            RelFileLocator loc = t.locator();
            tx.onEnd(committed -> {
                if (committed) {
                    removeFiles(services, loc);
                }
            });
            tx.commandCounterIncrement();
        }
        return "DROP TABLE";
    }

    private static TableDescriptor userTable(Relation r) {
        if (r instanceof SystemView) {
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a table")
                .withHint("Use DROP VIEW to remove a view.");
        }
        TableDescriptor t = (TableDescriptor) r;
        if (t.systemCatalog()) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied: \"" + t.name() + "\" is a system catalog");
        }
        return t;
    }

    // ---- TRUNCATE -------------------------------------------------------------------------

    String truncate(Statement.Truncate s, StatementContext ctx) {
        StorageTransaction st = storage("TRUNCATE TABLE");
        for (Statement.RangeVar rv : s.tables()) {
            // position 0: ExecuteTruncate's RangeVarGetRelidExtended reports no position
            Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE,
                0, false, st);
            TableDescriptor t = userTable(r);
            StorageServices services = st.services();
            Transaction tx = st.transaction();
            st.catalogChanged();
            long node = services.transactions().newOid();
            RelFileLocator fresh = new RelFileLocator(CatalogTables.DB_OID, node);
            services.relationStorage().create(fresh, ForkNumber.MAIN, true);
            RelFileLocator old = t.locator();
            tx.onEnd(committed -> removeFiles(services, committed ? old : fresh));
            CatalogStore store = new CatalogStore(services.heap(), tx);
            CatalogStore.Entry cls = store.findClassByOid(t.oid(), st.freshSnapshot());
            if (cls == null) {
                throw DatabaseException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for relation " + t.oid());
            }
            Value[] row = cls.row().clone();
            row[6] = OidValue.oid(node);
            store.update(CatalogTables.PG_CLASS, cls.tid(), row);
            tx.commandCounterIncrement();
        }
        return "TRUNCATE TABLE";
    }

    // ---- CHECKPOINT -----------------------------------------------------------------------

    String checkpoint() {
        StorageServices s = session.services();
        if (s.checkpointer() == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "CHECKPOINT is not available without the storage services");
        }
        s.checkpointer().requestCheckpoint(true);
        return "CHECKPOINT";
    }

}
