package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.ast.RoleStatements;
import org.tuskdb.sql.internal.ast.RoleStatements.RoleSpec;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.AclItems;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * What depends on a role: PostgreSQL records it in pg_shdepend; Tusk computes it from the
 * catalogs' owner and ACL columns (relowner / relacl, nspowner / nspacl, proowner / proacl,
 * typowner, extowner, and the database's ACL), so it cannot disagree with them. Used by DROP
 * ROLE's 2BP01 DETAIL (checkSharedDependencies: one line per object, "owner of KIND NAME" or
 * "privileges for KIND NAME", ordered by the object's oid), REASSIGN OWNED and DROP OWNED.
 * Indexes and tables' row types are no dependencies of their own (they go with their table).
 */
final class RoleDependencies {
    private final Session session;
    private final StorageTransaction st;

    RoleDependencies(Session session, StorageTransaction st) {
        this.session = session;
        this.st = st;
    }

    /** An object that depends on a role: its catalog, oid, kind for messages, name, owner and stored ACL. */
    record Dependent(long catalog, long oid, String kind, String schema, String name, long owner, Value acl,
                     long namespace) {}

    /** getObjectDescription: "table t", qualified by its schema when search_path does not reach it. */
    private String shown(Dependent d) {
        boolean qualify = d.namespace() >= 0 && !org.tuskdb.sql.internal.catalog.CatalogNames.inSearchPath(st,
            d.namespace());
        return d.kind() + " " + (qualify ? d.schema() + "." : "") + d.name();
    }

