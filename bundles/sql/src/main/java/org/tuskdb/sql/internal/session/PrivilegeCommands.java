package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.RoleStatements;
import org.tuskdb.sql.internal.ast.RoleStatements.RoleSpec;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.AclItems;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * GRANT / REVOKE privileges ON objects (PostgreSQL's aclchk.c ExecuteGrantStmt): the object's ACL
 * column — relacl, nspacl, proacl, datacl — rewritten in the statement's transaction (see
 * {@link AclItems} for the rules of the lists). The grantor is the object's owner when the
 * current user has the owner's privileges (or is a superuser), else the current user, who may
 * grant only what it holds WITH GRANT OPTION (select_best_grantor / restrict_and_check_grant:
 * WARNINGs "no privileges were granted" / "not all privileges were granted", 42501 when it holds
 * nothing on the object). Privileges that do not apply to the kind are 0LP01.
 */
final class PrivilegeCommands {
    private final Session session;
    private final StorageTransaction st;
    private final StatementContext ctx;

    PrivilegeCommands(Session session, StorageTransaction st, StatementContext ctx) {
        this.session = session;
        this.st = st;
        this.ctx = ctx;
    }

    /** One object whose ACL the statement changes. */
    record Target(org.tuskdb.sql.internal.catalog.TableDescriptor catalog, CatalogStore.Entry entry,
                          int aclColumn, long owner, String kind, String noun, String name) {}

    private CatalogStore store() {
        return new CatalogStore(st.services().heap(), st.transaction());
    }

