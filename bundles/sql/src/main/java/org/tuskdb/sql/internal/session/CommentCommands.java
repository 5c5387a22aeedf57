package org.tuskdb.sql.internal.session;

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
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * COMMENT ON the objects that are not relations, columns, schemas or extensions (those are
 * {@link DdlExecutor#comment}'s): INDEX, FUNCTION / PROCEDURE / ROUTINE, TYPE, DOMAIN, TRIGGER and
 * CONSTRAINT (of a table or a domain). Each resolves its object as PostgreSQL's
 * get_object_address does, with its errors, and keeps one pg_description row (objoid, classoid,
 * objsubid 0) as the relations' comments do. {@link #deleteFor} removes an object's rows when
 * the object is dropped.
 */
final class CommentCommands {
    private final Session session;
    private final DdlExecutor ddl;

    CommentCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    /** Whether this class resolves the kind of object COMMENT ON names. */
    static boolean handles(String kind) {
        return switch (kind) {
            case "INDEX", "FUNCTION", "PROCEDURE", "ROUTINE", "TYPE", "DOMAIN", "TRIGGER", "CONSTRAINT" -> true;
            default -> false;
        };
    }

    String comment(Statement.CommentOn s, StorageTransaction st, StatementContext ctx) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        long objoid;
        long classoid;
        switch (s.kind()) {
            case "INDEX" -> {
                objoid = index(st, store, s);
                classoid = CatalogTables.PG_CLASS_OID;
            }
            case "FUNCTION", "PROCEDURE", "ROUTINE" -> {
                UserFunction f = new FunctionCommands(session, ddl).lookup(s.function(), st, parseState(), false, ctx);
                if (s.kind().equals("PROCEDURE")) {
                    // every routine here is a function (no CREATE PROCEDURE yet)
                    throw DatabaseException.error("42809", UserFunction.signature(s.function().name().name(),
                        f.argTypes()) + " is not a procedure");
                }
                objoid = f.oid();
                classoid = CatalogTables.PG_PROC_OID;
            }
            case "TYPE", "DOMAIN" -> {
                PgType t = type(s.type());
                if (s.kind().equals("DOMAIN") && !t.isDomain()) {
                    throw DatabaseException.error("42809", "\"" + t.displayName() + "\" is not a domain");
                }
                objoid = t.oid();
                classoid = CatalogTables.PG_TYPE_OID;
            }
            case "TRIGGER" -> {
                Relation r = relation(st, s.on());
                CatalogStore.Entry e = TriggerCommands.find(store, RelationCache.oidOf(r), s.names().get(0), st);
                if (e == null) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + s.names().get(0)
                        + "\" for table \"" + r.name() + "\" does not exist");
                }
                objoid = oid(e.row()[CatalogTables.TG_OID]);
                classoid = CatalogTables.PG_TRIGGER_OID;
            }
            case "CONSTRAINT" -> {
                objoid = constraint(st, store, s);
                classoid = CatalogTables.PG_CONSTRAINT_OID;
            }
            default -> throw new IllegalArgumentException(s.kind());
        }
        store(st, objoid, classoid, 0, s.comment());
        return "COMMENT";
    }

    private long index(StorageTransaction st, CatalogStore store, Statement.CommentOn s) {
        Statement.RangeVar rv = s.names().size() > 1
            ? new Statement.RangeVar(s.names().get(s.names().size() - 2), s.names().getLast(), null, s.location())
            : new Statement.RangeVar(null, s.names().getFirst(), null, s.location());
        CatalogStore.Entry cls = new IndexCommands(session).findRelation(st, store, rv);
        if (cls == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shownName(rv) + "\" does not exist");
        }
        if (!((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) {
            throw DatabaseException.error("42809", "\"" + rv.name() + "\" is not an index");
        }
        return oid(cls.row()[CatalogTables.CLASS_OID]);
    }

    private long constraint(StorageTransaction st, CatalogStore store, Statement.CommentOn s) {
        String name = s.names().get(0);
        long owner;
        int column;
        String what;
        if (s.onDomain()) {
            PgType domain = type(new org.tuskdb.sql.internal.ast.TypeName(s.on().schema() == null
                ? java.util.List.of(s.on().name()) : java.util.List.of(s.on().schema(), s.on().name()),
                java.util.List.of(), null, 0));
            if (!domain.isDomain()) {
                throw DatabaseException.error("42809", "\"" + domain.displayName() + "\" is not a domain");
            }
            owner = domain.oid();
            column = CatalogTables.CON_TYPID;
            what = "domain " + domain.displayName();
        } else {
            Relation r = relation(st, s.on());
            owner = RelationCache.oidOf(r);
            column = CatalogTables.CON_RELID;
            what = "table \"" + r.name() + "\"";
        }
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, column, owner, st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.CON_NAME]).value().equals(name)) {
                return oid(e.row()[CatalogTables.CON_OID]);
            }
        }
        throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" for " + what
            + " does not exist");
    }

    /** The type a name means; PostgreSQL reports its absence here without a position. */
    private PgType type(org.tuskdb.sql.internal.ast.TypeName name) {
        try {
            return StoredExpressions.resolveType(name, "", parseState()).type();
        } catch (DatabaseException e) {
            throw e.withPosition(0);
        }
    }

    private Relation relation(StorageTransaction st, Statement.RangeVar rv) {
        return session.relcache().lookup(rv.schema(), rv.name(), LockMode.SHARE_UPDATE_EXCLUSIVE, 0, false, st);
    }

    private ParseState parseState() {
        return new ParseState(session.currentQuery(), session.services().functions(), session.relationLookup(),
            ParamTypes.none());
    }

    /**
     * Replaces the object's pg_description row (objoid, classoid, subid) by the comment; a NULL or
     * empty comment only removes it (CreateComments).
     */
    static void store(StorageTransaction st, long objoid, long classoid, int subid, String comment) {
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_DESCRIPTION, CatalogTables.DESC_OBJOID, objoid,
            st.freshSnapshot())) {
            if (oid(e.row()[1]) == classoid && ((IntegerValue) e.row()[2]).value() == subid) {
                store.delete(CatalogTables.PG_DESCRIPTION, e.tid());
            }
        }
        if (comment != null && !comment.isEmpty()) {
            store.insert(CatalogTables.PG_DESCRIPTION, CatalogTables.descriptionRow(objoid, classoid, subid, comment));
        }
        st.transaction().commandCounterIncrement();
    }

    /** DeleteComments: the dropped object's pg_description rows (all its subids) go with it. */
    static void deleteFor(CatalogStore store, long objoid, long classoid, StorageTransaction st) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_DESCRIPTION, CatalogTables.DESC_OBJOID, objoid,
            st.freshSnapshot())) {
            if (oid(e.row()[1]) == classoid) {
                store.delete(CatalogTables.PG_DESCRIPTION, e.tid());
            }
        }
    }

    /** Deletes the comments of the rows of a catalog (their oid in column 0) whose column equals key. */
    static void deleteForRows(CatalogStore store, org.tuskdb.sql.internal.catalog.TableDescriptor catalog, int column,
                              long key, long classoid, StorageTransaction st) {
        for (CatalogStore.Entry e : store.rowsWhere(catalog, column, key, st.freshSnapshot())) {
            deleteFor(store, rowOid(e), classoid, st);
        }
    }

    /** The oid (column 0) of a catalog row. */
    static long rowOid(CatalogStore.Entry e) {
        return oid(e.row()[0]);
    }

    private static String shownName(Statement.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }

    private static long oid(Value v) {
        return ((OidValue) v).value();
    }
}
