package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.ViewDescriptor;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * ALTER VIEW, and ALTER TABLE naming a view (AlterTable with a view's relkind): RENAME TO,
 * RENAME [COLUMN], ALTER [COLUMN] c SET / DROP DEFAULT (the default an INSERT through the view
 * uses), OWNER TO, SET SCHEMA, SET / RESET (check_option, security_barrier, security_invoker). A
 * view's columns and query live in pg_attribute and pg_rewrite only, so every action is a catalog
 * update; renames also rewrite the stored queries of the views over this one (their text names it).
 * Any other ALTER TABLE action is 42809 with PostgreSQL's "not supported for views" detail.
 */
final class AlterViewCommands {
    private final Session session;
    private final DdlExecutor ddl;

    AlterViewCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    String alter(Statement.AlterView a, StatementContext ctx) {
        StorageTransaction st = ddl.storageFor("ALTER VIEW");
        Statement.RangeVar rv = a.alter().table();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE,
            0, a.alter().ifExists(), st);
        if (r == null) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "relation \"" + rv.name() + "\" does not exist, skipping", null, null, 0, null));
            return "ALTER VIEW";
        }
        if (!(r instanceof ViewDescriptor v)) {
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a view");
        }
        run(v, a.alter().commands(), st, ctx);
        return "ALTER VIEW";
    }

    void run(ViewDescriptor v, List<Statement.AlterCmd> cmds, StorageTransaction st, StatementContext ctx) {
        for (Statement.AlterCmd cmd : cmds) {
            String action = AlterTableExecutor.onMatview(cmd);
            if (action != null && !(cmd instanceof Statement.ColumnDefault) && !(cmd instanceof Statement.SetSchema)
                && !(cmd instanceof Statement.SetOptions)) {
                throw DatabaseException.error("42809", "ALTER action " + action + " cannot be performed on relation \""
                    + v.name() + "\"").withDetail("This operation is not supported for views.");
            }
        }
        if (!cmds.stream().allMatch(c -> c instanceof Statement.OwnerTo)) {
            Ownership.checkRelationOwner(session, st, v.oid());
        }
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        st.catalogChanged();
        String name = v.name();
        long namespace = v.namespaceOid();
        List<String> columns = new ArrayList<>();
        for (Relation.Column c : v.columns()) {
            columns.add(c.name());
        }
        for (Statement.AlterCmd cmd : cmds) {
            switch (cmd) {
                case Statement.RenameTable rt -> {
                    if (ddl.existingRelation(st, namespace, rt.newName()) != null) {
                        throw DatabaseException.error("42P07", "relation \"" + rt.newName() + "\" already exists");
                    }
                    updateClass(st, store, v.oid(), CatalogTables.CLASS_RELNAME, new TextValue(PgType.NAME, rt.newName()));
                    AlterTableExecutor.renameInDependentQueries(st, store, v.oid(), name, rt.newName());
                    name = rt.newName();
                }
                case Statement.RenameColumn rc -> {
                    int i = columns.indexOf(rc.column());
                    if (i < 0) {
                        throw DatabaseException.error(SqlState.UNDEFINED_COLUMN,
                            "column \"" + rc.column() + "\" does not exist");
                    }
                    if (columns.contains(rc.newName())) {
                        throw DatabaseException.error("42701", "column \"" + rc.newName() + "\" of relation \"" + name
                            + "\" already exists");
                    }
                    CatalogStore.Entry a = attribute(st, store, v.oid(), i + 1);
                    Value[] row = a.row().clone();
                    row[CatalogTables.ATT_NAME] = new TextValue(PgType.NAME, rc.newName());
                    store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
                    AlterTableExecutor.renameInDependentQueries(st, store, v.oid(), rc.column(), rc.newName());
                    columns.set(i, rc.newName());
                }
                case Statement.ColumnDefault cd -> setDefault(st, store, v, name, columns, cd);
                case Statement.OwnerTo o -> Ownership.changeRelationOwner(session, st, v.oid(),
                    session.roleNamed(o.role()), false);
                case Statement.SetSchema x -> {
                    long target = session.relcache().namespaceOid(x.schema(), st);
                    if (target < 0) {
                        throw DatabaseException.error("3F000", "schema \"" + x.schema() + "\" does not exist");
                    }
                    if (target != namespace && ddl.existingRelation(st, target, name) != null) {
                        throw DatabaseException.error("42P07", "relation \"" + name + "\" already exists in schema \""
                            + x.schema() + "\"");
                    }
                    updateClass(st, store, v.oid(), CatalogTables.CLASS_RELNAMESPACE, OidValue.oid(target));
                    namespace = target;
                }
                case Statement.SetOptions o -> setOptions(st, store, v.oid(), o);
                default -> throw new IllegalStateException(cmd.toString()); // refused above
            }
            st.transaction().commandCounterIncrement();
        }
        session.relcache().invalidateLocal();
    }

    private static void updateClass(StorageTransaction st, CatalogStore store, long oid, int column, Value value) {
        CatalogStore.Entry cls = store.findClassByOid(oid, st.freshSnapshot());
        Value[] row = cls.row().clone();
        row[column] = value;
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }

    private static CatalogStore.Entry attribute(StorageTransaction st, CatalogStore store, long rel, int attnum) {
        for (CatalogStore.Entry a : store.attributes(rel, st.freshSnapshot())) {
            if (((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value() == attnum) {
                return a;
            }
        }
        throw DatabaseException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for attribute " + attnum
            + " of relation " + rel);
    }

    /** The view column's default: checked against the column's type now, stored as its text in pg_attrdef. */
    private void setDefault(StorageTransaction st, CatalogStore store, ViewDescriptor v, String name,
                            List<String> columns, Statement.ColumnDefault cd) {
        int i = columns.indexOf(cd.column());
        if (i < 0) {
            throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + cd.column() + "\" of relation \""
                + name + "\" does not exist");
        }
        int attnum = i + 1;
        if (cd.expr() != null) {
            Relation.Column c = v.columns().get(i);
            StoredExpressions.defaultFor(cd.expr(), new Relation.Column(cd.column(), c.type(), c.typmod()),
                new ParseState(null, session.services().functions(), session.typeLookup(), ParamTypes.none()));
        }
        Snapshot snapshot = st.freshSnapshot();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, v.oid(),
            snapshot)) {
            if (((IntegerValue) e.row()[CatalogTables.ATTRDEF_NUM]).value() == attnum) {
                store.delete(CatalogTables.PG_ATTRDEF, e.tid());
            }
        }
        if (cd.expr() != null) {
            store.insert(CatalogTables.PG_ATTRDEF, CatalogTables.attrdefRow(st.services().transactions().newOid(),
                v.oid(), attnum, cd.text()));
        }
        CatalogStore.Entry a = attribute(st, store, v.oid(), attnum);
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_HASDEF] = BoolValue.of(cd.expr() != null);
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
    }

    /**
     * SET merges the options into pg_class.reloptions (a new name at the end, a known one in place),
     * RESET removes them; what a view takes is checked as view_relopts does (22023 otherwise).
     */
    private static void setOptions(StorageTransaction st, CatalogStore store, long oid, Statement.SetOptions o) {
        CatalogStore.Entry cls = store.findClassByOid(oid, st.freshSnapshot());
        Value old = cls.row()[CatalogTables.CLASS_RELOPTIONS];
        List<String[]> options = parseRelOptions(old == null ? null : ((TextValue) old).value());
        for (String[] given : o.options()) {
            String value = o.reset() ? null : checkViewOption(given[0], given[1]);
            options.removeIf(e -> e[0].equals(given[0]) && o.reset());
            boolean replaced = false;
            for (String[] e : options) {
                if (e[0].equals(given[0])) {
                    e[1] = value;
                    replaced = true;
                }
            }
            if (!o.reset() && !replaced) {
                options.add(new String[] {given[0], value});
            }
        }
        updateClass(st, store, oid, CatalogTables.CLASS_RELOPTIONS, options.isEmpty() ? null
            : TextValue.text(formatRelOptions(options)));
    }

    /** The value a view option is stored with (a boolean without a value is true). */
    static String checkViewOption(String name, String value) {
        switch (name) {
            case "check_option" -> {
                if (!"local".equals(value) && !"cascaded".equals(value)) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for enum option \"check_option\": " + value)
                        .withDetail("Valid values are \"local\" and \"cascaded\".");
                }
                return value;
            }
            case "security_barrier", "security_invoker" -> {
                if (value == null) {
                    return "true";
                }
                if (!List.of("true", "false", "on", "off", "yes", "no", "1", "0", "t", "f", "y", "n")
                    .contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for boolean option \"" + name + "\": " + value);
                }
                return value;
            }
            default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "unrecognized parameter \"" + name + "\"");
        }
    }

    /** reloptions text {@code {a=b,c=d}} as name/value pairs (empty for null). */
    static List<String[]> parseRelOptions(String text) {
        List<String[]> out = new ArrayList<>();
        if (text == null || text.length() < 2) {
            return out;
        }
        String body = text.substring(1, text.length() - 1);
        if (body.isEmpty()) {
            return out;
        }
        for (String item : body.split(",")) {
            int eq = item.indexOf('=');
            out.add(eq < 0 ? new String[] {item, null} : new String[] {item.substring(0, eq), item.substring(eq + 1)});
        }
        return out;
    }

    static String formatRelOptions(List<String[]> options) {
        StringBuilder b = new StringBuilder("{");
        for (String[] e : options) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(e[0]).append('=').append(e[1]);
        }
        return b.append('}').toString();
    }
}