    String grant(RoleStatements.GrantPrivileges s) {
        if (s.objectType().equals("TYPE") || s.objectType().equals("LANGUAGE")) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, (s.grant() ? "GRANT" : "REVOKE") + " ON "
                + s.objectType() + " is not supported yet");
        }
        List<Long> grantees = new ArrayList<>();
        for (RoleSpec g : s.grantees()) {
            if (g.kind() == RoleSpec.Kind.PUBLIC) {
                grantees.add(0L);
            } else {
                grantees.add(new RoleCommands(session, st, ctx).resolve(g).oid());
            }
        }
        if (s.grant() && s.grantOption() && grantees.contains(0L)) {
            throw DatabaseException.error("0LP01", "grant options can only be granted to roles");
        }
        ColumnGrants columns = new ColumnGrants(this, st);
        for (Target t : targets(s)) {
            int bits = bits(s.privileges(), t, s.objectType());
            if (bits != 0 || s.columnPrivileges().isEmpty()) {
                apply(t, bits, grantees, s.grant(), s.grantOption());
            }
            if (!s.grant() && (bits & ColumnGrants.ALL_COLUMN) != 0) {
                columns.revokeFromAll(t, bits & ColumnGrants.ALL_COLUMN, grantees, grantor(t, bits, false, false), s.grantOption());
            }
            if (!s.columnPrivileges().isEmpty()) {
                columns.apply(t, s.columnPrivileges(), grantees, s.grant(), s.grantOption());
            }
        }
        return s.grant() ? "GRANT" : "REVOKE";
    }

    // ---- ALTER DEFAULT PRIVILEGES (SetDefaultACL, get_user_default_acl) --------------------

    private static final String DEFAULT_KINDS = "TABLE:r,SEQUENCE:S,FUNCTION:f,TYPE:T,SCHEMA:n";

    private static String objtype(String kind) {
        for (String e : DEFAULT_KINDS.split(",")) {
            if (e.startsWith(kind + ":")) {
                return e.substring(kind.length() + 1);
            }
        }
        throw new IllegalArgumentException(kind);
    }

    /**
     * The pg_default_acl rows: a role's global entry (namespace 0) replaces the built-in default of the
     * kind, a schema's entry adds to it; an entry equal to what it replaces (the default, or nothing) is
     * deleted rather than stored, as PostgreSQL's.
     */
    String alterDefaults(RoleStatements.AlterDefaultPrivileges s) {
        RoleStatements.GrantPrivileges g = s.action();
        String kind = g.objectType();
        if (kind.equals("SCHEMA") && !s.schemas().isEmpty()) {
            throw DatabaseException.error("0LP01", "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
        }
        List<Roles.Role> targets = new ArrayList<>();
        RoleCommands roles = new RoleCommands(session, st, ctx);
        if (s.roles().isEmpty()) {
            targets.add(session.roles().byOid(session.currentUserOid()));
        } else {
            for (RoleSpec r : s.roles()) {
                Roles.Role role = roles.resolve(r);
                Ownership.checkMember(session, role);
                targets.add(role);
            }
        }
        List<Long> namespaces = new ArrayList<>();
        for (String schema : s.schemas()) {
            namespaces.add(schemaOid(schema));
        }
        if (namespaces.isEmpty()) {
            namespaces.add(0L);
        }
        List<Long> grantees = new ArrayList<>();
        for (RoleSpec r : g.grantees()) {
            grantees.add(r.kind() == RoleSpec.Kind.PUBLIC ? 0L : roles.resolve(r).oid());
        }
        int bits = bits(g.privileges(), new Target(null, null, 0, 0, kind, kind.toLowerCase(Locale.ROOT), ""), kind);
        String type = objtype(kind);
        CatalogStore store = store();
        for (Roles.Role role : targets) {
            for (long nsp : namespaces) {
                CatalogStore.Entry existing = defaultEntry(store, role.oid(), nsp, type);
                List<AclItems.Item> items = existing != null
                    ? AclItems.parse(((TextValue) existing.row()[4]).value())
                    : nsp == 0 ? AclItems.defaults(kind, role.oid()) : new ArrayList<>();
                for (long grantee : grantees) {
                    if (g.grant()) {
                        AclItems.merge(items, new AclItems.Item(grantee, role.oid(), bits, g.grantOption() ? bits : 0));
                    } else {
                        AclItems.revoke(items, grantee, role.oid(), bits, g.grantOption());
                    }
                }
                st.catalogChanged();
                if (existing != null) {
                    store.delete(CatalogTables.PG_DEFAULT_ACL, existing.tid());
                }
                boolean plain = nsp == 0 ? AclItems.sameItems(items, AclItems.defaults(kind, role.oid())) : items.isEmpty();
                if (!plain) {
                    long oid = existing != null ? ((org.tuskdb.sql.internal.value.OidValue) existing.row()[0]).value()
                        : st.services().transactions().newOid();
                    store.insert(CatalogTables.PG_DEFAULT_ACL, new Value[] {org.tuskdb.sql.internal.value.OidValue.oid(oid),
                        org.tuskdb.sql.internal.value.OidValue.oid(role.oid()),
                        org.tuskdb.sql.internal.value.OidValue.oid(nsp), TextValue.text(type),
                        TextValue.text(AclItems.format(items))});
                }
                st.transaction().commandCounterIncrement();
            }
        }
        return "ALTER DEFAULT PRIVILEGES";
    }

    private CatalogStore.Entry defaultEntry(CatalogStore store, long role, long nsp, String type) {
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_DEFAULT_ACL, st.freshSnapshot())) {
            Value[] r = e.row();
            if (((org.tuskdb.sql.internal.value.OidValue) r[1]).value() == role
                && ((org.tuskdb.sql.internal.value.OidValue) r[2]).value() == nsp
                && ((TextValue) r[3]).value().equals(type)) {
                return e;
            }
        }
        return null;
    }

    /**
     * get_user_default_acl: the ACL a new object of the kind owned by {@code owner} in {@code nsp} starts
     * with (null: the built-in default), from the owner's global and the schema's pg_default_acl entries.
     */
    static Value initialAcl(StorageTransaction st, String kind, long owner, long nsp) {
        PrivilegeCommands p = new PrivilegeCommands(null, st, null);
        CatalogStore store = p.store();
        String type = objtype(kind);
        CatalogStore.Entry global = p.defaultEntry(store, owner, 0, type);
        CatalogStore.Entry schema = nsp > 0 ? p.defaultEntry(store, owner, nsp, type) : null;
        if (global == null && schema == null) {
            return null;
        }
        List<AclItems.Item> items = global != null ? AclItems.parse(((TextValue) global.row()[4]).value())
            : AclItems.defaults(kind, owner);
        if (schema != null) {
            for (AclItems.Item i : AclItems.parse(((TextValue) schema.row()[4]).value())) {
                AclItems.merge(items, i);
            }
        }
        return AclItems.sameItems(items, AclItems.defaults(kind, owner)) ? null : TextValue.text(AclItems.format(items));
    }

    /** The privilege bits a GRANT names for an object (0LP01 for one the kind does not have). */
    private int bits(List<String> privileges, Target t, String objectType) {
        int all = AclItems.all(t.kind());
        if (privileges == null) {
            return all;
        }
        int bits = 0;
        for (String p : privileges) {
            int b = AclItems.bit(p);
            if ((b & AclItems.all(objectType.equals("TABLE") && t.kind().equals("SEQUENCE") ? "TABLE" : t.kind())) == 0) {
                throw DatabaseException.error("0LP01", "invalid privilege type " + p.toUpperCase(Locale.ROOT)
                    + " for " + (t.kind().equals("TABLE") ? "table" : t.kind().toLowerCase(Locale.ROOT)));
            }
            bits |= b;
        }
        if (t.kind().equals("SEQUENCE") && (bits & ~all) != 0) {
            // GRANT ... ON TABLE of a sequence: what a sequence does not have is left out, as PostgreSQL
            ctx.notice(new DatabaseException(DatabaseException.Severity.WARNING, "01007", "sequence \"" + t.name()
                + "\" only supports USAGE, SELECT, and UPDATE privileges", null, null, 0, null));
            bits &= all;
        }
        return bits;
    }

    private void apply(Target t, int bits, List<Long> grantees, boolean grant, boolean option) {
        List<AclItems.Item> items = AclItems.effective(t.entry().row()[t.aclColumn()], t.kind(), t.owner());
        Grantor by = grantor(t, bits, grant, true);
        for (long g : grantees) {
            if (grant) {
                AclItems.merge(items, new AclItems.Item(g, by.role(), by.allowed(), option ? by.allowed() : 0));
            } else {
                AclItems.revoke(items, g, by.role(), by.allowed(), option);
            }
        }
        write(t, items);
    }

    /** Who grants (select_best_grantor) and which of the wanted {@code bits} it may grant or revoke. */
    record Grantor(long role, int allowed) {}

    /**
     * The owner when the current user has its privileges (or is a superuser), else the current user
     * with what it holds WITH GRANT OPTION on the object — its column privileges too, as
     * restrict_and_check_grant counts them for a column grant; {@code warn}: PostgreSQL's WARNING when
     * that is less than wanted (once per object).
     */
    Grantor grantor(Target t, int bits, boolean grant, boolean warn) {
        Roles roles = session.roles();
        long me = session.currentUserOid();
        if (roles.isSuperuser(me) || roles.hasPrivilegesOf(me, t.owner())) {
            return new Grantor(t.owner(), bits);
        }
        List<AclItems.Item> items = AclItems.effective(t.entry().row()[t.aclColumn()], t.kind(), t.owner());
        int options = AclItems.grantOptions(items, me, roles);
        int held = AclItems.mask(items, me, roles, AclItems.all(t.kind()));
        if (t.catalog() == CatalogTables.PG_CLASS) {
            for (List<AclItems.Item> column : new ColumnGrants(this, st).columnAcls(t).values()) {
                held |= AclItems.mask(column, me, roles, ColumnGrants.ALL_COLUMN);
            }
        }
        int allowed = bits & options;
        if (allowed == 0 && held == 0) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + t.noun() + " "
                + t.name());
        }
        if (allowed != bits && warn) {
            String what = grant ? (allowed == 0 ? "no privileges were granted" : "not all privileges were granted")
                : (allowed == 0 ? "no privileges could be revoked" : "not all privileges could be revoked");
            ctx.notice(new DatabaseException(DatabaseException.Severity.WARNING, grant ? "01007" : "01006",
                what + " for \"" + t.name() + "\"", null, null, 0, null));
        }
        return new Grantor(me, allowed);
    }

    private void write(Target t, List<AclItems.Item> items) {
        Value[] row = t.entry().row().clone();
        row[t.aclColumn()] = TextValue.text(AclItems.format(items));
        st.catalogChanged();
        store().update(t.catalog(), t.entry().tid(), row);
        st.transaction().commandCounterIncrement();
    }

    /** DROP OWNED: every privilege {@code role} was granted on the object (or granted as grantor) goes. */
    void revokeEverything(RoleDependencies.Dependent d, long role) {
        if (d.catalog() == CatalogTables.PG_ATTRIBUTE_OID) {
            new ColumnGrants(this, st).revokeEverything(d.oid(), role);
            return;
        }
        for (Target t : targetsOf(d)) {
            List<AclItems.Item> items = AclItems.effective(t.entry().row()[t.aclColumn()], t.kind(), t.owner());
            items.removeIf(i -> i.grantee() == role || i.grantor() == role);
            write(t, items);
        }
    }

    private List<Target> targetsOf(RoleDependencies.Dependent d) {
        Snapshot snap = st.freshSnapshot();
        if (d.catalog() == CatalogTables.PG_CLASS_OID) {
            return List.of(relationTarget(store().findClassByOid(d.oid(), snap)));
        }
        if (d.catalog() == CatalogTables.PG_NAMESPACE_OID) {
            return List.of(schemaTarget(store().namespaceByOid(d.oid(), snap)));
        }
        if (d.catalog() == CatalogTables.PG_PROC_OID) {
            return List.of(functionTarget(store().rowsWhere(CatalogTables.PG_PROC, 0, d.oid(), snap).get(0), d.name()));
        }
        if (d.catalog() == CatalogTables.PG_DEFAULT_ACL_OID) {
            return List.of(new Target(CatalogTables.PG_DEFAULT_ACL, store().rowsWhere(CatalogTables.PG_DEFAULT_ACL, 0,
                d.oid(), snap).get(0), 4, d.owner(), "TABLE", "default privileges", d.name()));
        }
        if (d.catalog() == Databases.PG_DATABASE_OID) {
            Databases.Database db = Databases.named(st, d.name());
            return List.of(new Target(CatalogTables.PG_DATABASE, db.entry(), CatalogTables.DAT_ACL, db.owner(),
                "DATABASE", "database", db.name()));
        }
        return List.of();
    }

    private static Target relationTarget(CatalogStore.Entry e) {
        Value[] r = e.row();
        String relkind = ((TextValue) r[CatalogTables.CLASS_RELKIND]).value();
        return new Target(CatalogTables.PG_CLASS, e, CatalogTables.CLASS_RELACL,
            CatalogTables.owner(r[CatalogTables.CLASS_RELOWNER]), relkind.equals("S") ? "SEQUENCE" : "TABLE",
            Ownership.relationKind(relkind), ((TextValue) r[CatalogTables.CLASS_RELNAME]).value());
    }

    private static Target schemaTarget(CatalogStore.Entry e) {
        return new Target(CatalogTables.PG_NAMESPACE, e, CatalogTables.NSP_ACL,
            CatalogTables.owner(e.row()[CatalogTables.NSP_OWNER]), "SCHEMA", "schema",
            ((TextValue) e.row()[1]).value());
    }

    private static Target functionTarget(CatalogStore.Entry e, String shown) {
        return new Target(CatalogTables.PG_PROC, e, CatalogTables.PROC_ACL,
            CatalogTables.owner(e.row()[CatalogTables.PROC_OWNER]), "FUNCTION", "function", shown);
    }

    /** The objects a GRANT / REVOKE names, each locked as PostgreSQL locks them (none here but relations). */
    private List<Target> targets(RoleStatements.GrantPrivileges s) {
        List<Target> out = new ArrayList<>();
        RelationCache rc = session.relcache();
        Snapshot snap = st.freshSnapshot();
        switch (s.objectType()) {
            case "TABLE", "SEQUENCE" -> {
                if (s.allInSchema()) {
                    for (List<String> n : s.names()) {
                        long nsp = schemaOid(n.get(0));
                        for (CatalogStore.Entry e : store().rowsWhere(CatalogTables.PG_CLASS,
                                CatalogTables.CLASS_RELNAMESPACE, nsp, snap)) {
                            String relkind = ((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value();
                            boolean wanted = s.objectType().equals("SEQUENCE") ? relkind.equals("S")
                                : relkind.equals("r") || relkind.equals("v") || relkind.equals("m") || relkind.equals("p");
                            if (wanted) {
                                out.add(relationTarget(e));
                            }
                        }
                    }
                    out.sort(java.util.Comparator.comparingLong(t -> ((org.tuskdb.sql.internal.value.OidValue)
                        t.entry().row()[0]).value()));
                    return out;
                }
                for (List<String> n : s.names()) {
                    String schema = n.size() > 1 ? n.get(n.size() - 2) : null;
                    Relation r = rc.lookup(schema, n.get(n.size() - 1), LockMode.ACCESS_SHARE, 0, false, st);
                    if (r instanceof TableDescriptor t && t.systemCatalog()) {
                        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "GRANT on system catalogs is "
                            + "not supported yet");
                    }
                    CatalogStore.Entry e = store().findClassByOid(RelationCache.oidOf(r), st.freshSnapshot());
                    if (e == null) {
                        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "GRANT on \"" + r.name()
                            + "\" is not supported");
                    }
                    Target t = relationTarget(e);
                    if (s.objectType().equals("SEQUENCE") && !t.kind().equals("SEQUENCE")) {
                        throw DatabaseException.error("42809", "\"" + t.name() + "\" is not a sequence");
                    }
                    out.add(t);
                }
            }
            case "SCHEMA" -> {
                for (List<String> n : s.names()) {
                    out.add(schemaTarget(store().namespaceByOid(schemaOid(n.get(0)), snap)));
                }
            }
            case "DATABASE" -> {
                for (List<String> n : s.names()) {
                    Databases.Database db = Databases.named(st, n.get(0));
                    out.add(new Target(CatalogTables.PG_DATABASE, db.entry(), CatalogTables.DAT_ACL, db.owner(),
                        "DATABASE", "database", db.name()));
                }
            }
            case "FUNCTION" -> {
                if (s.allInSchema()) {
                    for (List<String> n : s.names()) {
                        long nsp = schemaOid(n.get(0));
                        for (UserFunction f : rc.userFunctions(st)) {
                            if (f.namespace() == nsp) {
                                out.add(functionTarget(store().rowsWhere(CatalogTables.PG_PROC, 0, f.oid(), snap).get(0),
                                    f.name()));
                            }
                        }
                    }
                    return out;
                }
                ParseState ps = new ParseState(session.currentQuery(), session.services().functions(),
                    session.relationLookup(), ParamTypes.none());
                FunctionCommands functions = new FunctionCommands(session, null);
                for (Statement.FunctionRef ref : s.functions()) {
                    UserFunction f = functions.lookup(ref, st, ps, false, ctx);
                    out.add(functionTarget(store().rowsWhere(CatalogTables.PG_PROC, 0, f.oid(), snap).get(0), f.name()));
                }
            }
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "GRANT ON " + s.objectType()
                + " is not supported yet");
        }
        return out;
    }

    private long schemaOid(String name) {
        long nsp = session.relcache().namespaceOid(name, st);
        if (nsp < 0) {
            throw DatabaseException.error("3F000", "schema \"" + name + "\" does not exist");
        }
        return nsp;
    }
}
