package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.ViewDescriptor;
import org.tuskdb.sql.internal.value.PgType;

/**
 * CREATE [OR REPLACE] VIEW (PostgreSQL's DefineView): the query is analyzed now (its errors are
 * the statement's), the view stored as a pg_class row of relkind v with pg_attribute rows for its
 * columns, its SELECT's text in pg_rewrite.ev_action, and a pg_depend row (deptype n) on each
 * table it reads, so DROP TABLE refuses (2BP01) or cascades.
 */
final class ViewCommands {
    private final Session session;
    private final DdlExecutor ddl;

    ViewCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    /** A view's or materialized view's query as analyzed now, the relations it reads (in first-use order), and whether one is temporary. */
    record Reading(Query query, List<Long> relations, boolean temporary) {}

    Reading analyzeReading(String text, Statement.Select query, StorageTransaction st, ParseState ps) {
        List<Long> tables = new ArrayList<>();
        boolean[] readsTemporary = {false};
        ParseState.RelationLookup lookup = (schema, name, mode, position, missingOk) -> {
            Relation r = session.relcache().lookup(schema, name, mode, position, missingOk, st);
            long dep = r instanceof TableDescriptor t ? t.oid() : r instanceof ViewDescriptor v ? v.oid() : 0;
            if (dep != 0 && !tables.contains(dep)) {
                tables.add(dep);
            }
            readsTemporary[0] |= r instanceof TableDescriptor t && t.temporary()
                || r instanceof ViewDescriptor v && v.namespaceOid() == session.relcache().tempNamespace();
            return r;
        };
        Query q = StoredRelations.analyzeWith(text, query, new ParseState(ps.sql(), ps.functions(), lookup,
            ParamTypes.none()));
        return new Reading(q, tables, readsTemporary[0]);
    }

    /** A view's columns: the query's, named by {@code names} where given (42601 for too many, 42701 for a duplicate). */
    static List<Relation.Column> columns(Query q, List<String> names, String tooMany) {
        List<ResultColumn> out = q.columns();
        List<Relation.Column> columns = new ArrayList<>();
        if (names != null && names.size() > out.size()) {
            throw DatabaseException.error("42601", tooMany);
        }
        for (int i = 0; i < out.size(); i++) {
            String n = names != null && i < names.size() ? names.get(i) : out.get(i).name();
            PgType type = out.get(i).type() == PgType.UNKNOWN ? PgType.TEXT : out.get(i).type();
            for (Relation.Column c : columns) {
                if (c.name().equals(n)) {
                    throw DatabaseException.error("42701", "column \"" + n + "\" specified more than once");
                }
            }
            columns.add(new Relation.Column(n, type, out.get(i).typmod()));
        }
        return columns;
    }

    String createView(Statement.CreateView s, StorageTransaction st, ParseState ps, StatementContext ctx) {
        long namespace = ddl.creationNamespace(st, s.name(), s.temporary(), ps);
        Reading reading = analyzeReading(s.queryText(), s.query(), st, ps);
        Query q = reading.query();
        List<Long> tables = reading.relations();
        if (reading.temporary() && !s.temporary() && namespace != session.relcache().tempNamespace()) {
            // DefineView: a view over a temporary relation is itself temporary (isQueryUsingTempRelation)
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000",
                "view \"" + s.name().name() + "\" will be a temporary view", null, null, 0, null));
            if (s.name().schema() != null && !s.name().schema().equals("pg_temp")) {
                throw DatabaseException.error("42P16", "cannot create temporary relation in non-temporary schema");
            }
            namespace = ddl.creationNamespace(st, s.name(), true, ps);
        }
        List<Relation.Column> columns = columns(q, s.columnNames(), "CREATE VIEW specifies more column names than columns");
        List<String[]> options = new ArrayList<>();
        for (String[] o : s.options()) {
            options.add(new String[] {o[0], AlterViewCommands.checkViewOption(o[0], o[1])});
        }
        String reloptions = options.isEmpty() ? null : AlterViewCommands.formatRelOptions(options);
        Relation existing = ddl.existingRelation(st, namespace, s.name().name());
        Transaction tx = st.transaction();
        if (existing != null) {
            if (!s.orReplace()) {
                throw DatabaseException.error("42P07", "relation \"" + s.name().name() + "\" already exists");
            }
            if (!(existing instanceof ViewDescriptor v)) {
                throw DatabaseException.error("42809", "\"" + existing.name() + "\" is not a view");
            }
            List<Relation.Column> old = v.columns();
            if (columns.size() < old.size()) {
                throw DatabaseException.error("42P16", "cannot drop columns from view");
            }
            for (int i = 0; i < old.size(); i++) {
                if (!old.get(i).name().equals(columns.get(i).name())) {
                    throw DatabaseException.error("42P16", "cannot change name of view column \"" + old.get(i).name()
                        + "\" to \"" + columns.get(i).name() + "\"")
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
                }
                if (old.get(i).type() != columns.get(i).type()) {
                    throw DatabaseException.error("42P16", "cannot change data type of view column \""
                        + old.get(i).name() + "\" from " + old.get(i).type().displayName() + " to "
                        + columns.get(i).type().displayName());
                }
            }
            st.lockRelation(v.oid(), LockMode.ACCESS_EXCLUSIVE);
        }
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), tx);
        long oid;
        if (existing instanceof ViewDescriptor v) {
            // OR REPLACE keeps the view's oid (and so what depends on it): its columns, rule and
            // dependencies are written anew
            oid = v.oid();
            org.tuskdb.api.xact.Snapshot snapshot = st.freshSnapshot();
            for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
                store.delete(CatalogTables.PG_ATTRIBUTE, a.tid());
            }
            store.deleteWhere(CatalogTables.PG_REWRITE, CatalogTables.REWRITE_CLASS, oid, snapshot);
            store.deleteWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_OBJID, oid, snapshot);
            CatalogStore.Entry cls = store.findClassByOid(oid, snapshot);
            org.tuskdb.sql.internal.value.Value[] row = cls.row().clone();
            row[CatalogTables.CLASS_RELNATTS] = org.tuskdb.sql.internal.value.IntegerValue.of(PgType.INT2,
                columns.size());
            row[CatalogTables.CLASS_RELOPTIONS] = reloptions == null ? null
                : org.tuskdb.sql.internal.value.TextValue.text(reloptions);
            store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        } else {
            oid = st.services().transactions().newOid();
            st.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
            org.tuskdb.sql.internal.value.Value[] classRow = CatalogTables.classRow(oid, s.name().name(), namespace, 0,
                columns.size(), reloptions, "v", s.temporary() || namespace == session.relcache().tempNamespace() ? "t" : "p",
                session.currentUserOid());
            classRow[CatalogTables.CLASS_RELACL] = PrivilegeCommands.initialAcl(st, "TABLE", session.currentUserOid(),
                namespace);
            store.insert(CatalogTables.PG_CLASS, classRow);
        }
        for (int i = 0; i < columns.size(); i++) {
            store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(oid, i + 1, columns.get(i), false, false,
                ""));
        }
        store.insert(CatalogTables.PG_REWRITE, CatalogTables.rewriteRow(st.services().transactions().newOid(), oid,
            s.queryText()));
        for (long t : tables) {
            store.insert(CatalogTables.PG_DEPEND, CatalogTables.dependRow(oid, t, 0, "n"));
        }
        tx.commandCounterIncrement();
        return "CREATE VIEW";
    }

}