    /** Every object with an owner (the current database's and the shared ones), by oid. */
    List<Dependent> objects() {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        Snapshot snap = st.freshSnapshot();
        List<Dependent> out = new ArrayList<>();
        java.util.Map<Long, String> schemas = new java.util.HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_NAMESPACE, snap)) {
            Value[] r = e.row();
            String name = text(r[1]);
            schemas.put(oid(r[0]), name);
            if (!name.startsWith("pg_temp_") && !name.startsWith("pg_toast_temp_")
                    && oid(r[0]) != CatalogTables.PG_CATALOG_NAMESPACE) {
                out.add(new Dependent(CatalogTables.PG_NAMESPACE_OID, oid(r[0]), "schema", null, name,
                    CatalogTables.owner(r[CatalogTables.NSP_OWNER]), r[CatalogTables.NSP_ACL], -1));
            }
        }
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CLASS, snap)) {
            Value[] r = e.row();
            String kind = text(r[CatalogTables.CLASS_RELKIND]);
            long nsp = oid(r[CatalogTables.CLASS_RELNAMESPACE]);
            if (kind.equals("i") || nsp == CatalogTables.PG_CATALOG_NAMESPACE) {
                continue;
            }
            out.add(new Dependent(CatalogTables.PG_CLASS_OID, oid(r[0]), Ownership.relationKind(kind), schemas.get(nsp),
                text(r[CatalogTables.CLASS_RELNAME]), CatalogTables.owner(r[CatalogTables.CLASS_RELOWNER]),
                r[CatalogTables.CLASS_RELACL], nsp));
            columnDependents(store, snap, oid(r[0]), Ownership.relationKind(kind), schemas.get(nsp),
                text(r[CatalogTables.CLASS_RELNAME]), nsp, out);
        }
        List<UserFunction> functions = session.relcache().userFunctions(st);
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_PROC, snap)) {
            Value[] r = e.row();
            long oid = oid(r[0]);
            UserFunction f = functions.stream().filter(x -> x.oid() == oid).findFirst().orElse(null);
            String name = f == null ? text(r[1]) : f.identity();
            out.add(new Dependent(CatalogTables.PG_PROC_OID, oid, "function", schemas.get(oid(r[2])), name,
                CatalogTables.owner(r[CatalogTables.PROC_OWNER]), r[CatalogTables.PROC_ACL], oid(r[2])));
        }
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TYPE, snap)) {
            Value[] r = e.row();
            out.add(new Dependent(CatalogTables.PG_TYPE_OID, oid(r[CatalogTables.TYPE_OID]), "type",
                schemas.get(oid(r[CatalogTables.TYPE_NAMESPACE])), text(r[CatalogTables.TYPE_NAME]),
                CatalogTables.owner(r[CatalogTables.TYPE_OWNER]), null, oid(r[CatalogTables.TYPE_NAMESPACE])));
        }
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_EXTENSION, snap)) {
            Value[] r = e.row();
            out.add(new Dependent(CatalogTables.PG_EXTENSION_OID, oid(r[0]), "extension", null, text(r[1]),
                CatalogTables.owner(r[2]), null, -1));
        }
        Roles roles = session.roles();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_DEFAULT_ACL, snap)) {
            Value[] r = e.row();
            String what = switch (text(r[3])) {
                case "S" -> "sequences";
                case "f" -> "functions";
                case "T" -> "types";
                case "n" -> "schemas";
                default -> "relations";
            };
            long nsp = oid(r[2]);
            out.add(new Dependent(CatalogTables.PG_DEFAULT_ACL_OID, oid(r[0]), "default privileges", null,
                "on new " + what + " belonging to role " + roles.name(oid(r[1]))
                    + (nsp == 0 ? "" : " in schema " + schemas.get(nsp)), oid(r[1]), r[4], -1));
        }
        Databases.Database db = Databases.current(session, st);
        out.add(new Dependent(Databases.PG_DATABASE_OID, db.oid(), "database", null, db.name(), db.owner(), db.acl(),
            -1));
        // by oid, as checkSharedDependencies sorts; a column's sequence just before its table (PostgreSQL makes
        // the sequence first, so it has the lower oid; Tusk makes the table first)
        java.util.Map<Long, Double> keys = new java.util.HashMap<>();
        for (Dependent d : out) {
            Long table = d.kind().equals("sequence") ? Ownership.owningTable(store, d.oid(), snap) : null;
            keys.put(d.oid(), table != null ? table - 0.5 : d.oid());
        }
        out.sort(Comparator.comparingDouble(d -> keys.get(d.oid())));
        return out;
    }

    /**
     * A relation's columns with privileges of their own (attacl), each a dependent of its own as
     * PostgreSQL's pg_shdepend rows with objsubid: "privileges for column c of table t", right after
     * the relation (the same oid; the sort is stable). Owner -1: a column is owned by no role.
     */
    private static void columnDependents(CatalogStore store, Snapshot snap, long rel, String kind, String schema,
                                         String table, long nsp, List<Dependent> out) {
        for (CatalogStore.Entry a : store.attributes(rel, snap)) {
            Value acl = a.row()[CatalogTables.ATT_ACL];
            if (acl != null && !(a.row()[CatalogTables.ATT_DROPPED] instanceof org.tuskdb.sql.internal.value.BoolValue b
                    && b.value())) {
                out.add(new Dependent(CatalogTables.PG_ATTRIBUTE_OID, rel, "column " + text(a.row()[CatalogTables.ATT_NAME])
                    + " of " + kind, schema, table, -1, acl, nsp));
            }
        }
    }

    /** checkSharedDependencies' DETAIL for the role, or null when nothing depends on it. */
    String describe(long role) {
        List<String> lines = new ArrayList<>();
        for (Dependent d : objects()) {
            if (d.owner() == role) {
                lines.add("owner of " + shown(d));
            } else if (AclItems.mentions(d.acl(), role)) {
                lines.add("privileges for " + shown(d));
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private List<Roles.Role> roles(List<RoleSpec> specs, RoleCommands commands) {
        List<Roles.Role> out = new ArrayList<>();
        for (RoleSpec s : specs) {
            out.add(commands.resolve(s));
        }
        return out;
    }

    /** REASSIGN OWNED BY roles TO role: needs the privileges of every role named (42501 otherwise). */
    String reassignOwned(RoleStatements.ReassignOwned s, RoleCommands commands) {
        List<Roles.Role> from = roles(s.roles(), commands);
        Roles.Role to = commands.resolve(s.newOwner());
        Roles roles = session.roles();
        long me = session.currentUserOid();
        for (Roles.Role r : from) {
            if (!roles.hasPrivilegesOf(me, r.oid())) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to reassign objects");
            }
        }
        if (!roles.hasPrivilegesOf(me, to.oid())) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to reassign objects");
        }
        for (Roles.Role r : from) {
            if (r.predefined()) {
                throw DatabaseException.error("2BP01", "cannot reassign ownership of objects owned by role " + r.name()
                    + " because they are required by the database system");
            }
            for (Dependent d : objects()) {
                if (d.owner() == r.oid()) {
                    setOwner(d, to);
                }
            }
        }
        return "REASSIGN OWNED";
    }

    private void setOwner(Dependent d, Roles.Role to) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        if (d.catalog() == CatalogTables.PG_CLASS_OID) {
            Ownership.changeRelationOwner(session, st, d.oid(), to, true);
            return;
        }
        if (d.catalog() == Databases.PG_DATABASE_OID || d.catalog() == CatalogTables.PG_DEFAULT_ACL_OID) {
            // the database's owner is the bootstrap superuser, which is pinned; default privileges are DROP OWNED's
            return;
        }
        long catalogOid = d.catalog();
        org.tuskdb.sql.internal.catalog.TableDescriptor catalog = catalogOid == CatalogTables.PG_NAMESPACE_OID
            ? CatalogTables.PG_NAMESPACE : catalogOid == CatalogTables.PG_PROC_OID ? CatalogTables.PG_PROC
            : catalogOid == CatalogTables.PG_TYPE_OID ? CatalogTables.PG_TYPE : CatalogTables.PG_EXTENSION;
        int ownerColumn = catalog == CatalogTables.PG_NAMESPACE ? CatalogTables.NSP_OWNER
            : catalog == CatalogTables.PG_PROC ? CatalogTables.PROC_OWNER
            : catalog == CatalogTables.PG_TYPE ? CatalogTables.TYPE_OWNER : 2;
        int aclColumn = catalog == CatalogTables.PG_NAMESPACE ? CatalogTables.NSP_ACL
            : catalog == CatalogTables.PG_PROC ? CatalogTables.PROC_ACL : -1;
        for (CatalogStore.Entry e : store.rowsWhere(catalog, 0, d.oid(), st.freshSnapshot())) {
            Value[] row = e.row().clone();
            row[ownerColumn] = OidValue.oid(to.oid());
            if (aclColumn >= 0) {
                row[aclColumn] = AclItems.changeOwner(row[aclColumn], d.owner(), to.oid());
            }
            st.catalogChanged();
            store.update(catalog, e.tid(), row);
            st.transaction().commandCounterIncrement();
        }
    }

    /**
     * DROP OWNED BY roles [CASCADE]: the roles' privileges on every object are revoked, then what they
     * own is dropped (functions and types, relations, schemas last), each as its DROP statement would.
     */
    String dropOwned(RoleStatements.DropOwned s, StatementContext ctx, RoleCommands commands) {
        List<Roles.Role> targets = roles(s.roles(), commands);
        Roles roles = session.roles();
        long me = session.currentUserOid();
        for (Roles.Role r : targets) {
            if (!roles.hasPrivilegesOf(me, r.oid())) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to drop objects");
            }
            if (r.predefined()) {
                throw DatabaseException.error("2BP01", "cannot drop objects owned by role " + r.name()
                    + " because they are required by the database system");
            }
        }
        PrivilegeCommands privileges = new PrivilegeCommands(session, st, ctx);
        for (Roles.Role r : targets) {
            for (Dependent d : objects()) {
                if (d.owner() != r.oid() && AclItems.mentions(d.acl(), r.oid())) {
                    privileges.revokeEverything(d, r.oid());
                }
            }
        }
        for (Roles.Role r : targets) {
            for (Dependent d : objects()) {
                if (d.owner() == r.oid() && d.catalog() == CatalogTables.PG_DEFAULT_ACL_OID) {
                    CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
                    st.catalogChanged();
                    store.deleteWhere(CatalogTables.PG_DEFAULT_ACL, 0, d.oid(), st.freshSnapshot());
                    st.transaction().commandCounterIncrement();
                }
            }
        }
        for (String kind : List.of("function", "type", "view", "table", "sequence", "schema")) {
            for (Roles.Role r : targets) {
                for (Dependent d : objects()) {
                    if (d.owner() == r.oid() && d.kind().equals(kind)) {
                        dropObject(d, s.cascade(), ctx);
                    }
                }
            }
        }
        return "DROP OWNED";
    }

    private void dropObject(Dependent d, boolean cascade, StatementContext ctx) {
        Statement.RangeVar name = new Statement.RangeVar(d.schema(), d.name(), null, 0);
        UtilityExecutor u = session.utilities();
        switch (d.kind()) {
            case "function" -> {
                UserFunction f = session.relcache().userFunctions(st).stream().filter(x -> x.oid() == d.oid())
                    .findFirst().orElse(null);
                if (f != null) {
                    u.execute(new Statement.DropFunction(List.of(new Statement.FunctionRef(
                        new Statement.RangeVar(d.schema(), f.name(), null, 0), f.argTypes().stream().map(t -> UtilityExecutor.typeName(t, -1, 0)).toList(), 0)),
                        true, cascade, 0), ctx);
                }
            }
            case "type" -> u.execute(new Statement.DropType(List.of(name), false, true, cascade, 0), ctx);
            case "table" -> u.execute(new Statement.DropObjects("TABLE", List.of(name), true, cascade, 0), ctx);
            case "view" -> u.execute(new Statement.DropObjects("VIEW", List.of(name), true, cascade, 0), ctx);
            case "sequence" -> {
                CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
                if (Ownership.owningTable(store, d.oid(), st.freshSnapshot()) == null) {
                    u.execute(new Statement.DropObjects("SEQUENCE", List.of(name), true, cascade, 0), ctx);
                }
            }
            case "schema" -> u.execute(new Statement.DropObjects("SCHEMA", List.of(new Statement.RangeVar(null,
                d.name(), null, 0)), true, cascade, 0), ctx);
            default -> { }
        }
    }

    private static long oid(Value v) {
        return ((OidValue) v).value();
    }

    private static String text(Value v) {
        return ((TextValue) v).value();
    }
}
