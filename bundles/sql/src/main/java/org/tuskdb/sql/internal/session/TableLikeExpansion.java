package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.TableLike;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.CheckConstraint;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * {@code CREATE TABLE t (LIKE s [INCLUDING ...], ...)} (PostgreSQL's transformTableLikeClause):
 * the LIKE elements become plain column definitions before the table is created — names, types,
 * NOT NULL always; DEFAULTs, identity (with the source sequence's options), CHECK constraints
 * (keeping their names) when included — and what needs the new table to exist (its indexes and
 * PRIMARY KEY / UNIQUE constraints under names chosen for it, column comments) is kept for
 * {@link #finish} after it. FOREIGN KEYs are never copied, as in PostgreSQL.
 */
final class TableLikeExpansion {
    private final Session session;
    private final StorageTransaction st;
    private final List<Statement.ColumnDef> columns = new ArrayList<>();
    private final List<Statement.ConstraintDef> constraints = new ArrayList<>();
    private final List<Statement.ConstraintDef> keyConstraints = new ArrayList<>();
    private final List<Statement.CreateIndex> indexes = new ArrayList<>();
    private final Map<String, String> comments = new HashMap<>();

    private TableLikeExpansion(Session session, StorageTransaction st) {
        this.session = session;
        this.st = st;
    }

    /** The statement with its LIKE elements expanded into columns and constraints, and what {@link #finish} adds. */
    record Expanded(Statement.CreateTable statement, TableLikeExpansion rest) {}

    static Expanded expand(Session session, StorageTransaction st, Statement.CreateTable s, ParseState ps) {
        TableLikeExpansion x = new TableLikeExpansion(session, st);
        List<Statement.ColumnDef> defs = new ArrayList<>();
        int next = 0;
        for (TableLike like : s.likes()) {
            while (next < like.position()) {
                defs.add(s.columns().get(next++));
            }
            x.columns.clear();
            x.add(like, ps);
            defs.addAll(x.columns);
        }
        while (next < s.columns().size()) {
            defs.add(s.columns().get(next++));
        }
        List<Statement.ConstraintDef> cons = new ArrayList<>(s.constraints());
        cons.addAll(x.constraints);
        cons.addAll(x.keyConstraints);
        return new Expanded(s.withDefinitions(defs, cons, List.of()), x);
    }

    private void add(TableLike like, ParseState ps) {
        Statement.RangeVar rv = like.source();
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_SHARE,
            ps.position(like.location()), false, st);
        if (r instanceof SequenceDescriptor || r instanceof IndexCommands.IndexName) {
            throw DatabaseException.atPosition("42809", "relation \"" + r.name() + "\" is invalid in LIKE clause",
                ps.position(like.location()))
                .withDetail("This operation is not supported for " + (r instanceof SequenceDescriptor ? "sequences."
                    : "indexes."));
        }
        if (!(r instanceof TableDescriptor t)) {
            for (Relation.Column c : r.columns()) {
                columns.add(column(c, false, null, like.location()));
            }
            return;
        }
        int options = like.options();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        Snapshot snapshot = st.freshSnapshot();
        Map<Integer, String> attnames = new HashMap<>();
        for (CatalogStore.Entry a : store.attributes(t.oid(), snapshot)) {
            Value[] row = a.row();
            attnames.put((int) ((IntegerValue) row[CatalogTables.ATT_NUM]).value(),
                ((TextValue) row[CatalogTables.ATT_NAME]).value());
        }
        for (int i = 0; i < t.columns().size(); i++) {
            Relation.Column c = t.columns().get(i);
            String identity = t.identity()[i];
            boolean isIdentity = !identity.isEmpty() && (options & TableLike.LIKE_IDENTITY) != 0;
            boolean generated = t.isGenerated(i);
            String def = generated ? null
                : (options & TableLike.LIKE_DEFAULTS) != 0 && identity.isEmpty() ? t.defaultTexts()[i] : null;
            Statement.ColumnDef d = column(c, t.notNull()[i] || !identity.isEmpty(), def, like.location());
            if (generated && (options & TableLike.LIKE_GENERATED) != 0) {
                // the generation expression is checked again over the new table's columns
                d = new Statement.ColumnDef(d.name(), d.type(), d.notNull(), Parser.parseExpression(t.defaultTexts()[i]),
                    t.defaultTexts()[i], d.location(), List.of(), null, false, null, true);
            }
            if (isIdentity) {
                d = new Statement.ColumnDef(d.name(), d.type(), true, null, null, d.location(), List.of(), identity,
                    false, identityOptions(store, snapshot, t, c.name(), attnames));
            }
            columns.add(d);
        }
        if ((options & TableLike.LIKE_CONSTRAINTS) != 0) {
            for (CheckConstraint c : t.checks()) {
                Expr e = Parser.parseExpression(c.text());
                constraints.add(new Statement.ConstraintDef(c.name(), Statement.ConstraintKind.CHECK, e, c.text(),
                    List.of(), null, List.of(), null, null, like.location()));
            }
        }
        if ((options & TableLike.LIKE_INDEXES) != 0) {
            Set<String> constraintIndexes = keyConstraintNames(store, snapshot, t.oid());
            for (IndexDescriptor ix : t.indexes()) {
                addIndex(t, ix, constraintIndexes.contains(ix.name()) || ix.primary(), like.location());
            }
        }
        if ((options & TableLike.LIKE_COMMENTS) != 0) {
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_DESCRIPTION, CatalogTables.DESC_OBJOID,
                t.oid(), snapshot)) {
                Value[] row = e.row();
                int sub = (int) ((IntegerValue) row[2]).value();
                if (((OidValue) row[1]).value() == CatalogTables.PG_CLASS_OID && sub > 0 && attnames.containsKey(sub)) {
                    comments.put(attnames.get(sub), ((TextValue) row[3]).value());
                }
            }
        }
    }

    private static Statement.ColumnDef column(Relation.Column c, boolean notNull, String defaultText, int location) {
        Expr def = defaultText == null ? null : Parser.parseExpression(defaultText);
        return new Statement.ColumnDef(c.name(), UtilityExecutor.typeName(c.type(), c.typmod(), location), notNull, def,
            defaultText, location);
    }

    /** The options of the identity sequence the source column owns (its pg_depend row of type i). */
    private Statement.SequenceOptions identityOptions(CatalogStore store, Snapshot snapshot, TableDescriptor t,
                                                      String column, Map<Integer, String> attnames) {
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, t.oid(),
            snapshot)) {
            Value[] row = d.row();
            int sub = (int) ((IntegerValue) row[CatalogTables.DEP_REFOBJSUBID]).value();
            if (!((TextValue) row[CatalogTables.DEP_TYPE]).value().equals("i") || !column.equals(attnames.get(sub))) {
                continue;
            }
            CatalogStore.Entry cls = store.findClassByOid(((OidValue) row[CatalogTables.DEP_OBJID]).value(), snapshot);
            if (cls == null) {
                continue;
            }
            String nsp = session.relcache().namespaceName(((OidValue) cls.row()[2]).value(), st);
            if (session.relcache().lookup(nsp, ((TextValue) cls.row()[1]).value(), null, 0, true, st)
                instanceof SequenceDescriptor q) {
                return new Statement.SequenceOptions(null, q.increment(), q.min(), false, q.max(), false, q.start(),
                    q.cache(), q.cycle(), null, false, null, null);
            }
        }
        return Statement.SequenceOptions.NONE;
    }

    private void addIndex(TableDescriptor t, IndexDescriptor ix, boolean constraint, int location) {
        if (constraint) {
            keyConstraints.add(cloneKey(t, ix, location));
        } else {
            indexes.add(cloneIndex(t, ix, location));
        }
    }

    /**
     * The PRIMARY KEY / UNIQUE constraint (unnamed) whose index is {@code ix} of {@code t}, over
     * the same-named columns of another table (LIKE's copy, ATTACH PARTITION's missing index).
     */
    static Statement.ConstraintDef cloneKey(TableDescriptor t, IndexDescriptor ix, int location) {
        List<String> keyColumns = new ArrayList<>();
        for (int k = 0; k < ix.columns().length; k++) {
            keyColumns.add(ix.columns()[k] >= 0 ? t.columns().get(ix.columns()[k]).name() : null);
        }
        return new Statement.ConstraintDef(null, ix.primary() ? Statement.ConstraintKind.PRIMARY_KEY
            : Statement.ConstraintKind.UNIQUE, null, null, keyColumns, null, List.of(), null, null, location);
    }

    /** The CREATE INDEX (unnamed, no table yet) that makes {@code ix} of {@code t} over another table's same-named columns. */
    static Statement.CreateIndex cloneIndex(TableDescriptor t, IndexDescriptor ix, int location) {
        List<Expr> exprs = ix.expressionText() == null ? List.of() : Parser.parseExpressionList(ix.expressionText());
        List<Statement.IndexElem> elems = new ArrayList<>();
        int e = 0;
        for (int k = 0; k < ix.columns().length; k++) {
            String col = ix.columns()[k] >= 0 ? t.columns().get(ix.columns()[k]).name() : null;
            boolean desc = ix.descending(k);
            Boolean nullsFirst = ix.nullsFirst(k) == desc ? null : ix.nullsFirst(k);
            elems.add(col != null ? new Statement.IndexElem(col, desc, nullsFirst, location)
                : new Statement.IndexElem(null, exprs.get(e++), desc, nullsFirst, location));
        }
        Expr predicate = ix.predicateText() == null ? null : Parser.parseExpression(ix.predicateText());
        return new Statement.CreateIndex(null, null, ix.unique(), false, elems, predicate, location);
    }

    /** The names of {@code table}'s PRIMARY KEY and UNIQUE constraints (each named as its index). */
    static Set<String> keyConstraintNames(CatalogStore store, Snapshot snapshot, long table) {
        Set<String> names = new HashSet<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, table,
            snapshot)) {
            String type = ((TextValue) e.row()[CatalogTables.CON_TYPE]).value();
            if (type.equals("p") || type.equals("u")) {
                names.add(((TextValue) e.row()[CatalogTables.CON_NAME]).value());
            }
        }
        return names;
    }

    /** After the table is created: its copied indexes and column comments. */
    void finish(Statement.RangeVar table, StatementContext ctx, DdlExecutor ddl) {
        if (indexes.isEmpty() && comments.isEmpty()) {
            return;
        }
        session.relcache().invalidateLocal();
        Statement.RangeVar target = new Statement.RangeVar(table.schema(), table.name(), null, table.location());
        for (Statement.CreateIndex c : indexes) {
            new IndexCommands(session).createIndex(new Statement.CreateIndex(null, target, c.unique(), false,
                c.columns(), c.predicate(), c.location()), ctx);
            st.transaction().commandCounterIncrement();
        }
        for (Map.Entry<String, String> c : comments.entrySet()) {
            ddl.comment(new Statement.CommentOn("COLUMN", table.schema() == null
                ? List.of(table.name(), c.getKey()) : List.of(table.schema(), table.name(), c.getKey()), c.getValue(),
                table.location()), ctx);
        }
    }
}
