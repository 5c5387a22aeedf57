package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Materialized views (PostgreSQL's createas.c / matview.c): a table of relkind m whose rows are
 * its query's as CREATE or the last REFRESH left them. Its query's text is a pg_rewrite row and the
 * relations it reads have pg_depend rows (deptype n), as a view's; pg_class.relispopulated says
 * whether it has data (WITH NO DATA: no, and a scan of it is 55000 until a REFRESH). INSERT,
 * UPDATE, DELETE, TRUNCATE and COPY FROM refuse it; only {@link Session#populate} writes its rows.
 */
final class MatviewCommands {
    private final Session session;
    private final DdlExecutor ddl;

    MatviewCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    /** CREATE MATERIALIZED VIEW: tag SELECT n, or CREATE MATERIALIZED VIEW for WITH NO DATA / an existing name. */
    String create(Statement.CreateMatview s, StatementContext ctx) {
        StorageTransaction st = ddl.storageFor("CREATE MATERIALIZED VIEW");
        ParseState ps = ddl.parseStateFor();
        if (s.ifNotExists() && session.lookupRelation(s.name(), true) != null) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42P07",
                "relation \"" + s.name().name() + "\" already exists, skipping", null, null, 0, null));
            return "CREATE MATERIALIZED VIEW";
        }
        ViewCommands views = new ViewCommands(session, ddl);
        ViewCommands.Reading reading = views.analyzeReading(s.queryText(), s.query(), st, ps);
        if (reading.temporary()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "materialized views must not use temporary tables or views");
        }
        List<Relation.Column> columns = ViewCommands.columns(reading.query(), s.columnNames(),
            "too many column names were specified");
        List<Statement.ColumnDef> defs = new ArrayList<>();
        for (Relation.Column c : columns) {
            defs.add(new Statement.ColumnDef(c.name(), UtilityExecutor.typeName(c.type(), c.typmod(), s.location()),
                false, null, null, s.location()));
        }
        ddl.createTable(new Statement.CreateTable(s.name(), defs, false, List.of(), s.location(), List.of(), false), ctx);
        long namespace = ddl.creationNamespace(st, s.name(), false, ps);
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry cls = store.findClass(namespace, s.name().name(), st.freshSnapshot());
        long oid = ((org.tuskdb.sql.internal.value.OidValue) cls.row()[CatalogTables.CLASS_OID]).value();
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELKIND] = TextValue.text("m");
        row[CatalogTables.CLASS_RELISPOPULATED] = BoolValue.of(s.withData());
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        store.insert(CatalogTables.PG_REWRITE, CatalogTables.rewriteRow(st.services().transactions().newOid(), oid,
            s.queryText()));
        for (long t : reading.relations()) {
            store.insert(CatalogTables.PG_DEPEND, CatalogTables.dependRow(oid, t, 0, "n"));
        }
        st.transaction().commandCounterIncrement();
        session.relcache().invalidateLocal();
        if (!s.withData()) {
            return "CREATE MATERIALIZED VIEW";
        }
        return "SELECT " + session.populate(matview(s.name(), LockMode.ACCESS_EXCLUSIVE, st), session.currentQuery(),
            s.query(), ctx);
    }

    /**
     * REFRESH MATERIALIZED VIEW (ExecRefreshMatView): the query runs again into new, empty files
     * (AccessExclusiveLock; WITH NO DATA leaves it unpopulated). CONCURRENTLY takes ExclusiveLock,
     * so readers go on seeing the old rows until the commit, and needs a unique index on plain
     * columns without WHERE: the old rows are deleted and the new ones inserted in the same files.
     */
    String refresh(Statement.RefreshMatview r, StatementContext ctx) {
        StorageTransaction st = ddl.storageFor("REFRESH MATERIALIZED VIEW");
        TableDescriptor mv = matview(r.name(), r.concurrently() ? LockMode.EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, st);
        if (r.concurrently() && !mv.matview().populated()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "CONCURRENTLY cannot be used when the materialized view is not populated");
        }
        if (r.concurrently() && !r.withData()) {
            throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                "CONCURRENTLY and WITH NO DATA options cannot be used together");
        }
        String text = org.tuskdb.sql.internal.function.CatalogFunctions.viewDefinition(ctx, mv.oid()).strip();
        text = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        Statement.Select query = (Statement.Select) org.tuskdb.sql.internal.parser.Parser.parse(text).get(0).statement();
        if (r.concurrently()) {
            if (mv.indexes().stream().noneMatch(MatviewCommands::usableForConcurrentRefresh)) {
                throw DatabaseException.error("55000", "cannot refresh materialized view \"" + mv.schema() + "."
                    + mv.name() + "\" concurrently")
                    .withHint("Create a unique index with no WHERE clause on one or more columns of the materialized view.");
            }
            st.catalogChanged();
            try (HeapScan scan = st.services().heap().scan(mv.locator(), st.freshSnapshot(), st.transaction())) {
                HeapTuple t;
                while ((t = scan.next()) != null) {
                    st.services().heap().delete(mv.locator(), t.tid(), st.transaction(), true);
                    ctx.checkForInterrupts();
                }
            }
            session.populate(mv, text, query, ctx);
            return "REFRESH MATERIALIZED VIEW";
        }
        ddl.emptyFiles(st, mv, r.withData());
        st.transaction().commandCounterIncrement();
        session.relcache().invalidateLocal();
        if (r.withData()) {
            session.populate(matview(r.name(), LockMode.ACCESS_EXCLUSIVE, st), text, query, ctx);
        }
        return "REFRESH MATERIALIZED VIEW";
    }

    /** ALTER MATERIALIZED VIEW ... RENAME: ALTER TABLE's rename, on a materialized view only. */
    String alter(Statement.AlterMatview a, StatementContext ctx) {
        StorageTransaction st = ddl.storageFor("ALTER MATERIALIZED VIEW");
        Statement.RangeVar rv = a.alter().table();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), null, 0, true, st);
        if (r != null && !(r instanceof TableDescriptor t && t.matview() != null)) {
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a materialized view");
        }
        ddl.alterTable(a.alter(), ctx);
        return "ALTER MATERIALIZED VIEW";
    }

    /** The materialized view {@code rv} names, locked (42P01 when missing, 0A000 for another relation). */
    private TableDescriptor matview(Statement.RangeVar rv, LockMode mode, StorageTransaction st) {
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), mode, 0, false, st);
        if (!(r instanceof TableDescriptor t) || t.matview() == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "\"" + r.name() + "\" is not a materialized view");
        }
        return t;
    }

    /** A unique index on plain columns, without WHERE (what a concurrent refresh matches rows by). */
    private static boolean usableForConcurrentRefresh(IndexDescriptor ix) {
        return ix.unique() && ix.predicate() == null
            && (ix.expressions() == null || java.util.Arrays.stream(ix.expressions()).allMatch(e -> e == null));
    }
}
