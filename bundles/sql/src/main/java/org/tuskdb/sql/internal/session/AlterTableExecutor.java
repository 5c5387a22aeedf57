package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.Analyzer;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.CheckConstraint;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.parser.Identifiers;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * ALTER TABLE (PostgreSQL's tablecmds.c, simplified). The table is locked AccessExclusiveLock;
 * every action changes catalog rows in the session's transaction; then, once per statement, the
 * existing rows are either rewritten into a new relfilenode (ADD COLUMN with a default or NOT
 * NULL or identity, DROP COLUMN, ALTER COLUMN TYPE: the old file goes at commit, the new one at
 * abort, as for TRUNCATE) or only checked (SET NOT NULL, ADD CONSTRAINT CHECK) against the new
 * definition. Rows on disk always hold the non-dropped columns in attnum order; a dropped
 * column keeps its pg_attribute row with attisdropped (and PostgreSQL's "........pg.dropped.N"
 * name), and its data disappears with the rewrite.
 */
final class AlterTableExecutor {
    private final Session session;
    private final DdlExecutor ddl;
    private final StorageTransaction st;
    private final StatementContext ctx;
    private final ParseState ps;
    private CatalogStore store;

    /** The live columns as the actions leave them, and how each new value comes from an old row. */
    private final List<Relation.Column> columns = new ArrayList<>();
    private final List<Integer> attnums = new ArrayList<>();
    private final List<Expression> mapping = new ArrayList<>();
    private boolean rewrite;
    private boolean validate;
    private String name;

    AlterTableExecutor(Session session, DdlExecutor ddl, StorageTransaction st, StatementContext ctx, ParseState ps) {
        this.session = session;
        this.ddl = ddl;
        this.st = st;
        this.ctx = ctx;
        this.ps = ps;
    }

    String run(Statement.AlterTable s) {
        Statement.RangeVar rv = s.table();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE,
            ps.position(rv.location()), s.ifExists(), st);
        if (r == null) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "relation \"" + rv.name() + "\" does not exist, skipping", null, null, 0, null));
            return "ALTER TABLE";
        }
        if (r instanceof org.tuskdb.sql.internal.catalog.ViewDescriptor v) {
            // ALTER TABLE takes a view for what ALTER VIEW does (renames, defaults), as PostgreSQL
            new AlterViewCommands(session, ddl).run(v, s.commands(), st, ctx);
            return "ALTER TABLE";
        }
        if (!(r instanceof TableDescriptor t) || t.systemCatalog()) {
            if (r instanceof TableDescriptor sys) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied: \"" + sys.name() + "\" is a system catalog");
            }
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a table");
        }
        if (t.matview() != null) {
            for (Statement.AlterCmd cmd : s.commands()) {
                String action = onMatview(cmd);
                if (action != null) {
                    throw DatabaseException.error("42809", "ALTER action " + action + " cannot be performed on relation \""
                        + t.name() + "\"").withDetail("This operation is not supported for materialized views.");
                }
            }
        }
        if (!s.commands().stream().allMatch(c -> c instanceof Statement.OwnerTo)) {
            Ownership.checkRelationOwner(session, st, t.oid());
        }
        store = new CatalogStore(st.services().heap(), st.transaction());
        name = t.name();
        st.catalogChanged();
        for (CatalogStore.Entry a : store.attributes(t.oid(), st.freshSnapshot())) {
            Value[] row = a.row();
            if (((BoolValue) row[CatalogTables.ATT_DROPPED]).value()) {
                continue;
            }
            int i = columns.size();
            Relation.Column c = t.columns().get(i);
            columns.add(c);
            attnums.add((int) ((IntegerValue) row[CatalogTables.ATT_NUM]).value());
            mapping.add(new ColumnVar(i, c.type(), c.typmod(), c.name()));
        }
        for (Statement.AlterCmd cmd : s.commands()) {
            switch (cmd) {
                case Statement.AddColumn a -> addColumn(t, a);
                case Statement.DropColumn d -> dropColumn(t, d);
                case Statement.RenameColumn rc -> renameColumn(t, rc);
                case Statement.RenameTable rt -> renameTable(t, rt);
                case Statement.ColumnDefault cd -> setDefault(t, cd);
                case Statement.ColumnNotNull nn -> setNotNull(t, nn);
                case Statement.DropExpression de -> dropExpression(t, de);
                case Statement.AddIdentity ai -> addIdentity(t, ai);
                case Statement.OwnerTo o -> Ownership.changeRelationOwner(session, st, t.oid(),
                    session.roleNamed(o.role()), false);
                case Statement.SetLogged l -> setLogged(t, l);
                case Statement.ColumnType ct -> alterType(t, ct);
                case Statement.AddConstraint ac -> addConstraint(t, ac);
                case Statement.DropConstraint dc -> dropConstraint(t, dc);
                case Statement.AttachPartition ap -> new PartitionAttachCommands(session, ddl, st, ctx, ps).attach(t, ap);
                case Statement.DetachPartition dp -> new PartitionAttachCommands(session, ddl, st, ctx, ps).detach(t, dp);
                case Statement.ValidateConstraint vc -> validateConstraint(t, vc);
                case Statement.RenameConstraint rc -> IndexConstraintCommands.renameConstraint(st, store, t, name, rc);
                case Statement.AddConstraintUsingIndex u -> addUsingIndex(t, u);
                case Statement.SetTriggerEnabled e -> TriggerCommands.setEnabled(st, store, t, e);
                case Statement.SetSchema x -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE SET SCHEMA is not supported yet"); // only ALTER VIEW's parser makes it
                case Statement.SetOptions o -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE SET (options) is not supported yet");
            }
            st.transaction().commandCounterIncrement();
        }
        if (rewrite || validate) {
            session.relcache().invalidateLocal();
            Relation now = session.relcache().lookup(t.schema(), name, LockMode.ACCESS_EXCLUSIVE, 0, false, st);
            rewriteOrCheck(t, (TableDescriptor) now);
        }
        session.relcache().invalidateLocal();
        return "ALTER TABLE";
    }

    /**
     * ATSimplePermissions for a materialized view: renames and OWNER TO are allowed; any other
     * action is named as alter_table_type_to_string names it (null: allowed).
     */
    static String onMatview(Statement.AlterCmd cmd) {
        return switch (cmd) {
            case Statement.RenameTable r -> null;
            case Statement.RenameColumn r -> null;
            case Statement.RenameConstraint r -> null;
            case Statement.OwnerTo o -> null;
            case Statement.AddColumn a -> "ADD COLUMN";
            case Statement.DropColumn d -> "DROP COLUMN";
            case Statement.ColumnDefault d -> "ALTER COLUMN ... SET DEFAULT";
            case Statement.ColumnNotNull n -> n.notNull() ? "ALTER COLUMN ... SET NOT NULL" : "ALTER COLUMN ... DROP NOT NULL";
            case Statement.DropExpression d -> "ALTER COLUMN ... DROP EXPRESSION";
            case Statement.AddIdentity a -> "ALTER COLUMN ... ADD IDENTITY";
            case Statement.SetLogged l -> l.logged() ? "SET LOGGED" : "SET UNLOGGED";
            case Statement.ColumnType c -> "ALTER COLUMN ... SET DATA TYPE";
            case Statement.AddConstraint a -> "ADD CONSTRAINT";
            case Statement.DropConstraint d -> "DROP CONSTRAINT";
            case Statement.AttachPartition a -> "ATTACH PARTITION";
            case Statement.DetachPartition d -> "DETACH PARTITION";
            case Statement.ValidateConstraint v -> "VALIDATE CONSTRAINT";
            case Statement.AddConstraintUsingIndex u -> "ADD CONSTRAINT USING INDEX";
            case Statement.SetTriggerEnabled e -> e.enabled() == 'D' ? "DISABLE TRIGGER" : "ENABLE TRIGGER";
            case Statement.SetSchema x -> "SET SCHEMA";
            case Statement.SetOptions o -> o.reset() ? "RESET (...)" : "SET (...)";
        };
    }

    private int index(TableDescriptor t, String column, boolean missingOk) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        if (missingOk) {
            return -1;
        }
        throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + name
            + "\" does not exist");
    }

    private CatalogStore.Entry attribute(long rel, int attnum) {
        for (CatalogStore.Entry a : store.attributes(rel, st.freshSnapshot())) {
            if (((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value() == attnum) {
                return a;
            }
        }
        throw DatabaseException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for attribute " + attnum
            + " of relation " + rel);
    }

    private DdlExecutor.Columns relation() {
        return new DdlExecutor.Columns(null, name, List.copyOf(columns));
    }

    /**
     * The relation a constraint is added to. A PRIMARY KEY or UNIQUE constraint builds its index
     * from the table's existing rows, so it gets the table itself; that needs the rows' shape to
     * be the table's (no column added or dropped earlier in this ALTER TABLE, whose rewrite comes
     * only at its end).
     */
    private Relation constraintRelation(TableDescriptor t, Statement.ConstraintDef c) {
        if (c.kind() != Statement.ConstraintKind.PRIMARY_KEY && c.kind() != Statement.ConstraintKind.UNIQUE) {
            return relation();
        }
        boolean same = columns.size() == t.columns().size();
        for (int i = 0; same && i < columns.size(); i++) {
            same = columns.get(i).name().equals(t.columns().get(i).name())
                && columns.get(i).type() == t.columns().get(i).type();
        }
        if (!same) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "a PRIMARY KEY or UNIQUE constraint in the same ALTER TABLE as a column change is not supported yet");
        }
        return t;
    }

    // ---- ADD / DROP / RENAME COLUMN --------------------------------------------------------

    private void addColumn(TableDescriptor t, Statement.AddColumn a) {
        Statement.ColumnDef def = a.column();
        DdlExecutor.checkNotSystemColumn(def.name());
        if (index(t, def.name(), true) >= 0) {
            if (a.ifNotExists()) {
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42701", "column \"" + def.name()
                    + "\" of relation \"" + name + "\" already exists, skipping", null, null, 0, null));
                return;
            }
            throw DatabaseException.error("42701", "column \"" + def.name() + "\" of relation \"" + name
                + "\" already exists");
        }
        ddl.prepareSerial(name, t.namespaceOid());
        Statement.ColumnDef d = ddl.serialColumnOf(def);
        Relation.Column c = Analyzer.columnType(d, ps);
        int attnum = 1;
        for (CatalogStore.Entry e : store.attributes(t.oid(), st.freshSnapshot())) {
            attnum = Math.max(attnum, (int) ((IntegerValue) e.row()[CatalogTables.ATT_NUM]).value() + 1);
        }
        boolean notNull = d.notNull() || d.identity() != null;
        for (Statement.ConstraintDef k : d.constraints()) {
            notNull |= k.kind() == Statement.ConstraintKind.PRIMARY_KEY;
        }
        if (d.generated()) {
            List<Relation.Column> with = new ArrayList<>(columns);
            with.add(c);
            boolean[] generated = new boolean[with.size()];
            java.util.Set<String> names = generatedColumns(t).keySet();
            for (int k = 0; k < generated.length; k++) {
                generated[k] = k == columns.size() || names.contains(with.get(k).name());
            }
            DdlExecutor.checkGeneration(d, new DdlExecutor.Columns(null, name, with), generated, c, ps);
        }
        store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(t.oid(), attnum, c, notNull,
            d.defaultText() != null, d.identity(), d.generated()));
        if (d.defaultText() != null) {
            store.insert(CatalogTables.PG_ATTRDEF, CatalogTables.attrdefRow(st.services().transactions().newOid(),
                t.oid(), attnum, d.defaultText()));
        }
        updateNatts(t);
        String seq = ddl.serialSequenceOf(d);
        st.transaction().commandCounterIncrement();
        if (seq != null || d.identity() != null) {
            String seqName = seq != null ? seq : ddl.chooseRelationName(st, t.namespaceOid(), name, c.name(), "seq");
            new SequenceCommands(session, ddl).createSequence(st, t.namespaceOid(), seqName, t.temporary(), c.type(),
                d.identityOptions() != null ? d.identityOptions() : Statement.SequenceOptions.NONE, t.oid(), attnum,
                d.identity() != null ? "i" : "a", ps);
        }
        columns.add(c);
        attnums.add(attnum);
        mapping.add(null); // filled from the new descriptor's default at rewrite time
        rewrite |= d.defaultText() != null || d.identity() != null;
        validate |= notNull;
        List<String> taken = ddl.constraintNames(st, t.oid());
        for (Statement.ConstraintDef k : d.constraints()) {
            ddl.addConstraint(st, store, t.oid(), t.namespaceOid(), constraintRelation(t, k), k, taken, ps, false,
                List.copyOf(attnums));
            validate = true;
        }
    }

    /**
     * SET LOGGED / UNLOGGED: relpersistence p / u (tables are WAL-logged either way, see the
     * README). A temporary table is 42P16 as in PostgreSQL.
     */
    private void setLogged(TableDescriptor t, Statement.SetLogged l) {
        if (t.temporary()) {
            throw DatabaseException.error("42P16", "cannot change logged status of table \""
                + t.name() + "\" because it is temporary").withTable(t.schema(), t.name());
        }
        CatalogStore.Entry cls = store.findClassByOid(t.oid(), st.freshSnapshot());
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELPERSISTENCE] = org.tuskdb.sql.internal.value.TextValue.text(l.logged() ? "p" : "u");
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }

    private void updateNatts(TableDescriptor t) {
        CatalogStore.Entry cls = store.findClassByOid(t.oid(), st.freshSnapshot());
        int natts = store.attributes(t.oid(), st.freshSnapshot()).size();
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELNATTS] = IntegerValue.of(org.tuskdb.sql.internal.value.PgType.INT2, natts);
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }

    private void dropColumn(TableDescriptor t, Statement.DropColumn d) {
        int i = index(t, d.column(), d.ifExists());
        if (i < 0) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "column \"" + d.column() + "\" of relation \"" + name + "\" does not exist, skipping", null, null, 0,
                null));
            return;
        }
        int attnum = attnums.get(i);
        List<String> dependents = new ArrayList<>();
        for (var g : generatedColumns(t).entrySet()) {
            if (!g.getKey().equals(d.column()) && reads(t, g.getKey(), g.getValue(), d.column())) {
                dependents.add(g.getKey());
            }
        }
        if (!dependents.isEmpty()) {
            // the generation expressions reading the column depend on it (pg_depend a of pg_attrdef)
            List<String> lines = dependents.stream().map(g -> "column " + g + " of table " + name).toList();
            if (!d.cascade()) {
                throw DatabaseException.error("2BP01", "cannot drop column " + d.column() + " of table " + name
                    + " because other objects depend on it").withDetail(String.join("\n", lines.stream()
                    .map(l -> l + " depends on column " + d.column() + " of table " + name).toList()))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            ctx.notice(DdlExecutor.cascadeNotice(lines));
            for (String g : dependents) {
                dropColumn(t, new Statement.DropColumn(g, false, false, d.location()));
            }
            st.transaction().commandCounterIncrement();
            i = index(t, d.column(), false);
        }
        TriggerCommands.dropColumn(st, store, t, d.column(), attnum, d.cascade(), ctx);
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_NAME] = new TextValue(org.tuskdb.sql.internal.value.PgType.NAME,
            "........pg.dropped." + attnum + "........");
        row[CatalogTables.ATT_TYPID] = OidValue.oid(0);
        row[CatalogTables.ATT_NOTNULL] = BoolValue.FALSE;
        row[CatalogTables.ATT_HASDEF] = BoolValue.FALSE;
        row[CatalogTables.ATT_DROPPED] = BoolValue.TRUE;
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        IndexCommands.dropColumnIndexes(st, store, t.oid(), d.column(), attnum);
        Snapshot snapshot = st.freshSnapshot();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, t.oid(),
            snapshot)) {
            if (((IntegerValue) e.row()[CatalogTables.ATTRDEF_NUM]).value() == attnum) {
                store.delete(CatalogTables.PG_ATTRDEF, e.tid());
            }
        }
        // constraints on the column go with it (PostgreSQL's automatic dependencies)
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            snapshot)) {
            Value key = e.row()[CatalogTables.CON_KEY];
            if (key != null && keyContains(((TextValue) key).value(), attnum)) {
                CommentCommands.deleteFor(store, CommentCommands.rowOid(e), CatalogTables.PG_CONSTRAINT_OID, st);
                store.delete(CatalogTables.PG_CONSTRAINT, e.tid());
            }
        }
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, t.oid(),
            snapshot)) {
            String type = ((TextValue) e.row()[CatalogTables.DEP_TYPE]).value();
            if ((type.equals("a") || type.equals("i"))
                && ((IntegerValue) e.row()[CatalogTables.DEP_REFOBJSUBID]).value() == attnum) {
                ddl.dropRelation(st, ((OidValue) e.row()[CatalogTables.DEP_OBJID]).value(), true, null);
            }
        }
        columns.remove(i);
        attnums.remove(i);
        mapping.remove(i);
        rewrite = true;
    }

    private static boolean keyContains(String key, int attnum) {
        for (String k : key.substring(1, key.length() - 1).split(",")) {
            if (!k.isEmpty() && Integer.parseInt(k) == attnum) {
                return true;
            }
        }
        return false;
    }

    private void renameColumn(TableDescriptor t, Statement.RenameColumn rc) {
        int i = index(t, rc.column(), true);
        if (i < 0) {
            throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + rc.column() + "\" does not exist");
        }
        DdlExecutor.checkNotSystemColumn(rc.newName());
        if (index(t, rc.newName(), true) >= 0) {
            throw DatabaseException.error("42701", "column \"" + rc.newName() + "\" of relation \"" + name
                + "\" already exists");
        }
        CatalogStore.Entry a = attribute(t.oid(), attnums.get(i));
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_NAME] = new TextValue(org.tuskdb.sql.internal.value.PgType.NAME, rc.newName());
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        Snapshot snapshot = st.freshSnapshot();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, t.oid(),
            snapshot)) {
            Value[] d = e.row().clone();
            d[CatalogTables.ATTRDEF_BIN] = TextValue.text(Identifiers.rename(((TextValue) d[CatalogTables.ATTRDEF_BIN])
                .value(), rc.column(), rc.newName()));
            store.update(CatalogTables.PG_ATTRDEF, e.tid(), d);
        }
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            snapshot)) {
            if (e.row()[CatalogTables.CON_BIN] != null) {
                Value[] k = e.row().clone();
                k[CatalogTables.CON_BIN] = TextValue.text(Identifiers.rename(((TextValue) k[CatalogTables.CON_BIN])
                    .value(), rc.column(), rc.newName()));
                store.update(CatalogTables.PG_CONSTRAINT, e.tid(), k);
            }
        }
        IndexCommands.renameColumnInIndexes(st, store, t.oid(), rc.column(), rc.newName());
        renameInDependentQueries(st, store, t.oid(), rc.column(), rc.newName());
        TriggerCommands.renameColumn(st, store, t.oid(), rc.column(), rc.newName());
        Relation.Column c = columns.get(i);
        columns.set(i, new Relation.Column(rc.newName(), c.type(), c.typmod()));
    }

    private void renameTable(TableDescriptor t, Statement.RenameTable rt) {
        if (session.relcache().lookup(t.schema(), rt.newName(), null, 0, true, st) != null) {
            throw DatabaseException.error("42P07", "relation \"" + rt.newName() + "\" already exists");
        }
        CatalogStore.Entry cls = store.findClassByOid(t.oid(), st.freshSnapshot());
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELNAME] = new TextValue(org.tuskdb.sql.internal.value.PgType.NAME, rt.newName());
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        renameInDependentQueries(st, store, t.oid(), name, rt.newName());
        name = rt.newName();
    }

    /**
     * The stored queries of the views and materialized views reading the table (pg_depend n) name
     * it and its columns by text: a rename rewrites those identifier tokens there too, as it does
     * in the table's own stored expressions (PostgreSQL's rules hold oids and attnums instead).
     */
    static void renameInDependentQueries(StorageTransaction st, CatalogStore store, long relation, String from,
                                         String to) {
        Snapshot snapshot = st.freshSnapshot();
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, relation,
            snapshot)) {
            if (!((TextValue) d.row()[CatalogTables.DEP_TYPE]).value().equals("n")) {
                continue;
            }
            long dependent = ((OidValue) d.row()[CatalogTables.DEP_OBJID]).value();
            for (CatalogStore.Entry r : store.rowsWhere(CatalogTables.PG_REWRITE, CatalogTables.REWRITE_CLASS, dependent,
                snapshot)) {
                Value[] row = r.row().clone();
                row[CatalogTables.REWRITE_ACTION] = TextValue.text(Identifiers.rename(
                    ((TextValue) row[CatalogTables.REWRITE_ACTION]).value(), from, to));
                store.update(CatalogTables.PG_REWRITE, r.tid(), row);
            }
        }
    }

    // ---- defaults, NOT NULL, type -----------------------------------------------------------

    private void setDefault(TableDescriptor t, Statement.ColumnDefault cd) {
        int i = index(t, cd.column(), false);
        int attnum = attnums.get(i);
        if (CatalogTables.generated(attribute(t.oid(), attnum).row())) {
            DatabaseException e = DatabaseException.error(SqlState.SYNTAX_ERROR, "column \"" + cd.column()
                + "\" of relation \"" + name + "\" is a generated column");
            throw cd.expr() != null ? e : e.withHint("Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.");
        }
        if (cd.expr() != null) {
            StoredExpressions.defaultFor(cd.expr(), columns.get(i), ps);
        }
        Snapshot snapshot = st.freshSnapshot();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, t.oid(),
            snapshot)) {
            if (((IntegerValue) e.row()[CatalogTables.ATTRDEF_NUM]).value() == attnum) {
                store.delete(CatalogTables.PG_ATTRDEF, e.tid());
            }
        }
        if (cd.expr() != null) {
            store.insert(CatalogTables.PG_ATTRDEF, CatalogTables.attrdefRow(st.services().transactions().newOid(),
                t.oid(), attnum, cd.text()));
        }
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_HASDEF] = BoolValue.of(cd.expr() != null);
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
    }

    /**
     * ALTER COLUMN c DROP EXPRESSION (ATExecDropExpression): the column keeps its stored values and
     * becomes a plain one (attgenerated '', its pg_attrdef row gone); 55000 for a column that is not
     * a stored generated column (IF EXISTS: a NOTICE).
     */
    private void dropExpression(TableDescriptor t, Statement.DropExpression de) {
        int attnum = attnums.get(index(t, de.column(), false));
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        if (!CatalogTables.generated(a.row())) {
            String message = "column \"" + de.column() + "\" of relation \"" + name + "\" is not a stored generated column";
            if (!de.ifExists()) {
                throw DatabaseException.error("55000", message);
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                message + ", skipping", null, null, 0, null));
            return;
        }
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_GENERATED] = TextValue.text("");
        row[CatalogTables.ATT_HASDEF] = BoolValue.FALSE;
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, t.oid(),
            st.freshSnapshot())) {
            if (((IntegerValue) e.row()[CatalogTables.ATTRDEF_NUM]).value() == attnum) {
                store.delete(CatalogTables.PG_ATTRDEF, e.tid());
            }
        }
    }

    /**
     * Whether the generated column {@code generated} (generation text {@code text}) reads {@code column}:
     * by the columns its analysis bound when the table has it, else (added by this statement) by the
     * identifier tokens of its text.
     */
    private static boolean reads(TableDescriptor t, String generated, String text, String column) {
        int g = t.columnIndex(generated);
        int c = t.columnIndex(column);
        if (g >= 0 && t.isGenerated(g) && c >= 0) {
            return t.generated()[g].reads()[c];
        }
        return Identifiers.mentions(text, column);
    }

    /** The table's live stored generated columns as the catalog has them now: name to generation text, in attnum order. */
    private java.util.Map<String, String> generatedColumns(TableDescriptor t) {
        Snapshot snapshot = st.freshSnapshot();
        java.util.Map<Integer, String> texts = new java.util.HashMap<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, t.oid(),
            snapshot)) {
            texts.put((int) ((IntegerValue) e.row()[CatalogTables.ATTRDEF_NUM]).value(),
                ((TextValue) e.row()[CatalogTables.ATTRDEF_BIN]).value());
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (CatalogStore.Entry a : store.attributes(t.oid(), snapshot)) {
            Value[] r = a.row();
            if (!((BoolValue) r[CatalogTables.ATT_DROPPED]).value() && CatalogTables.generated(r)) {
                out.put(((TextValue) r[CatalogTables.ATT_NAME]).value(),
                    texts.getOrDefault((int) ((IntegerValue) r[CatalogTables.ATT_NUM]).value(), ""));
            }
        }
        return out;
    }

    /**
     * ADD GENERATED ... AS IDENTITY (PostgreSQL's ATExecAddIdentity): on a NOT NULL integer column
     * without a default, a new sequence (SEQUENCE NAME or table_column_seq) that the column owns
     * by an internal dependency (deptype i), and attidentity a or d.
     */
    private void addIdentity(TableDescriptor t, Statement.AddIdentity ai) {
        int i = index(t, ai.column(), false);
        int attnum = attnums.get(i);
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        Value[] row = a.row().clone();
        String where = "column \"" + ai.column() + "\" of relation \"" + name + "\"";
        PgType type = columns.get(i).type();
        if (type != PgType.INT2 && type != PgType.INT4 && type != PgType.INT8) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "identity column type must be smallint, integer, or bigint");
        }
        if (!((BoolValue) row[CatalogTables.ATT_NOTNULL]).value()) {
            throw DatabaseException.error("55000", where + " must be declared NOT NULL before identity can be added");
        }
        Value identity = row[CatalogTables.ATT_IDENTITY];
        if (identity != null && !((TextValue) identity).value().isEmpty()) {
            throw DatabaseException.error("55000", where + " is already an identity column");
        }
        if (((BoolValue) row[CatalogTables.ATT_HASDEF]).value()) {
            throw DatabaseException.error("55000", where + " already has a default value");
        }
        Statement.RangeVar seq = ai.options().sequenceName();
        long namespace = seq != null && seq.schema() != null ? ddl.creationNamespace(st, seq, false, ps)
            : t.namespaceOid();
        String seqName = seq != null ? seq.name() : ddl.chooseRelationName(st, namespace, name, ai.column(), "seq");
        ddl.sequences().createSequence(st, namespace, seqName, false, type, ai.options(), t.oid(), attnum, "i", ps);
        row[CatalogTables.ATT_IDENTITY] = TextValue.text(ai.identity());
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
    }

    private void setNotNull(TableDescriptor t, Statement.ColumnNotNull nn) {
        int i = index(t, nn.column(), false);
        int attnum = attnums.get(i);
        if (!nn.notNull()) {
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
                st.freshSnapshot())) {
                if (((TextValue) e.row()[CatalogTables.CON_TYPE]).value().equals("p")
                    && keyContains(((TextValue) e.row()[CatalogTables.CON_KEY]).value(), attnum)) {
                    throw DatabaseException.error("42P16", "column \"" + nn.column() + "\" is in a primary key");
                }
            }
        }
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_NOTNULL] = BoolValue.of(nn.notNull());
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        validate |= nn.notNull();
    }

    private void alterType(TableDescriptor t, Statement.ColumnType ct) {
        int i = index(t, ct.column(), false);
        int attnum = attnums.get(i);
        TriggerCommands.checkAlterType(st, store, t, ct.column(), attnum);
        for (var g : generatedColumns(t).entrySet()) {
            if (!g.getKey().equals(ct.column()) && reads(t, g.getKey(), g.getValue(), ct.column())) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot alter type of a column used by a generated column").withDetail("Column \"" + ct.column()
                    + "\" is used by generated column \"" + g.getKey() + "\".");
            }
        }
        Relation.Column target = StoredExpressions.resolveType(ct.type(), ct.column(), ps);
        Expression old = mapping.get(i);
        if (old == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER COLUMN TYPE of a column added in the same statement is not supported yet");
        }
        Expression source = ct.using() == null ? old
            : StoredExpressions.overColumns(ct.using(), t, new ParseState(ps.sql(), ps.functions(),
                session.typeLookup(), org.tuskdb.sql.internal.analyze.ParamTypes.none()));
        Expression converted = StoredExpressions.alterType(source, target, ct.column(), ct.using() != null,
            ct.using() == null ? -1 : ct.using().location(), ps);
        // the default must still be assignable to the new type
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, t.oid(),
            st.freshSnapshot())) {
            if (((IntegerValue) e.row()[CatalogTables.ATTRDEF_NUM]).value() == attnum
                && !generatedColumns(t).containsKey(ct.column())) {
                String text = ((TextValue) e.row()[CatalogTables.ATTRDEF_BIN]).value();
                try {
                    Analyzer.analyzeDefault(text, target.type(), target.typmod(), ps.functions());
                } catch (DatabaseException x) {
                    throw DatabaseException.error("42804", "default for column \"" + ct.column()
                        + "\" cannot be cast automatically to type " + target.type().displayName());
                }
            }
        }
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_TYPID] = OidValue.oid(target.type().oid());
        row[CatalogTables.ATT_TYPMOD] = IntegerValue.int4(target.typmod());
        row[3] = IntegerValue.of(org.tuskdb.sql.internal.value.PgType.INT2, target.type().length());
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        columns.set(i, target);
        mapping.set(i, converted);
        rewrite = true;
    }

    // ---- constraints -------------------------------------------------------------------------

    private void addConstraint(TableDescriptor t, Statement.AddConstraint ac) {
        Statement.ConstraintDef c = ac.constraint();
        List<String> before = ddl.constraintNames(st, t.oid());
        ddl.addConstraint(st, store, t.oid(), t.namespaceOid(), constraintRelation(t, c), c,
            new java.util.ArrayList<>(before), ps, false, List.copyOf(attnums));
        if (ac.notValid()) {
            // NOT VALID: existing rows are not checked; the new pg_constraint row says convalidated false
            st.transaction().commandCounterIncrement();
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
                st.freshSnapshot())) {
                Value[] row = e.row();
                if (!before.contains(((TextValue) row[CatalogTables.CON_NAME]).value() + "\u0000"
                    + ((TextValue) row[CatalogTables.CON_TYPE]).value())) {
                    row = row.clone();
                    row[CON_VALIDATED] = BoolValue.FALSE;
                    store.update(CatalogTables.PG_CONSTRAINT, e.tid(), row);
                }
            }
            return;
        }
        switch (c.kind()) {
            // the rows are checked only for what the index build does not check: a primary
            // key's columns that were not NOT NULL yet (PostgreSQL skips the scan too)
            case PRIMARY_KEY -> {
                for (String col : c.columns()) {
                    validate |= !markNotNull(t, attnums.get(index(t, col, false)));
                }
            }
            case UNIQUE -> { }
            case CHECK, FOREIGN_KEY -> validate = true;
        }
        if (t.partitioned() && (c.kind() == Statement.ConstraintKind.PRIMARY_KEY
            || c.kind() == Statement.ConstraintKind.UNIQUE)) {
            PartitionAttachCommands.addKeyToPartitions(session, ddl, st, ctx, ps, t, c);
        }
    }

    /** Makes the column NOT NULL; true when it was already (its rows need no check). */
    private boolean markNotNull(TableDescriptor t, int attnum) {
        CatalogStore.Entry a = attribute(t.oid(), attnum);
        if (a.row()[CatalogTables.ATT_NOTNULL] instanceof BoolValue b && b.value()) {
            return true;
        }
        Value[] row = a.row().clone();
        row[CatalogTables.ATT_NOTNULL] = BoolValue.TRUE;
        store.update(CatalogTables.PG_ATTRIBUTE, a.tid(), row);
        return false;
    }

    /** ADD ... USING INDEX: a primary key's columns become NOT NULL, checked against the rows (23502). */
    private void addUsingIndex(TableDescriptor t, Statement.AddConstraintUsingIndex u) {
        List<Integer> keys = new IndexConstraintCommands(session).addUsingIndex(st, store, t, name, u, ctx);
        if (u.primary()) {
            for (int attnum : keys) {
                validate |= !markNotNull(t, attnum);
            }
        }
    }

    /** pg_constraint.convalidated (written true by CatalogTables.constraintRow). */
    private static final int CON_VALIDATED = 6;

    /** Constraints VALIDATE CONSTRAINT marked valid in this statement: their rows are checked (CHECK and FOREIGN KEY). */
    private final java.util.Set<String> validating = new java.util.HashSet<>();

    /**
     * VALIDATE CONSTRAINT (ATExecValidateConstraint): a CHECK or FOREIGN KEY marked NOT VALID is
     * checked against every row and marked valid; a valid one is left alone; 42704 when the table
     * has no such constraint, 42809 for another kind.
     */
    private void validateConstraint(TableDescriptor t, Statement.ValidateConstraint vc) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            st.freshSnapshot())) {
            Value[] row = e.row();
            if (!((TextValue) row[CatalogTables.CON_NAME]).value().equals(vc.name())) {
                continue;
            }
            String type = ((TextValue) row[CatalogTables.CON_TYPE]).value();
            if (!type.equals("c") && !type.equals("f")) {
                throw DatabaseException.error("42809", "constraint \"" + vc.name() + "\" of relation \"" + name
                    + "\" is not a foreign key or check constraint");
            }
            if (row[CON_VALIDATED] instanceof BoolValue b && !b.value()) {
                row = row.clone();
                row[CON_VALIDATED] = BoolValue.TRUE;
                store.update(CatalogTables.PG_CONSTRAINT, e.tid(), row);
                validating.add(vc.name());
                validate = true;
            }
            return;
        }
        throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + vc.name() + "\" of relation \""
            + name + "\" does not exist");
    }

    /** The names of the table's constraints still marked NOT VALID (their rows are not checked). */
    private java.util.Set<String> notValidated(long relOid) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, relOid,
            st.freshSnapshot())) {
            if (e.row()[CON_VALIDATED] instanceof BoolValue b && !b.value()) {
                out.add(((TextValue) e.row()[CatalogTables.CON_NAME]).value());
            }
        }
        return out;
    }

    private void dropConstraint(TableDescriptor t, Statement.DropConstraint dc) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.CON_NAME]).value().equals(dc.name())) {
                String type = ((TextValue) e.row()[CatalogTables.CON_TYPE]).value();
                if (type.equals("p") || type.equals("u")) {
                    dropReferencingKeys(t, e, dc);
                }
                CommentCommands.deleteFor(store, CommentCommands.rowOid(e), CatalogTables.PG_CONSTRAINT_OID, st);
                store.delete(CatalogTables.PG_CONSTRAINT, e.tid());
                if ((type.equals("p") || type.equals("u")) && e.row()[9] instanceof OidValue ix && ix.value() != 0) {
                    IndexCommands.dropIndex(st, store, ix.value()); // the constraint's unique index goes with it
                }
                return;
            }
        }
        if (dc.ifExists()) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "constraint \"" + dc.name() + "\" of relation \"" + name + "\" does not exist, skipping", null, null,
                0, null));
            return;
        }
        throw DatabaseException.error("42704", "constraint \"" + dc.name() + "\" of relation \"" + name
            + "\" does not exist");
    }

    /**
     * The foreign keys whose referenced columns are exactly a dropped PRIMARY KEY / UNIQUE
     * constraint's (they depend on its index, unless another unique constraint has the same
     * columns): 2BP01, or with CASCADE dropped too (with PostgreSQL's notice).
     */
    private void dropReferencingKeys(TableDescriptor t, CatalogStore.Entry dropped, Statement.DropConstraint dc) {
        String key = ((TextValue) dropped.row()[CatalogTables.CON_KEY]).value();
        java.util.Set<String> cols = new java.util.HashSet<>(List.of(key.substring(1, key.length() - 1).split(",")));
        int sameKeys = 0;
        List<CatalogStore.Entry> dependents = new java.util.ArrayList<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            st.freshSnapshot())) {
            String type = ((TextValue) e.row()[CatalogTables.CON_TYPE]).value();
            if ((type.equals("p") || type.equals("u")) && sameSet(e.row()[CatalogTables.CON_KEY], cols)) {
                sameKeys++;
            }
        }
        if (sameKeys > 1) {
            return; // another unique constraint serves the referencing keys
        }
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_FRELID, t.oid(),
            st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.CON_TYPE]).value().equals("f") && sameSet(e.row()[15], cols)) {
                dependents.add(e);
            }
        }
        if (dependents.isEmpty()) {
            return;
        }
        StringBuilder detail = new StringBuilder();
        List<String> lines = new java.util.ArrayList<>();
        for (CatalogStore.Entry d : dependents) {
            CatalogStore.Entry table = store.findClassByOid(((OidValue) d.row()[CatalogTables.CON_RELID]).value(),
                st.freshSnapshot());
            lines.add("constraint " + ((TextValue) d.row()[CatalogTables.CON_NAME]).value() + " on table "
                + ((TextValue) table.row()[CatalogTables.CLASS_RELNAME]).value());
        }
        if (!dc.cascade()) {
            for (String line : lines) {
                detail.append(detail.isEmpty() ? "" : "\n").append(line).append(" depends on index ").append(dc.name());
            }
            throw DatabaseException.error("2BP01", "cannot drop constraint " + dc.name() + " on table " + name
                + " because other objects depend on it").withDetail(detail.toString())
                .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        String message = lines.size() == 1 ? "drop cascades to " + lines.get(0)
            : "drop cascades to " + lines.size() + " other objects";
        String cascadeDetail = null;
        if (lines.size() > 1) {
            StringBuilder b = new StringBuilder();
            for (String line : lines) {
                b.append(b.isEmpty() ? "" : "\n").append("drop cascades to ").append(line);
            }
            cascadeDetail = b.toString();
        }
        ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message,
            cascadeDetail, null, 0, null));
        for (CatalogStore.Entry d : dependents) {
            CommentCommands.deleteFor(store, CommentCommands.rowOid(d), CatalogTables.PG_CONSTRAINT_OID, st);
            store.delete(CatalogTables.PG_CONSTRAINT, d.tid());
        }
    }

    private static boolean sameSet(Value array, java.util.Set<String> cols) {
        if (array == null) {
            return false;
        }
        String a = ((TextValue) array).value();
        java.util.Set<String> s = new java.util.HashSet<>(List.of(a.substring(1, a.length() - 1).split(",")));
        return s.equals(cols);
    }

    // ---- the data ------------------------------------------------------------------------------

    /**
     * Rewrites every row into a new file with the new layout (values computed by {@link #mapping}
     * from the old row; added columns from their default), or only checks them, against the new
     * NOT NULL and CHECK definitions (PostgreSQL's ATRewriteTable messages).
     */
    private void rewriteOrCheck(TableDescriptor old, TableDescriptor now) {
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        Expression[] map = new Expression[now.columns().size()];
        for (int i = 0; i < map.length; i++) {
            Expression m = i < mapping.size() ? mapping.get(i) : null;
            if (m == null) {
                Expression d = now.defaults()[i];
                m = d != null ? d : new Const(null, now.columns().get(i).type(), now.columns().get(i).typmod());
            }
            map[i] = m;
        }
        RelFileLocator target = null;
        if (rewrite) {
            long node = services.transactions().newOid();
            target = new RelFileLocator(CatalogTables.DB_OID, node);
            DdlExecutor.createFile(services, tx, target);
            RelFileLocator oldFile = old.locator();
            tx.onEnd(committed -> {
                if (committed) {
                    DdlExecutor.removeFiles(services, oldFile);
                }
            });
            CatalogStore.Entry cls = store.findClassByOid(old.oid(), st.freshSnapshot());
            Value[] row = cls.row().clone();
            row[CatalogTables.CLASS_RELFILENODE] = OidValue.oid(node);
            store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        }
        // FOREIGN KEYs added by this statement: every existing row must reference a row (RI_Initial_Check)
        List<org.tuskdb.sql.internal.analyze.ForeignKeyGraph.Bound> newKeys = new java.util.ArrayList<>();
        skipped = notValidated(now.oid());
        for (org.tuskdb.sql.internal.catalog.ForeignKey fk : now.foreignKeys()) {
            if (skipped.contains(fk.name())) {
                continue;
            }
            if (validating.contains(fk.name()) || old.foreignKeys().stream().noneMatch(k -> k.oid() == fk.oid())) {
                TableDescriptor parent = fk.parentOid() == now.oid() ? now : (TableDescriptor) session.relcache()
                    .lookup(fk.parentSchema(), fk.parentName(), LockMode.SHARE_ROW_EXCLUSIVE, 0, false, st);
                newKeys.add(org.tuskdb.sql.internal.analyze.ForeignKeyBinder.bindOne(fk, now, parent));
            }
        }
        org.tuskdb.sql.internal.plan.ForeignKeyChecks keyChecks = newKeys.isEmpty() ? null
            : new org.tuskdb.sql.internal.plan.ForeignKeyChecks(org.tuskdb.sql.internal.analyze.ForeignKeyGraph.NONE,
                ctx, ctx.storage());
        try (HeapScan scan = services.heap().scan(old.locator(), st.freshSnapshot(), tx)) {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                Value[] row;
                if (rewrite) {
                    Value[] oldRow = old.codec().decode(tuple.data());
                    row = new Value[map.length];
                    for (int i = 0; i < map.length; i++) {
                        row[i] = map[i].eval(oldRow, ctx);
                    }
                    row = org.tuskdb.sql.internal.plan.ModifyTablePlan.computeGenerated(now, row, ctx);
                } else {
                    row = now.codec().decode(tuple.data());
                }
                check(now, row);
                for (org.tuskdb.sql.internal.analyze.ForeignKeyGraph.Bound b : newKeys) {
                    keyChecks.validate(b, row);
                }
                if (target != null) {
                    services.heap().insert(target, now.codec().encode(row), tx);
                }
                ctx.checkForInterrupts();
            }
        }
        st.transaction().commandCounterIncrement();
        if (target != null) {
            // the rows have new tids (and maybe new types): the indexes are built again over them
            new IndexCommands(session).rebuildIndexes(st, now, target, ctx);
        }
    }

    /** Constraints marked NOT VALID, which {@link #rewriteOrCheck} does not check the rows against. */
    private java.util.Set<String> skipped = java.util.Set.of();

    private void check(TableDescriptor t, Value[] row) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && t.notNull()[i]) {
                throw DatabaseException.error("23502", "column \"" + t.columns().get(i).name() + "\" of relation \""
                    + t.name() + "\" contains null values").withColumn(t.schema(), t.name(), t.columns().get(i).name());
            }
        }
        for (CheckConstraint c : t.checks()) {
            if (skipped.contains(c.name())) {
                continue;
            }
            if (c.expr().eval(row, ctx) instanceof BoolValue b && !b.value()) {
                throw DatabaseException.error("23514", "check constraint \"" + c.name() + "\" of relation \""
                    + t.name() + "\" is violated by some row").withConstraint(t.schema(), t.name(), c.name());
            }
        }
    }
}
