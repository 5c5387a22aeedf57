package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.function.ExtensionLibrary;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE / DROP / ALTER EXTENSION (PostgreSQL's commands/extension.c) over the extensions Tusk
 * ships ({@link ExtensionLibrary}): an installed extension is a pg_extension row, a pg_description
 * row with its control file's comment, and its member functions — pg_proc rows of LANGUAGE c
 * whose prosrc names the built-in implementation — each tied to it by a pg_depend row of deptype
 * e (so pg_dump writes CREATE EXTENSION instead of the members, and DROP FUNCTION of a member is
 * refused). Everything is written in the statement's transaction. Concurrent CREATEs of one name
 * serialize on an object lock of the name.
 */
final class ExtensionCommands {
    private static final int EXT_OID = 0, EXT_NAME = 1, EXT_NAMESPACE = 3, EXT_RELOCATABLE = 4, EXT_VERSION = 5;

    private final Session session;
    private final DdlExecutor ddl;

    ExtensionCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    private static CatalogStore store(StorageTransaction st) {
        return new CatalogStore(st.services().heap(), st.transaction());
    }

    private static CatalogStore.Entry installed(StorageTransaction st, String name) {
        for (CatalogStore.Entry e : store(st).all(CatalogTables.PG_EXTENSION, st.freshSnapshot())) {
            if (((TextValue) e.row()[EXT_NAME]).value().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The installed extension's oid; -1 (missingOk) or 42704 when there is none. */
    long extensionOid(StorageTransaction st, String name, boolean missingOk) {
        CatalogStore.Entry e = installed(st, name);
        if (e == null) {
            if (missingOk) {
                return -1;
            }
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
        }
        return ((OidValue) e.row()[EXT_OID]).value();
    }

    /** Extension name by the oid of each member function (pg_depend deptype e). */
    static Map<Long, String> memberFunctions(StorageTransaction st) {
        CatalogStore store = store(st);
        Snapshot snapshot = st.freshSnapshot();
        Map<Long, String> names = new HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_EXTENSION, snapshot)) {
            names.put(((OidValue) e.row()[EXT_OID]).value(), ((TextValue) e.row()[EXT_NAME]).value());
        }
        Map<Long, String> out = new HashMap<>();
        if (names.size() <= 1) {
            return out; // plpgsql alone has no stored members
        }
        for (CatalogStore.Entry d : store.all(CatalogTables.PG_DEPEND, snapshot)) {
            Value[] r = d.row();
            if (((OidValue) r[3]).value() == CatalogTables.PG_EXTENSION_OID
                    && ((OidValue) r[0]).value() == CatalogTables.PG_PROC_OID) {
                String ext = names.get(((OidValue) r[CatalogTables.DEP_REFOBJID]).value());
                if (ext != null) {
                    out.put(((OidValue) r[CatalogTables.DEP_OBJID]).value(), ext);
                }
            }
        }
        return out;
    }

    private static void lockName(StorageTransaction st, String name) {
        st.lock(new LockTag(LockTag.Kind.OBJECT, CatalogTables.DB_OID, CatalogTables.PG_EXTENSION_OID,
            name.hashCode() & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
    }

    String create(Statement.CreateExtension s, StatementContext ctx, StorageTransaction st) {
        lockName(st, s.name());
        if (installed(st, s.name()) != null) {
            if (!s.ifNotExists()) {
                throw DatabaseException.error("42710", "extension \"" + s.name() + "\" already exists");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42710",
                "extension \"" + s.name() + "\" already exists, skipping", null, null, 0, null));
            return "CREATE EXTENSION";
        }
        ExtensionLibrary.Extension e = ExtensionLibrary.find(s.name());
        if (e == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + s.name() + "\" is not available")
                .withDetail("Tusk has no extension of that name; pg_available_extensions lists those it has.")
                .withHint("Extensions are built into Tusk; one that is not there cannot be installed by a file.");
        }
        if (s.version() != null && !s.version().equals(e.version())) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "extension \"" + s.name()
                + "\" has no installation script nor update path for version \"" + s.version() + "\"");
        }
        long namespace = namespaceFor(e, s.schema(), st, s.nameLocation());
        List<UserFunction> existing = session.relcache().userFunctions(st);
        for (ExtensionLibrary.Member m : e.members()) {
            for (UserFunction f : existing) {
                if (f.namespace() == namespace && f.name().equals(m.name()) && f.argTypes().equals(m.argTypes())) {
                    throw DatabaseException.error("42723", "function \"" + m.name()
                        + "\" already exists with same argument types");
                }
            }
        }
        st.catalogChanged();
        CatalogStore store = store(st);
        long oid = st.services().transactions().newOid();
        Value[] ext = CatalogTables.extensionRow(oid, e.name(), namespace, e.relocatable(), e.version());
        ext[2] = OidValue.oid(session.currentUserOid()); // extowner
        store.insert(CatalogTables.PG_EXTENSION, ext);
        store.insert(CatalogTables.PG_DESCRIPTION, CatalogTables.descriptionRow(oid, CatalogTables.PG_EXTENSION_OID, 0,
            e.comment()));
        for (ExtensionLibrary.Member m : e.members()) {
            long f = st.services().transactions().newOid();
            store.insert(CatalogTables.PG_PROC, member(f, namespace, m).toRow(session.currentUserOid()));
            store.insert(CatalogTables.PG_DEPEND, CatalogTables.dependRow(CatalogTables.PG_PROC_OID, f,
                CatalogTables.PG_EXTENSION_OID, oid, "e"));
        }
        st.transaction().commandCounterIncrement();
        return "CREATE EXTENSION";
    }

    private static UserFunction member(long oid, long namespace, ExtensionLibrary.Member m) {
        return new UserFunction(oid, namespace, m.name(), m.argNames(), m.argTypes(), List.of(), m.result(), false,
            m.strict(), m.volatility(), m.symbol(), false, UserFunction.LANGUAGE_C, null, null, null);
    }

    /** The extension's schema: its control file's, else WITH SCHEMA's, else the creation schema. */
    private long namespaceFor(ExtensionLibrary.Extension e, String schema, StorageTransaction st, int location) {
        if (e.schema() != null) {
            if (schema != null && !schema.equals(e.schema())) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + e.name()
                    + "\" must be installed in schema \"" + e.schema() + "\"");
            }
            return session.relcache().namespaceOid(e.schema(), st);
        }
        if (schema != null) {
            long nsp = session.relcache().namespaceOid(schema, st);
            if (nsp < 0) {
                throw DatabaseException.error("3F000", "schema \"" + schema + "\" does not exist");
            }
            return nsp;
        }
        return session.relcache().creationNamespace(st, session.currentUserName(), 0);
    }

    String drop(Statement.DropExtension d, StatementContext ctx, StorageTransaction st) {
        List<CatalogStore.Entry> targets = new ArrayList<>();
        for (String name : d.names()) {
            lockName(st, name);
            CatalogStore.Entry e = installed(st, name);
            if (e == null) {
                if (!d.ifExists()) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
                }
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "extension \"" + name + "\" does not exist, skipping", null, null, 0, null));
                continue;
            }
            if (name.equals("plpgsql")) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "extension \"plpgsql\" is built into Tusk and cannot be dropped");
            }
            targets.add(e);
        }
        for (CatalogStore.Entry e : targets) {
            dropInstalled(st, e);
        }
        return "DROP EXTENSION";
    }

    /** Drops an installed extension with its members (DROP EXTENSION, DROP SCHEMA ... CASCADE). */
    void dropInstalled(StorageTransaction st, long extensionOid) {
        for (CatalogStore.Entry e : store(st).all(CatalogTables.PG_EXTENSION, st.freshSnapshot())) {
            if (((OidValue) e.row()[EXT_OID]).value() == extensionOid) {
                dropInstalled(st, e);
                return;
            }
        }
    }

    private void dropInstalled(StorageTransaction st, CatalogStore.Entry e) {
        long oid = ((OidValue) e.row()[EXT_OID]).value();
        st.catalogChanged();
        CatalogStore store = store(st);
        Snapshot snapshot = st.freshSnapshot();
        for (CatalogStore.Entry dep : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, oid, snapshot)) {
            Value[] r = dep.row();
            if (((OidValue) r[3]).value() != CatalogTables.PG_EXTENSION_OID) {
                continue;
            }
            if (((OidValue) r[0]).value() == CatalogTables.PG_PROC_OID) {
                store.deleteWhere(CatalogTables.PG_PROC, 0, ((OidValue) r[CatalogTables.DEP_OBJID]).value(), snapshot);
            }
            store.delete(CatalogTables.PG_DEPEND, dep.tid());
        }
        for (CatalogStore.Entry c : store.rowsWhere(CatalogTables.PG_DESCRIPTION, CatalogTables.DESC_OBJOID, oid, snapshot)) {
            if (((OidValue) c.row()[1]).value() == CatalogTables.PG_EXTENSION_OID) {
                store.delete(CatalogTables.PG_DESCRIPTION, c.tid());
            }
        }
        store.delete(CatalogTables.PG_EXTENSION, e.tid());
        st.transaction().commandCounterIncrement();
    }

    String alter(Statement.AlterExtension a, StatementContext ctx, StorageTransaction st) {
        lockName(st, a.name());
        CatalogStore.Entry e = installed(st, a.name());
        if (e == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "extension \"" + a.name() + "\" does not exist");
        }
        Value[] row = e.row();
        String version = ((TextValue) row[EXT_VERSION]).value();
        if (a.schema() == null) {
            ExtensionLibrary.Extension available = ExtensionLibrary.find(a.name());
            String target = a.version() != null ? a.version() : available == null ? version : available.version();
            if (!target.equals(version)) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "extension \"" + a.name()
                    + "\" has no update path from version \"" + version + "\" to version \"" + target + "\"");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                "version \"" + version + "\" of extension \"" + a.name() + "\" is already installed", null, null, 0, null));
            return "ALTER EXTENSION";
        }
        if (!((BoolValue) row[EXT_RELOCATABLE]).value()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + a.name()
                + "\" does not support SET SCHEMA");
        }
        long target = session.relcache().namespaceOid(a.schema(), st);
        if (target < 0) {
            throw DatabaseException.error("3F000", "schema \"" + a.schema() + "\" does not exist");
        }
        long oid = ((OidValue) row[EXT_OID]).value();
        long from = ((OidValue) row[EXT_NAMESPACE]).value();
        if (target == from) {
            return "ALTER EXTENSION";
        }
        st.catalogChanged();
        CatalogStore store = store(st);
        Map<Long, String> members = memberFunctions(st);
        for (UserFunction f : session.relcache().userFunctions(st)) {
            if (a.name().equals(members.get(f.oid()))) {
                CatalogStore.Entry old = store.rowsWhere(CatalogTables.PG_PROC, 0, f.oid(), st.freshSnapshot()).get(0);
                store.delete(CatalogTables.PG_PROC, old.tid());
                Value[] moved = new UserFunction(f.oid(), target, f.name(), f.argNames(), f.argTypes(),
                    f.defaults(), f.returnType(), f.retset(), f.strict(), f.volatility(), f.body(), f.sqlBody(),
                    f.language(), f.modes(), f.allNames(), f.allTypes()).toRow();
                moved[CatalogTables.PROC_OWNER] = old.row()[CatalogTables.PROC_OWNER];
                moved[CatalogTables.PROC_ACL] = old.row()[CatalogTables.PROC_ACL];
                store.insert(CatalogTables.PG_PROC, moved);
            }
        }
        store.delete(CatalogTables.PG_EXTENSION, e.tid());
        store.insert(CatalogTables.PG_EXTENSION, CatalogTables.extensionRow(oid, a.name(), target,
            ((BoolValue) row[EXT_RELOCATABLE]).value(), version));
        st.transaction().commandCounterIncrement();
        return "ALTER EXTENSION";
    }
}
