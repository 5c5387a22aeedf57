package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.sql.internal.ast.RoleStatements;
import org.tuskdb.sql.internal.ast.RoleStatements.RoleOption;
import org.tuskdb.sql.internal.ast.RoleStatements.RoleSpec;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.Roles;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE / ALTER / DROP ROLE and GRANT / REVOKE of roles (PostgreSQL 15's commands/user.c):
 * rows of the shared catalogs pg_authid and pg_auth_members, written in the statement's
 * transaction. Rules:
 * <ol>
 * <li>Permissions are user.c's: creating or changing a superuser, a replication role or the
 * BYPASSRLS attribute needs a superuser; other roles need CREATEROLE (a role without it may only
 * change its own password); membership in a role needs CREATEROLE or its ADMIN OPTION, in a
 * superuser role a superuser.</li>
 * <li>Names beginning with {@code pg_} are reserved (42939), the predefined roles cannot be
 * altered, dropped or renamed; the bootstrap superuser cannot be dropped.</li>
 * <li>Concurrent CREATE / RENAME of one name serialize on an object lock of the name (pg_authid
 * has no unique index to do it); every change moves the catalog counter, so all sessions read
 * the roles again.</li>
 * <li>DROP ROLE refuses (2BP01) while the role owns objects or holds privileges
 * ({@link RoleDependencies}); its memberships go with it.</li>
 * </ol>
 */
final class RoleCommands {
    private final Session session;
    private final StorageTransaction st;
    private final StatementContext ctx;

    RoleCommands(Session session, StorageTransaction st, StatementContext ctx) {
        this.session = session;
        this.st = st;
        this.ctx = ctx;
    }

    /** The command's name in a 25006 read-only refusal. */
    static String command(Statement.RoleCommand c) {
        return switch (c) {
            case RoleStatements.CreateRole s -> "CREATE ROLE";
            case RoleStatements.DropRole s -> "DROP ROLE";
            case RoleStatements.GrantRole s -> s.grant() ? "GRANT ROLE" : "REVOKE ROLE";
            case RoleStatements.GrantPrivileges s -> s.grant() ? "GRANT" : "REVOKE";
            case RoleStatements.ReassignOwned s -> "REASSIGN OWNED";
            case RoleStatements.DropOwned s -> "DROP OWNED";
            case RoleStatements.AlterDefaultPrivileges s -> "ALTER DEFAULT PRIVILEGES";
            default -> "ALTER ROLE";
        };
    }

    String execute(Statement.RoleCommand c) {
        return switch (c) {
            case RoleStatements.CreateRole s -> create(s);
            case RoleStatements.AlterRole s -> alter(s);
            case RoleStatements.RenameRole s -> rename(s);
            case RoleStatements.AlterRoleSet s -> alterSet(s);
            case RoleStatements.DropRole s -> drop(s);
            case RoleStatements.GrantRole s -> grantRole(s);
            case RoleStatements.GrantPrivileges s -> new PrivilegeCommands(session, st, ctx).grant(s);
            case RoleStatements.AlterDefaultPrivileges s -> new PrivilegeCommands(session, st, ctx).alterDefaults(s);
            case RoleStatements.ReassignOwned s -> new RoleDependencies(session, st).reassignOwned(s, this);
            case RoleStatements.DropOwned s -> new RoleDependencies(session, st).dropOwned(s, ctx, this);
            default -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "statement is not supported");
        };
    }

    private CatalogStore store() {
        return new CatalogStore(st.services().heap(), st.transaction());
    }

    private Roles roles() {
        return session.roles();
    }

    private void lockName(String name) {
        st.lock(new LockTag(LockTag.Kind.OBJECT, 0, CatalogTables.PG_AUTHID_OID, name.hashCode() & 0xffff_ffffL),
            LockMode.ACCESS_EXCLUSIVE);
    }

    /** Marks the catalog changed after a write and makes the write visible to the next read. */
    private void changed() {
        st.transaction().commandCounterIncrement();
        st.catalogChanged();
    }

    private boolean superuser() {
        return roles().isSuperuser(session.currentUserOid());
    }

    /** have_createrole_privilege: a superuser, or a role with CREATEROLE. */
    private boolean createRolePrivilege() {
        Roles.Role r = roles().byOid(session.currentUserOid());
        return r != null && (r.superuser() || r.createRole());
    }

    private static DatabaseException denied(String message) {
        return DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }

    private static DatabaseException reservedName(String name) {
        return DatabaseException.error("42939", "role name \"" + name + "\" is reserved")
            .withDetail("Role names starting with \"pg_\" are reserved.");
    }

    static DatabaseException noSuchRole(String name) {
        return DatabaseException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
    }

    /** The role a RoleSpec names (get_rolespec_oid): 42704 when none (PUBLIC is no role). */
    Roles.Role resolve(RoleSpec spec) {
        String name = switch (spec.kind()) {
            case CURRENT_USER -> session.currentUserName();
            case SESSION_USER -> session.sessionUserName();
            default -> spec.name();
        };
        Roles.Role r = roles().byName(name);
        if (r == null) {
            throw noSuchRole(name);
        }
        return r;
    }

    // ---- CREATE ROLE ----------------------------------------------------------------------

    /** The options by name; 42601 "conflicting or redundant options" at the second of a name. */
    private Map<String, RoleOption> options(List<RoleOption> list) {
        Map<String, RoleOption> out = new LinkedHashMap<>();
        for (RoleOption o : list) {
            if (o.name().equals("sysid")) {
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000",
                    "SYSID can no longer be specified", null, null, 0, null));
                continue;
            }
            if (out.putIfAbsent(o.name(), o) != null) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                    position(o.location()));
            }
        }
        RoleOption limit = out.get("connectionlimit");
        if (limit != null && (Integer) limit.value() < -1) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit.value());
        }
        return out;
    }

    /** The 1-based character position of a statement offset, as errors carry it. */
    private int position(int offset) {
        String q = session.currentQuery();
        return q.codePointCount(0, Math.min(offset, q.length())) + 1;
    }

    private static boolean flag(Map<String, RoleOption> o, String name, boolean otherwise) {
        RoleOption v = o.get(name);
        return v == null ? otherwise : (Boolean) v.value();
    }

    @SuppressWarnings("unchecked")
    private static List<RoleSpec> roleList(Map<String, RoleOption> o, String name) {
        RoleOption v = o.get(name);
        return v == null ? List.of() : (List<RoleSpec>) v.value();
    }

    private String create(RoleStatements.CreateRole s) {
        Map<String, RoleOption> o = options(s.options());
        boolean superuser = flag(o, "superuser", false);
        boolean replication = flag(o, "isreplication", false);
        boolean bypassRls = flag(o, "bypassrls", false);
        if (superuser) {
            if (!superuser()) {
                throw denied("must be superuser to create superusers");
            }
        } else if (replication) {
            if (!superuser()) {
                throw denied("must be superuser to create replication users");
            }
        } else if (bypassRls) {
            if (!superuser()) {
                throw denied("must be superuser to create bypassrls users");
            }
        } else if (!createRolePrivilege()) {
            throw denied("permission denied to create role");
        }
        if (s.name().startsWith("pg_")) {
            throw reservedName(s.name());
        }
        lockName(s.name());
        if (roles().byName(s.name()) != null) {
            throw DatabaseException.error("42710", "role \"" + s.name() + "\" already exists");
        }
        String validUntil = validUntil(o);
        String password = password(o, s.name());
        RoleOption limit = o.get("connectionlimit");
        long oid = st.services().transactions().newOid();
        Roles.Role role = new Roles.Role(oid, s.name(), superuser, flag(o, "inherit", true), flag(o, "createrole", false),
            flag(o, "createdb", false), flag(o, "canlogin", s.kind().equals("USER")), replication, bypassRls,
            limit == null ? -1 : (Integer) limit.value(), password, validUntil, null);
        st.catalogChanged();
        store().insert(CatalogTables.PG_AUTHID, role.toRow());
        changed();
        long grantor = session.currentUserOid();
        for (RoleSpec r : roleList(o, "addroleto")) {
            Roles.Role target = resolve(r);
            addMembers(target, List.of(new RoleSpec(RoleSpec.Kind.NAME, s.name(), s.nameLocation())), grantor, false);
        }
        Roles.Role self = roles().byOid(oid);
        addMembers(self, roleList(o, "adminmembers"), grantor, true);
        addMembers(self, roleList(o, "rolemembers"), grantor, false);
        return "CREATE ROLE";
    }

    /** VALID UNTIL's timestamptz, normalized to its text form (22007 / 22008 as timestamptz input). */
    private String validUntil(Map<String, RoleOption> o) {
        RoleOption v = o.get("validUntil");
        if (v == null) {
            return null;
        }
        // read in the session's TimeZone, stored in UTC (the views read it back so)
        return org.tuskdb.sql.internal.value.TypeInput.parse(org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ, -1,
            (String) v.value(), session.style()).toText(org.tuskdb.sql.internal.value.SessionStyle.utc());
    }

    /** The stored form of PASSWORD's value (null: none; '' clears it with PostgreSQL's NOTICE). */
    private String password(Map<String, RoleOption> o, String roleName) {
        RoleOption p = o.get("password");
        if (p == null || p.value() == null) {
            return null;
        }
        String text = (String) p.value();
        if (text.isEmpty()) {
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000",
                "empty string is not a valid password, clearing password", null, null, 0, null));
            return null;
        }
        return PasswordHashes.encrypt(text, roleName, session.showSetting("password_encryption", true));
    }

    // ---- ALTER ROLE -----------------------------------------------------------------------

    /** check_rolespec_name: the predefined roles cannot be changed. */
    private static void refuseReserved(Roles.Role r, String detail) {
        if (r.name().startsWith("pg_")) {
            throw DatabaseException.error("42939", "role name \"" + r.name() + "\" is reserved").withDetail(detail);
        }
    }

    private CatalogStore.Entry row(long oid) {
        List<CatalogStore.Entry> rows = store().rowsWhere(CatalogTables.PG_AUTHID, Roles.OID, oid, st.freshSnapshot());
        if (rows.isEmpty()) {
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for role " + oid);
        }
        return rows.get(0);
    }

    private void update(Roles.Role r) {
        st.catalogChanged();
        store().update(CatalogTables.PG_AUTHID, row(r.oid()).tid(), r.toRow());
        changed();
    }

    private String alter(RoleStatements.AlterRole s) {
        Map<String, RoleOption> o = options(s.options());
        Roles.Role r = resolve(s.role());
        refuseReserved(r, "Cannot alter reserved roles.");
        boolean dSuper = o.containsKey("superuser");
        if (r.superuser() || dSuper) {
            if (!superuser()) {
                throw denied("must be superuser to alter superuser roles or change superuser attribute");
            }
        } else if (r.replication() || o.containsKey("isreplication")) {
            if (!superuser()) {
                throw denied("must be superuser to alter replication roles or change replication attribute");
            }
        } else if (o.containsKey("bypassrls")) {
            if (!superuser()) {
                throw denied("must be superuser to change bypassrls attribute");
            }
        } else if (!createRolePrivilege()) {
            // without CREATEROLE a role may change only its own password
            if (!(o.size() == 1 && o.containsKey("password")) || r.oid() != session.currentUserOid()) {
                throw denied("permission denied");
            }
        }
        RoleOption limit = o.get("connectionlimit");
        String password = r.password();
        if (o.containsKey("password")) {
            password = password(o, r.name());
        }
        Roles.Role changed = new Roles.Role(r.oid(), r.name(), flag(o, "superuser", r.superuser()),
            flag(o, "inherit", r.inherit()), flag(o, "createrole", r.createRole()), flag(o, "createdb", r.createDb()),
            flag(o, "canlogin", r.canLogin()), flag(o, "isreplication", r.replication()),
            flag(o, "bypassrls", r.bypassRls()), limit == null ? r.connectionLimit() : (Integer) limit.value(),
            password, o.containsKey("validUntil") ? validUntil(o) : r.validUntil(), r.config());
        update(changed);
        List<RoleSpec> members = roleList(o, "rolemembers");
        if (!members.isEmpty()) {
            addMembers(roles().byOid(r.oid()), members, session.currentUserOid(), false);
        }
        if (r.oid() == session.currentUserOid()) {
            session.identityChanged();
        }
        return "ALTER ROLE";
    }

    private String rename(RoleStatements.RenameRole s) {
        Roles.Role r = roles().byName(s.name());
        if (r == null) {
            throw noSuchRole(s.name());
        }
        if (r.oid() == session.sessionUserOid()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        }
        if (r.oid() == session.currentUserOid()) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "current user cannot be renamed");
        }
        if (r.name().startsWith("pg_")) {
            throw reservedName(r.name());
        }
        if (s.newName().startsWith("pg_")) {
            throw reservedName(s.newName());
        }
        lockName(s.newName());
        if (roles().byName(s.newName()) != null) {
            throw DatabaseException.error("42710", "role \"" + s.newName() + "\" already exists");
        }
        if (r.superuser()) {
            if (!superuser()) {
                throw denied("must be superuser to rename superusers");
            }
        } else if (!createRolePrivilege()) {
            throw denied("permission denied to rename role");
        }
        String password = r.password();
        if (password != null && PasswordHashes.isMd5(password)) {
            // the MD5 hash is salted with the role's name
            ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000",
                "MD5 password cleared because of role rename", null, null, 0, null));
            password = null;
        }
        update(new Roles.Role(r.oid(), s.newName(), r.superuser(), r.inherit(), r.createRole(), r.createDb(),
            r.canLogin(), r.replication(), r.bypassRls(), r.connectionLimit(), password, r.validUntil(), r.config()));
        return "ALTER ROLE";
    }

    /**
     * ALTER ROLE r [IN DATABASE d] SET / RESET: rolconfig, or r's entries in d's datroleconfig
     * ({@link org.tuskdb.sql.internal.catalog.DatabaseRoleConfig}), applied at the role's next login
     * (to d), below its startup parameters; a database's entries for the role come after the role's
     * own (PGC_S_USER &lt; PGC_S_DATABASE_USER).
     */
    private String alterSet(RoleStatements.AlterRoleSet s) {
        if (s.role() == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER ROLE ALL ... SET is not supported yet");
        }
        Roles.Role r = resolve(s.role());
        refuseReserved(r, "Cannot alter reserved roles.");
        if (r.superuser()) {
            if (!superuser()) {
                throw denied("must be superuser to alter superusers");
            }
        } else if (!createRolePrivilege() && r.oid() != session.currentUserOid()) {
            throw denied("permission denied");
        }
        if (s.database() != null) {
            Databases.Database d = Databases.named(st, s.database());
            java.util.Map<Long, List<String>> byRole =
                org.tuskdb.sql.internal.catalog.DatabaseRoleConfig.parse(d.roleConfig());
            String stored = RoleSettings.alter(session,
                org.tuskdb.sql.internal.catalog.DatabaseRoleConfig.setconfig(byRole.get(r.oid())), s.set());
            byRole.remove(r.oid());
            if (stored != null) {
                byRole.put(r.oid(), RoleSettings.parse(stored));
            }
            DatabaseCommands.storeRoleConfig(st, d, org.tuskdb.sql.internal.catalog.DatabaseRoleConfig.format(byRole));
            return "ALTER ROLE";
        }
        update(new Roles.Role(r.oid(), r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(),
            r.canLogin(), r.replication(), r.bypassRls(), r.connectionLimit(), r.password(), r.validUntil(),
            RoleSettings.alter(session, r.config(), s.set())));
        return "ALTER ROLE";
    }

    // ---- DROP ROLE ------------------------------------------------------------------------

    private String drop(RoleStatements.DropRole s) {
        if (!createRolePrivilege()) {
            throw denied("permission denied to drop role");
        }
        RoleDependencies deps = new RoleDependencies(session, st);
        for (RoleSpec spec : s.roles()) {
            if (spec.kind() == RoleSpec.Kind.PUBLIC) {
                throw DatabaseException.error("42939", "role name \"public\" is reserved")
                    .withDetail("Cannot use special role specifier in DROP ROLE.");
            }
            if (spec.kind() != RoleSpec.Kind.NAME) {
                throw DatabaseException.error("42939", "cannot use special role specifier in DROP ROLE");
            }
            Roles.Role r = roles().byName(spec.name());
            if (r == null) {
                if (!s.ifExists()) {
                    throw noSuchRole(spec.name());
                }
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000",
                    "role \"" + spec.name() + "\" does not exist, skipping", null, null, 0, null));
                continue;
            }
            if (r.oid() == session.currentUserOid()) {
                throw DatabaseException.error("55006", "current user cannot be dropped");
            }
            if (r.oid() == session.sessionUserOid()) {
                throw DatabaseException.error("55006", "session user cannot be dropped");
            }
            if (r.superuser() && !superuser()) {
                throw denied("must be superuser to drop superusers");
            }
            lockName(r.name());
            if (r.predefined()) {
                throw DatabaseException.error("2BP01", "cannot drop role " + r.name()
                    + " because it is required by the database system");
            }
            String detail = deps.describe(r.oid());
            if (detail != null) {
                throw DatabaseException.error("2BP01", "role \"" + r.name()
                    + "\" cannot be dropped because some objects depend on it").withDetail(detail);
            }
            st.catalogChanged();
            CatalogStore store = store();
            store.delete(CatalogTables.PG_AUTHID, row(r.oid()).tid());
            for (CatalogStore.Entry m : store.all(CatalogTables.PG_AUTH_MEMBERS, st.freshSnapshot())) {
                if (oid(m.row()[Roles.MEM_ROLEID]) == r.oid() || oid(m.row()[Roles.MEM_MEMBER]) == r.oid()) {
                    store.delete(CatalogTables.PG_AUTH_MEMBERS, m.tid());
                }
            }
            changed();
        }
        return "DROP ROLE";
    }

    private static long oid(Value v) {
        return ((OidValue) v).value();
    }

    // ---- GRANT / REVOKE role --------------------------------------------------------------

    private String grantRole(RoleStatements.GrantRole s) {
        long grantor = s.grantor() == null ? session.currentUserOid() : resolve(s.grantor()).oid();
        for (RoleSpec g : s.grantees()) {
            if (g.kind() == RoleSpec.Kind.PUBLIC) {
                throw noSuchRole("public");
            }
            resolve(g);
        }
        for (RoleSpec spec : s.roles()) {
            Roles.Role role = resolve(spec);
            if (s.grant()) {
                addMembers(role, s.grantees(), grantor, s.adminOption());
            } else {
                deleteMembers(role, s.grantees(), s.adminOption());
            }
        }
        return s.alterGroup() ? "ALTER ROLE" : s.grant() ? "GRANT ROLE" : "REVOKE ROLE";
    }

    private void checkMembershipChange(Roles.Role role, long grantor) {
        if (role.superuser()) {
            if (!superuser()) {
                throw denied("must be superuser to alter superusers");
            }
        } else if (!createRolePrivilege() && !roles().hasAdminOption(grantor, role.oid())) {
            throw denied("must have admin option on role \"" + role.name() + "\"");
        }
    }

    /** AddRoleMems. */
    void addMembers(Roles.Role role, List<RoleSpec> members, long grantor, boolean admin) {
        if (members.isEmpty()) {
            return;
        }
        checkMembershipChange(role, grantor);
        if (role.oid() == Roles.DATABASE_OWNER) {
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "role \"" + role.name()
                + "\" cannot have explicit members");
        }
        if (grantor != session.currentUserOid() && !superuser()) {
            throw denied("must be superuser to set grantor");
        }
        for (RoleSpec spec : members) {
            Roles.Role member = resolve(spec);
            if (member.oid() == Roles.DATABASE_OWNER) {
                throw DatabaseException.error(SqlState.INTERNAL_ERROR, "role \"" + member.name()
                    + "\" cannot be a member of any role");
            }
            Roles roles = roles();
            if (roles.isMember(role.oid(), member.oid())) {
                throw DatabaseException.error("0LP01", "role \"" + role.name() + "\" is a member of role \""
                    + member.name() + "\"");
            }
            CatalogStore.Entry existing = membership(role.oid(), member.oid());
            if (existing != null && (!admin || ((org.tuskdb.sql.internal.value.BoolValue)
                    existing.row()[Roles.MEM_ADMIN]).value())) {
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000", "role \""
                    + member.name() + "\" is already a member of role \"" + role.name() + "\"", null, null, 0, null));
                continue;
            }
            st.catalogChanged();
            Value[] row = new Roles.Membership(role.oid(), member.oid(), grantor, admin).toRow();
            if (existing != null) {
                store().update(CatalogTables.PG_AUTH_MEMBERS, existing.tid(), row);
            } else {
                store().insert(CatalogTables.PG_AUTH_MEMBERS, row);
            }
            changed();
        }
    }

    /** DelRoleMems. */
    private void deleteMembers(Roles.Role role, List<RoleSpec> members, boolean adminOnly) {
        checkMembershipChange(role, session.currentUserOid());
        for (RoleSpec spec : members) {
            Roles.Role member = resolve(spec);
            CatalogStore.Entry existing = membership(role.oid(), member.oid());
            if (existing == null) {
                ctx.notice(new DatabaseException(DatabaseException.Severity.WARNING, "01000", "role \""
                    + member.name() + "\" is not a member of role \"" + role.name() + "\"", null, null, 0, null));
                continue;
            }
            st.catalogChanged();
            if (adminOnly) {
                Value[] row = existing.row().clone();
                row[Roles.MEM_ADMIN] = org.tuskdb.sql.internal.value.BoolValue.FALSE;
                store().update(CatalogTables.PG_AUTH_MEMBERS, existing.tid(), row);
            } else {
                store().delete(CatalogTables.PG_AUTH_MEMBERS, existing.tid());
            }
            changed();
        }
    }

    private CatalogStore.Entry membership(long role, long member) {
        for (CatalogStore.Entry e : store().rowsWhere(CatalogTables.PG_AUTH_MEMBERS, Roles.MEM_MEMBER, member,
                st.freshSnapshot())) {
            if (oid(e.row()[Roles.MEM_ROLEID]) == role) {
                return e;
            }
        }
        return null;
    }

    /** The role names of a list as RoleSpecs (for callers outside the parser). */
    static List<RoleSpec> specs(List<String> names) {
        List<RoleSpec> out = new ArrayList<>();
        for (String n : names) {
            out.add(new RoleSpec(RoleSpec.Kind.NAME, n, 0));
        }
        return out;
    }
}
