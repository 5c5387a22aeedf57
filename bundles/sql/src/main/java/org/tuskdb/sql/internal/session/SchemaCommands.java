package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;

/**
 * CREATE SCHEMA and DROP SCHEMA [CASCADE] (PostgreSQL's CreateSchemaCommand and the namespace
 * part of dependency.c): pg_namespace rows written in the session's transaction. A schema's
 * members are the pg_class rows and the user-defined functions (pg_proc rows) naming it, listed in
 * oid order; DROP without CASCADE refuses while it has any (2BP01), with CASCADE drops them (tables
 * with their owned sequences) with PostgreSQL's NOTICE.
 */
final class SchemaCommands {
    private final Session session;
    private final DdlExecutor ddl;

    SchemaCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
    }

    private static void lockSchemaName(StorageTransaction st, String name) {
        st.lock(new LockTag(LockTag.Kind.OBJECT, CatalogTables.DB_OID, CatalogTables.PG_NAMESPACE_OID,
            name.hashCode() & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
    }

    private static org.tuskdb.sql.internal.value.Value[] withAcl(org.tuskdb.sql.internal.value.Value[] row,
                                                               StorageTransaction st, long owner) {
        row[CatalogTables.NSP_ACL] = PrivilegeCommands.initialAcl(st, "SCHEMA", owner, 0);
        return row;
    }

    String createSchema(Statement.CreateSchema given, StatementContext ctx, StorageTransaction st) {
        long owner = session.currentUserOid();
        Statement.CreateSchema s = given;
        session.requirePrivilege(Databases.current(session, st).oid(), org.tuskdb.sql.internal.catalog.AclItems.CREATE);
        if (given.authorization() != null) {
            org.tuskdb.sql.internal.catalog.Roles.Role r = session.roleNamed(given.authorization());
            Ownership.checkMember(session, r);
            owner = r.oid();
            if (given.name() == null) {
                s = new Statement.CreateSchema(r.name(), given.ifNotExists(), given.authorization(), given.location());
            }
        }
        if (s.name().startsWith("pg_")) {
            throw DatabaseException.error("42939", "unacceptable schema name \"" + s.name() + "\"")
                .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
        lockSchemaName(st, s.name());
        if (session.relcache().namespaceOid(s.name(), st) >= 0) {
            if (!s.ifNotExists()) {
                throw DatabaseException.error("42P06", "schema \"" + s.name() + "\" already exists");
            }
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42P06",
                "schema \"" + s.name() + "\" already exists, skipping", null, null, 0, null));
            return "CREATE SCHEMA";
        }
        st.catalogChanged();
        long oid = st.services().transactions().newOid();
        new CatalogStore(st.services().heap(), st.transaction()).insert(CatalogTables.PG_NAMESPACE,
            withAcl(CatalogTables.namespaceRow(oid, s.name(), owner), st, owner));
        st.transaction().commandCounterIncrement();
        return "CREATE SCHEMA";
    }

    String dropSchemas(StorageTransaction st, List<Statement.RangeVar> names, boolean ifExists, boolean cascade,
                       StatementContext ctx) {
        for (Statement.RangeVar rv : names) {
            String name = rv.name();
            lockSchemaName(st, name);
            long oid = session.relcache().namespaceOid(name, st);
            if (oid < 0 || oid == session.relcache().tempNamespace()) {
                if (!ifExists) {
                    throw DatabaseException.error("3F000", "schema \"" + name + "\" does not exist");
                }
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "schema \"" + name + "\" does not exist, skipping", null, null, 0, null));
                continue;
            }
            if (oid == CatalogTables.PG_CATALOG_NAMESPACE || name.startsWith("pg_")) {
                throw DatabaseException.error("2BP01", "cannot drop schema " + name
                    + " because it is required by the database system");
            }
            Ownership.checkObjectOwner(session, st, CatalogTables.PG_NAMESPACE, CatalogTables.NSP_OWNER, oid, "schema",
                name);
            CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
            Snapshot snapshot = st.freshSnapshot();
            List<CatalogStore.Entry> members = members(st, store, oid, snapshot);
            List<UserFunction> functions = new ArrayList<>();
            // an extension's members go with their extension, which is what depends on the schema
            java.util.Map<Long, String> extensionMembers = ExtensionCommands.memberFunctions(st);
            java.util.Map<String, Long> extensions = new java.util.LinkedHashMap<>();
            for (UserFunction f : session.relcache().userFunctions(st)) {
                if (f.namespace() == oid) {
                    String extension = extensionMembers.get(f.oid());
                    if (extension == null) {
                        functions.add(f);
                    } else {
                        extensions.putIfAbsent(extension, new ExtensionCommands(session, ddl).extensionOid(st,
                            extension, false));
                    }
                }
            }
            List<org.tuskdb.sql.internal.catalog.UserTypes.Row> types = new ArrayList<>();
            for (org.tuskdb.sql.internal.catalog.UserTypes.Row t : session.relcache().userTypes(st).rows()) {
                if (t.namespace() == oid) {
                    types.add(t);
                }
            }
            if (!members.isEmpty() || !functions.isEmpty() || !types.isEmpty() || !extensions.isEmpty()) {
                // the dependent objects in the order they were made (their oids), as pg_depend lists them
                record Member(long oid, String line) {}
                List<Member> all = new ArrayList<>();
                for (CatalogStore.Entry m : members) {
                    all.add(new Member(((OidValue) m.row()[CatalogTables.CLASS_OID]).value(),
                        kind(m) + " " + name + "." + ((TextValue) m.row()[CatalogTables.CLASS_RELNAME]).value()));
                }
                for (UserFunction f : functions) {
                    all.add(new Member(f.oid(), "function " + name + "." + f.identity()));
                }
                for (java.util.Map.Entry<String, Long> x : extensions.entrySet()) {
                    all.add(new Member(x.getValue(), "extension " + x.getKey()));
                }
                for (org.tuskdb.sql.internal.catalog.UserTypes.Row t : types) {
                    all.add(new Member(t.oid(), "type " + name + "." + t.name()));
                }
                all.sort(Comparator.comparingLong(Member::oid));
                List<String> lines = all.stream().map(Member::line).toList();
                if (!cascade) {
                    StringBuilder detail = new StringBuilder();
                    for (String l : lines) {
                        detail.append(detail.isEmpty() ? "" : "\n").append(l).append(" depends on schema ").append(name);
                    }
                    throw DatabaseException.error("2BP01", "cannot drop schema " + name
                        + " because other objects depend on it").withDetail(detail.toString())
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
                }
                ctx.notice(DdlExecutor.cascadeNotice(lines));
                for (CatalogStore.Entry m : members) {
                    long rel = ((OidValue) m.row()[CatalogTables.CLASS_OID]).value();
                    st.lockRelation(rel, LockMode.ACCESS_EXCLUSIVE);
                    ddl.dropRelation(st, rel, true, null);
                }
                if (!functions.isEmpty()) {
                    new FunctionCommands(session, ddl).drop(st, functions);
                }
                for (long extension : extensions.values()) {
                    new ExtensionCommands(session, ddl).dropInstalled(st, extension);
                }
                if (!types.isEmpty()) {
                    ddl.types().drop(st, types); // after the tables, whose columns used them
                }
            }
            st.catalogChanged();
            CatalogStore.Entry row = store.namespaceByOid(oid, st.freshSnapshot());
            store.delete(CatalogTables.PG_NAMESPACE, row.tid());
            st.transaction().commandCounterIncrement();
        }
        return "DROP SCHEMA";
    }

    /** The relations in the namespace that a DROP SCHEMA lists: not sequences owned by a column. */
    static List<CatalogStore.Entry> members(StorageTransaction st, CatalogStore store, long namespace,
                                            Snapshot snapshot) {
        List<CatalogStore.Entry> out = new ArrayList<>();
        List<Long> owned = new ArrayList<>();
        for (CatalogStore.Entry d : store.all(CatalogTables.PG_DEPEND, snapshot)) {
            String t = ((TextValue) d.row()[CatalogTables.DEP_TYPE]).value();
            if (t.equals("a") || t.equals("i")) {
                owned.add(((OidValue) d.row()[CatalogTables.DEP_OBJID]).value());
            }
        }
        for (CatalogStore.Entry c : store.rowsWhere(CatalogTables.PG_CLASS, CatalogTables.CLASS_RELNAMESPACE, namespace,
            snapshot)) {
            if (!owned.contains(((OidValue) c.row()[CatalogTables.CLASS_OID]).value())
                && !((TextValue) c.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) { // indexes go with their tables
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(e -> ((OidValue) e.row()[CatalogTables.CLASS_OID]).value()));
        return out;
    }

    private static String kind(CatalogStore.Entry c) {
        return DdlExecutor.kindOf(c);
    }
}
