package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.IndexCatalog;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * ALTER INDEX ... RENAME TO / SET (...) / RESET (...), ALTER TABLE ... RENAME CONSTRAINT and ADD
 * CONSTRAINT ... USING INDEX (PostgreSQL's RenameRelationInternal, rename_constraint_internal,
 * transformIndexConstraint + ATExecAddIndexConstraint). An index and the PRIMARY KEY / UNIQUE
 * constraint it backs (pg_constraint.conindid) always carry the same name: renaming either
 * renames the other, and an index taken over by USING INDEX is renamed to the constraint's name
 * (with PostgreSQL's NOTICE). Catalog rows change in the session's transaction; the index's table
 * is locked AccessExclusiveLock first.
 */
final class IndexConstraintCommands {
    private static final String USING_INDEX_DETAIL = "Cannot create a primary key or unique constraint using such an index.";

    private final Session session;

    IndexConstraintCommands(Session session) {
        this.session = session;
    }

    /** ALTER INDEX: on a relation that is not an index, RENAME renames it as ALTER TABLE would (as PostgreSQL). */
    String alterIndex(Statement.AlterIndex s, StatementContext ctx, DdlExecutor ddl) {
        StorageTransaction st = session.storage();
        st.requireTables();
        if (st.transaction().readOnly()) {
            throw DatabaseException.error("25006", "cannot execute ALTER INDEX in a read-only transaction");
        }
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        Statement.RangeVar rv = s.index();
        CatalogStore.Entry cls = new IndexCommands(session).findRelation(st, store, rv);
        if (cls == null) {
            if (!s.ifExists()) {
                throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + rv.name() + "\" does not exist");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "relation \"" + rv.name() + "\" does not exist, skipping", null, null, 0, null));
            return "ALTER INDEX";
        }
        boolean index = ((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value().equals("i");
        if (s.newName() != null) {
            if (!index) {
                ddl.alterTable(new Statement.AlterTable(rv, false, List.of(new Statement.RenameTable(s.newName(),
                    s.location())), s.location()), ctx);
                return "ALTER INDEX";
            }
            renameIndex(st, store, cls, s.newName());
        } else {
            if (!index) {
                throw DatabaseException.error("42809", "\"" + rv.name() + "\" is not an index");
            }
            lockTableOf(st, store, ((OidValue) cls.row()[CatalogTables.CLASS_OID]).value());
            setOptions(st, store, cls, s.set(), s.reset());
        }
        session.relcache().invalidateLocal();
        return "ALTER INDEX";
    }

    /** ALTER TABLE name RENAME TO new where name is an index: renamed as ALTER INDEX does; false when it is none. */
    boolean renameIfIndex(Statement.AlterTable s, Statement.RenameTable rt) {
        StorageTransaction st = session.storage();
        st.requireTables();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry cls = new IndexCommands(session).findRelation(st, store, s.table());
        if (cls == null || !((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) {
            return false;
        }
        renameIndex(st, store, cls, rt.newName());
        session.relcache().invalidateLocal();
        return true;
    }

    /** The table of index {@code indexOid}, locked AccessExclusiveLock; 0 when the index has no pg_index row. */
    private static long lockTableOf(StorageTransaction st, CatalogStore store, long indexOid) {
        List<CatalogStore.Entry> ind = store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_RELID, indexOid,
            st.freshSnapshot());
        if (ind.isEmpty()) {
            return 0;
        }
        long table = ((OidValue) ind.get(0).row()[IndexCatalog.IND_TABLE]).value();
        st.lockRelation(table, LockMode.ACCESS_EXCLUSIVE);
        return table;
    }

    /**
     * Renames the index of pg_class row {@code cls} (42P07 when its namespace has a relation of
     * that name) and the constraint it backs, if any (RenameRelationInternal).
     */
    private static void renameIndex(StorageTransaction st, CatalogStore store, CatalogStore.Entry cls, String newName) {
        long oid = ((OidValue) cls.row()[CatalogTables.CLASS_OID]).value();
        long table = lockTableOf(st, store, oid);
        renameClass(st, store, cls, newName);
        for (CatalogStore.Entry con : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, table,
            st.freshSnapshot())) {
            if (con.row()[CON_INDID] instanceof OidValue o && o.value() == oid) {
                Value[] row = con.row().clone();
                row[CatalogTables.CON_NAME] = new TextValue(PgType.NAME, newName);
                store.update(CatalogTables.PG_CONSTRAINT, con.tid(), row);
            }
        }
        st.transaction().commandCounterIncrement();
    }

    /** pg_class.relname of {@code cls} becomes {@code newName}: 42P07 when taken in its namespace. */
    private static void renameClass(StorageTransaction st, CatalogStore store, CatalogStore.Entry cls, String newName) {
        long namespace = ((OidValue) cls.row()[CatalogTables.CLASS_RELNAMESPACE]).value();
        st.lock(new org.tuskdb.api.xact.LockTag(org.tuskdb.api.xact.LockTag.Kind.OBJECT, CatalogTables.DB_OID,
            CatalogTables.PG_CLASS_OID, (newName.hashCode() * 31L + namespace) & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
        if (store.findClass(namespace, newName, st.freshSnapshot()) != null) {
            throw DatabaseException.error("42P07", "relation \"" + newName + "\" already exists");
        }
        st.catalogChanged();
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELNAME] = new TextValue(PgType.NAME, newName);
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }

    /** pg_constraint.conindid. */
    private static final int CON_INDID = 9;

    /**
     * RENAME CONSTRAINT on table {@code t} (called {@code tableName} now): 42704 when it has no such
     * constraint, 42710 when the new name is another of its constraints'; the index of a PRIMARY
     * KEY / UNIQUE constraint is renamed too (42P07 when a relation has that name).
     */
    static void renameConstraint(StorageTransaction st, CatalogStore store, TableDescriptor t, String tableName,
                                 Statement.RenameConstraint rc) {
        CatalogStore.Entry found = constraintNamed(st, store, t.oid(), rc.name());
        if (found == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + rc.name() + "\" for table \""
                + tableName + "\" does not exist");
        }
        Value[] row = found.row().clone();
        String type = ((TextValue) row[CatalogTables.CON_TYPE]).value();
        if ((type.equals("p") || type.equals("u")) && row[CON_INDID] instanceof OidValue ix && ix.value() != 0) {
            // the index first (42P07 before 42710), as PostgreSQL renames the constraint through its index
            CatalogStore.Entry cls = store.findClassByOid(ix.value(), st.freshSnapshot());
            if (cls != null) {
                renameClass(st, store, cls, rc.newName());
            }
        }
        if (constraintNamed(st, store, t.oid(), rc.newName()) != null) {
            throw DatabaseException.error("42710", "constraint \"" + rc.newName() + "\" for relation \""
                + tableName + "\" already exists");
        }
        st.catalogChanged();
        row[CatalogTables.CON_NAME] = new TextValue(PgType.NAME, rc.newName());
        store.update(CatalogTables.PG_CONSTRAINT, found.tid(), row);
    }

    private static CatalogStore.Entry constraintNamed(StorageTransaction st, CatalogStore store, long table,
                                                      String name) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, table,
            st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.CON_NAME]).value().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE} USING INDEX on table {@code t}, with PostgreSQL's
     * checks and messages in its order (the errors of the index itself point at the constraint).
     * Returns the attnums of the key columns, the index's indkey and the constraint's conkey (a
     * primary key's must become NOT NULL: the caller marks and checks them).
     */
    List<Integer> addUsingIndex(StorageTransaction st, CatalogStore store, TableDescriptor t, String tableName,
                                Statement.AddConstraintUsingIndex u, StatementContext ctx) {
        int position = new ParseState(session.currentQuery(), session.services().functions(),
            ParseState.RelationLookup.NONE, ParamTypes.none()).position(u.location());
        CatalogStore.Entry cls = store.findClass(t.namespaceOid(), u.index(), st.freshSnapshot());
        if (cls == null) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT, "index \"" + u.index() + "\" does not exist",
                position);
        }
        long oid = ((OidValue) cls.row()[CatalogTables.CLASS_OID]).value();
        List<CatalogStore.Entry> ind = store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_RELID, oid,
            st.freshSnapshot());
        if (!((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value().equals("i") || ind.isEmpty()) {
            throw DatabaseException.error("42809", "\"" + u.index() + "\" is not an index");
        }
        Value[] index = ind.get(0).row();
        long indexTable = ((OidValue) index[IndexCatalog.IND_TABLE]).value();
        for (CatalogStore.Entry con : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, indexTable,
            st.freshSnapshot())) {
            if (con.row()[CON_INDID] instanceof OidValue o && o.value() == oid) {
                throw DatabaseException.atPosition("55000", "index \"" + u.index()
                    + "\" is already associated with a constraint", position);
            }
        }
        if (indexTable != t.oid()) {
            throw DatabaseException.atPosition("55000", "index \"" + u.index() + "\" does not belong to table \""
                + tableName + "\"", position);
        }
        if (!((BoolValue) index[IndexCatalog.IND_UNIQUE]).value()) {
            throw unusable("\"" + u.index() + "\" is not a unique index", position);
        }
        if (IndexCatalog.text(index, IndexCatalog.IND_EXPRS) != null) {
            throw unusable("index \"" + u.index() + "\" contains expressions", position);
        }
        if (IndexCatalog.text(index, IndexCatalog.IND_PRED) != null) {
            throw unusable("\"" + u.index() + "\" is a partial index", position);
        }
        String[] options = ((TextValue) index[IndexCatalog.IND_OPTION]).value().split(" ");
        for (int i = 0; i < options.length; i++) {
            if (!options[i].isEmpty() && Integer.parseInt(options[i]) != 0) {
                throw unusable("index \"" + u.index() + "\" column number " + (i + 1)
                    + " does not have default sorting behavior", position);
            }
        }
        if (u.deferrable()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "DEFERRABLE with USING INDEX is not supported yet");
        }
        String name = u.name() == null ? u.index() : u.name();
        if (!name.equals(u.index())) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"" + u.index() + "\" to \"" + name
                    + "\"", null, null, 0, null));
            renameClass(st, store, cls, name);
        }
        List<Integer> keys = new ArrayList<>();
        StringBuilder conkey = new StringBuilder("{");
        for (int attnum : IndexCatalog.keys(index)) {
            keys.add(attnum);
            conkey.append(conkey.length() == 1 ? "" : ",").append(attnum);
        }
        conkey.append('}');
        for (CatalogStore.Entry con : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            st.freshSnapshot())) {
            if (u.primary() && ((TextValue) con.row()[CatalogTables.CON_TYPE]).value().equals("p")) {
                throw DatabaseException.error("42P16", "multiple primary keys for table \"" + tableName
                    + "\" are not allowed");
            }
        }
        if (constraintNamed(st, store, t.oid(), name) != null) {
            throw DatabaseException.error("42710", "constraint \"" + name + "\" for relation \"" + tableName
                + "\" already exists");
        }
        st.catalogChanged();
        Value[] conRow = CatalogTables.constraintRow(st.services().transactions().newOid(), name, t.namespaceOid(),
            u.primary() ? "p" : "u", t.oid(), conkey.toString(), 0, null, " ", " ", null);
        conRow[CON_INDID] = OidValue.oid(oid);
        store.insert(CatalogTables.PG_CONSTRAINT, conRow);
        if (u.primary()) {
            Value[] row = index.clone();
            row[IndexCatalog.IND_PRIMARY] = BoolValue.TRUE;
            store.update(CatalogTables.PG_INDEX, ind.get(0).tid(), row);
        }
        return keys;
    }

    private static DatabaseException unusable(String message, int position) {
        return DatabaseException.atPosition("42809", message, position).withDetail(USING_INDEX_DETAIL);
    }

    /**
     * SET (option = value, ...) merges into pg_class.reloptions, RESET (option, ...) removes; the
     * options and values are checked as CREATE TABLE's WITH (btree's fillfactor is 10..100 too).
     */
    private static void setOptions(StorageTransaction st, CatalogStore store, CatalogStore.Entry cls, List<String> set,
                                   List<String> reset) {
        Map<String, String> options = new LinkedHashMap<>();
        if (cls.row()[CatalogTables.CLASS_RELOPTIONS] instanceof TextValue old && old.value().length() > 2) {
            String text = old.value();
            for (String o : text.substring(1, text.length() - 1).split(",")) {
                options.put(o.substring(0, o.indexOf('=')), o);
            }
        }
        if (set != null) {
            String checked = DdlExecutor.reloptions(set);
            for (String o : checked.substring(1, checked.length() - 1).split(",")) {
                options.put(o.substring(0, o.indexOf('=')), o);
            }
        } else {
            for (String o : reset) {
                DdlExecutor.reloptions(List.of(o + "=100"));
                options.remove(o.toLowerCase(java.util.Locale.ROOT));
            }
        }
        st.catalogChanged();
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELOPTIONS] = options.isEmpty() ? null
            : TextValue.text("{" + String.join(",", options.values()) + "}");
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
    }
}
