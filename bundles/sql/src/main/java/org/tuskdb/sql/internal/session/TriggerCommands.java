package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.Trigger;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER, ALTER TRIGGER ... RENAME, ALTER TABLE {ENABLE |
 * DISABLE} TRIGGER (PostgreSQL's CreateTriggerFiringOn, RemoveTriggerById, renametrig,
 * EnableDisableTrigger): each changes pg_trigger rows in the statement's transaction (rolled
 * back with it) and marks the catalog changed, so every session reloads the table's descriptor
 * and re-plans its statements over it (the trigger list lives in the descriptor).
 */
final class TriggerCommands {
    private final Session session;
    private final DdlExecutor ddl;

    TriggerCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    private ParseState parseState() {
        return new ParseState(session.currentQuery(), session.services().functions(), session.relationLookup(),
            ParamTypes.none());
    }

    String create(Statement.CreateTrigger s, StorageTransaction st) {
        ParseState ps = parseState();
        Statement.RangeVar rv = s.table();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.SHARE_ROW_EXCLUSIVE, 0, false, st);
        boolean view = r instanceof org.tuskdb.sql.internal.catalog.ViewDescriptor;
        if (view) {
            if (s.row() && s.timing() != 'I') {
                throw DatabaseException.error("42809", "\"" + r.name() + "\" is a view")
                    .withDetail("Views cannot have row-level BEFORE or AFTER triggers.");
            }
            if ((s.events() & Trigger.TRUNCATE) != 0) {
                throw DatabaseException.error("42809", "\"" + r.name() + "\" is a view")
                    .withDetail("Views cannot have TRUNCATE triggers.");
            }
        } else if (!(r instanceof TableDescriptor table) || table.systemCatalog()) {
            if (r instanceof TableDescriptor sys) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied: \"" + sys.name() + "\" is a system catalog");
            }
            String kind = r instanceof org.tuskdb.sql.internal.catalog.SequenceDescriptor ? "sequences"
                : "this kind of relation";
            throw DatabaseException.error("42809", "relation \"" + r.name() + "\" cannot have triggers")
                .withDetail("This operation is not supported for " + kind + ".");
        } else if (table.matview() != null) {
            throw DatabaseException.error("42809", "relation \"" + r.name() + "\" cannot have triggers")
                .withDetail("This operation is not supported for materialized views.");
        } else if (s.timing() == 'I') {
            throw DatabaseException.error("42809", "\"" + table.name() + "\" is a table")
                .withDetail("Tables cannot have INSTEAD OF triggers.");
        }
        if ((s.events() & Trigger.TRUNCATE) != 0 && s.row()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE FOR EACH ROW triggers are not supported");
        }
        if (s.timing() == 'I') {
            if (!s.row()) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers must be FOR EACH ROW");
            }
            if (s.when() != null) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "INSTEAD OF triggers cannot have WHEN conditions");
            }
            if (!s.columns().isEmpty()) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have column lists");
            }
        }
        TableDescriptor t = view ? TableDescriptor.ofView((org.tuskdb.sql.internal.catalog.ViewDescriptor) r)
            : (TableDescriptor) r;
        // the WHEN condition (transformWhereClause over OLD and NEW, then its checks), stored deparsed
        String qual = null;
        if (s.when() != null) {
            ParseState wps = new ParseState(session.currentQuery(), session.services().functions(),
                ParseState.RelationLookup.NONE, ParamTypes.none());
            StoredExpressions.TriggerWhen w = StoredExpressions.triggerWhen(s.when(), t, wps);
            if (!s.row() && (w.readsOld() || w.readsNew())) {
                throw DatabaseException.error("42P17",
                    "statement trigger's WHEN condition cannot reference column values")
                    .withPosition(reference(s, "old|new", ps));
            }
            if ((s.events() & Trigger.INSERT) != 0 && w.readsOld()) {
                throw DatabaseException.error("42P17", "INSERT trigger's WHEN condition cannot reference OLD values")
                    .withPosition(reference(s, "old", ps));
            }
            if ((s.events() & Trigger.DELETE) != 0 && w.readsNew()) {
                throw DatabaseException.error("42P17", "DELETE trigger's WHEN condition cannot reference NEW values")
                    .withPosition(reference(s, "new", ps));
            }
            qual = org.tuskdb.sql.internal.plan.explain.ExpressionText.deparse(w.expr(),
                org.tuskdb.sql.internal.catalog.TriggerCatalog.conditionNames(t));
        }
        // UPDATE OF's columns as attnums
        StringBuilder attr = new StringBuilder();
        List<Integer> seen = new ArrayList<>();
        for (String c : s.columns()) {
            int i = t.columnIndex(c);
            if (i < 0) {
                throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" of relation \"" + t.name()
                    + "\" does not exist");
            }
            if (seen.contains(i)) {
                throw DatabaseException.error("42701", "column \"" + c + "\" specified more than once");
            }
            seen.add(i);
            attr.append(attr.isEmpty() ? "" : " ").append(t.attnum(i));
        }
        UserFunction f = function(s.function(), st);
        int type = s.events() | (s.row() ? Trigger.ROW : 0) | (s.timing() == 'B' ? Trigger.BEFORE : 0)
            | (s.timing() == 'I' ? Trigger.INSTEAD : 0);
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry existing = find(store, t.oid(), s.name(), st);
        long oid;
        if (existing != null) {
            if (!s.orReplace()) {
                throw DatabaseException.error("42710", "trigger \"" + s.name() + "\" for relation \"" + t.name()
                    + "\" already exists");
            }
            oid = ((OidValue) existing.row()[CatalogTables.TG_OID]).value();
            store.delete(CatalogTables.PG_TRIGGER, existing.tid());
        } else {
            oid = st.services().transactions().newOid();
        }
        store.insert(CatalogTables.PG_TRIGGER, CatalogTables.triggerRow(oid, t.oid(), s.name(), f.oid(), type, 'O',
            s.args(), attr.toString(), qual));
        st.transaction().commandCounterIncrement();
        session.relcache().invalidateLocal();
        return "CREATE TRIGGER";
    }

    /** The first reference to OLD / NEW in the WHEN text, as a position in the query string (0: none). */
    private static int reference(Statement.CreateTrigger s, String names, ParseState ps) {
        String sql = ps.sql();
        if (sql == null || s.whenText() == null) {
            return 0;
        }
        int from = sql.indexOf(s.whenText(), s.location());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\b(" + names + ")\\s*\\.")
            .matcher(s.whenText());
        return from < 0 || !m.find() ? 0 : ps.position(from + m.start());
    }

    /** LookupFuncName(name, 0 arguments) and its result type check. */
    private UserFunction function(Statement.RangeVar name, StorageTransaction st) {
        String shown = name.schema() == null ? name.name() : name.schema() + "." + name.name();
        if (name.schema() != null && session.relcache().namespaceOid(name.schema(), st) < 0) {
            throw DatabaseException.error("3F000", "schema \"" + name.schema() + "\" does not exist");
        }
        for (UserFunction f : session.relcache().userFunctions(name.schema(), name.name(), st)) {
            if (f.argTypes().isEmpty()) {
                if (f.returnType() != PgType.TRIGGER) {
                    throw DatabaseException.error("42P17", "function " + shown + " must return type trigger");
                }
                return f;
            }
        }
        throw DatabaseException.error(SqlState.UNDEFINED_FUNCTION, "function " + shown + "() does not exist");
    }

    static CatalogStore.Entry find(CatalogStore store, long relid, String name, StorageTransaction st) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, relid,
            st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.TG_NAME]).value().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static long oidOf(Relation r) {
        return switch (r) {
            case TableDescriptor t -> t.oid();
            case org.tuskdb.sql.internal.catalog.ViewDescriptor v -> v.oid();
            case org.tuskdb.sql.internal.catalog.SequenceDescriptor q -> q.oid();
            default -> -1;
        };
    }

    private static DatabaseException notice(String text) {
        return new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, text, null, null,
            0, null);
    }

    String drop(Statement.DropTrigger s, StorageTransaction st, StatementContext ctx) {
        Statement.RangeVar rv = s.table();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE, 0, s.ifExists(), st);
        if (r == null) {
            ctx.notice(notice("relation \"" + (rv.schema() == null ? "" : rv.schema() + ".") + rv.name()
                + "\" does not exist, skipping"));
            return "DROP TRIGGER";
        }
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry e = find(store, oidOf(r), s.name(), st);
        if (e == null) {
            if (s.ifExists()) {
                ctx.notice(notice("trigger \"" + s.name() + "\" for relation \"" + r.name()
                    + "\" does not exist, skipping"));
                return "DROP TRIGGER";
            }
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + s.name() + "\" for table \""
                + r.name() + "\" does not exist");
        }
        st.catalogChanged();
        CommentCommands.deleteFor(store, CommentCommands.rowOid(e), CatalogTables.PG_TRIGGER_OID, st);
        store.delete(CatalogTables.PG_TRIGGER, e.tid());
        st.transaction().commandCounterIncrement();
        session.relcache().invalidateLocal();
        return "DROP TRIGGER";
    }

    String rename(Statement.RenameTrigger s, StorageTransaction st) {
        Statement.RangeVar rv = s.table();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE, 0, false, st);
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry e = find(store, oidOf(r), s.name(), st);
        if (e == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + s.name() + "\" for table \""
                + r.name() + "\" does not exist");
        }
        if (find(store, oidOf(r), s.newName(), st) != null) {
            throw DatabaseException.error("42710", "trigger \"" + s.newName() + "\" for relation \"" + r.name()
                + "\" already exists");
        }
        st.catalogChanged();
        Value[] row = e.row().clone();
        row[CatalogTables.TG_NAME] = new TextValue(PgType.NAME, s.newName());
        store.update(CatalogTables.PG_TRIGGER, e.tid(), row);
        st.transaction().commandCounterIncrement();
        session.relcache().invalidateLocal();
        return "ALTER TRIGGER";
    }

    /** ALTER TABLE's ENABLE / DISABLE TRIGGER: tgenabled of the named trigger, or of all of them. */
    static void setEnabled(StorageTransaction st, CatalogStore store, TableDescriptor t,
                           Statement.SetTriggerEnabled e) {
        boolean found = false;
        for (CatalogStore.Entry x : store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, t.oid(),
            st.freshSnapshot())) {
            if (e.name() != null && !((TextValue) x.row()[CatalogTables.TG_NAME]).value().equals(e.name())) {
                continue;
            }
            found = true;
            Value[] row = x.row().clone();
            row[CatalogTables.TG_ENABLED] = TextValue.text(String.valueOf(e.enabled()));
            store.update(CatalogTables.PG_TRIGGER, x.tid(), row);
        }
        if (!found && e.name() != null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + e.name() + "\" for table \""
                + t.name() + "\" does not exist");
        }
    }

    private static final List<String> OLD_NEW = List.of("old", "new");

    /** RENAME COLUMN: the column's new name in the table's triggers' WHEN texts (tgattr holds attnums). */
    static void renameColumn(StorageTransaction st, CatalogStore store, long relid, String from, String to) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, relid,
            st.freshSnapshot())) {
            Value q = e.row()[CatalogTables.TG_QUAL];
            if (q != null) {
                Value[] row = e.row().clone();
                row[CatalogTables.TG_QUAL] = TextValue.text(org.tuskdb.sql.internal.parser.Identifiers.renameQualified(
                    ((TextValue) q).value(), OLD_NEW, from, to));
                store.update(CatalogTables.PG_TRIGGER, e.tid(), row);
            }
        }
    }

    /** The table's triggers whose UPDATE OF list or WHEN condition reads the column (PostgreSQL's pg_depend edges). */
    private static List<CatalogStore.Entry> onColumn(StorageTransaction st, CatalogStore store, long relid, String column,
                                                     int attnum) {
        List<CatalogStore.Entry> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, relid,
            st.freshSnapshot())) {
            boolean uses = false;
            for (int a : org.tuskdb.sql.internal.catalog.TriggerCatalog.attnums(e.row()[CatalogTables.TG_ATTR])) {
                uses |= a == attnum;
            }
            Value q = e.row()[CatalogTables.TG_QUAL];
            uses |= q != null && org.tuskdb.sql.internal.parser.Identifiers.mentionsQualified(((TextValue) q).value(),
                OLD_NEW, column);
            if (uses) {
                out.add(e);
            }
        }
        out.sort(java.util.Comparator.comparingLong(e -> ((OidValue) e.row()[CatalogTables.TG_OID]).value()));
        return out;
    }

    /** DROP COLUMN: 2BP01 while a trigger uses the column, unless CASCADE, which drops those triggers. */
    static void dropColumn(StorageTransaction st, CatalogStore store, TableDescriptor t, String column, int attnum,
                           boolean cascade, StatementContext ctx) {
        List<CatalogStore.Entry> uses = onColumn(st, store, t.oid(), column, attnum);
        if (uses.isEmpty()) {
            return;
        }
        List<String> names = uses.stream().map(e -> "trigger " + ((TextValue) e.row()[CatalogTables.TG_NAME]).value()
            + " on table " + t.name()).toList();
        if (!cascade) {
            throw DatabaseException.error("2BP01", "cannot drop column " + column + " of table " + t.name()
                + " because other objects depend on it").withDetail(String.join("\n", names.stream()
                .map(n -> n + " depends on column " + column + " of table " + t.name()).toList()))
                .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        ctx.notice(names.size() == 1 ? notice("drop cascades to " + names.get(0))
            : new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "drop cascades to " + names.size() + " other objects", String.join("\n", names.stream()
                .map(n -> "drop cascades to " + n).toList()), null, 0, null));
        for (CatalogStore.Entry e : uses) {
            CommentCommands.deleteFor(store, CommentCommands.rowOid(e), CatalogTables.PG_TRIGGER_OID, st);
            store.delete(CatalogTables.PG_TRIGGER, e.tid());
        }
    }

    /** ALTER COLUMN TYPE: 0A000 while a trigger uses the column (ATExecAlterColumnType's check). */
    static void checkAlterType(StorageTransaction st, CatalogStore store, TableDescriptor t, String column, int attnum) {
        List<CatalogStore.Entry> uses = onColumn(st, store, t.oid(), column, attnum);
        if (!uses.isEmpty()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot alter type of a column used in a trigger definition").withDetail("trigger "
                + ((TextValue) uses.get(0).row()[CatalogTables.TG_NAME]).value() + " on table " + t.name()
                + " depends on column \"" + column + "\"");
        }
    }

    /** The user triggers that call the function (RemoveObjects' dependency check of DROP FUNCTION). */
    static List<String> dependents(StorageTransaction st, long functionOid) {
        List<String> out = new ArrayList<>();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        var snap = st.freshSnapshot();
        List<CatalogStore.Entry> rows = new ArrayList<>(store.all(CatalogTables.PG_TRIGGER, snap));
        rows.sort(java.util.Comparator.comparingLong(e -> ((OidValue) e.row()[CatalogTables.TG_OID]).value()));
        for (CatalogStore.Entry e : rows) {
            if (((OidValue) e.row()[CatalogTables.TG_FOID]).value() != functionOid) {
                continue;
            }
            CatalogStore.Entry cls = store.findClassByOid(((OidValue) e.row()[CatalogTables.TG_RELID]).value(), snap);
            out.add("trigger " + ((TextValue) e.row()[CatalogTables.TG_NAME]).value() + " on table "
                + (cls == null ? "?" : ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value()));
        }
        return out;
    }

    /** Deletes the triggers that call the function (DROP FUNCTION ... CASCADE). */
    static void dropDependents(StorageTransaction st, long functionOid) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CommentCommands.deleteForRows(store, CatalogTables.PG_TRIGGER, CatalogTables.TG_FOID, functionOid,
            CatalogTables.PG_TRIGGER_OID, st);
        store.deleteWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_FOID, functionOid, st.freshSnapshot());
    }
}
