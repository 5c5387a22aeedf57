package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * The role catalogs as SQL sees them, with PostgreSQL 15's columns (system_views.sql): pg_authid
 * and pg_auth_members over the stored shared catalogs ({@link Roles}), and the views over them —
 * pg_roles and pg_user (passwords shown as {@code ********}), pg_shadow, pg_group (roles that
 * cannot log in, with their members) and pg_db_role_setting (ALTER ROLE ... SET, database 0; ALTER
 * DATABASE ... SET, role 0; ALTER ROLE ... IN DATABASE ... SET).
 */
final class RoleViews {
    private RoleViews() {}

    private static final String[] ROLES_COLUMNS = {"rolname name", "rolsuper bool", "rolinherit bool",
        "rolcreaterole bool", "rolcreatedb bool", "rolcanlogin bool", "rolreplication bool", "rolconnlimit int4",
        "rolpassword text", "rolvaliduntil timestamptz", "rolbypassrls bool", "rolconfig text[]", "oid oid"};
    private static final String[] USER_COLUMNS = {"usename name", "usesysid oid", "usecreatedb bool",
        "usesuper bool", "userepl bool", "usebypassrls bool", "passwd text", "valuntil timestamptz",
        "useconfig text[]"};

    /** Made when PgCatalogViews' list is (a method, not a field: no class-initialization cycle). */
    static List<PgCatalogViews.ComputedView> views() {
        return List.of(
        PgCatalogViews.view("pg_authid", CatalogTables.PG_AUTHID_OID, RoleViews::pgAuthid, "oid oid", "rolname name",
            "rolsuper bool", "rolinherit bool", "rolcreaterole bool", "rolcreatedb bool", "rolcanlogin bool",
            "rolreplication bool", "rolbypassrls bool", "rolconnlimit int4", "rolpassword text",
            "rolvaliduntil timestamptz"),
        PgCatalogViews.view("pg_roles", 0, RoleViews::pgRoles, ROLES_COLUMNS),
        PgCatalogViews.view("pg_user", 0, c -> users(c, false), USER_COLUMNS),
        PgCatalogViews.view("pg_shadow", 0, c -> users(c, true), USER_COLUMNS),
        PgCatalogViews.view("pg_group", 0, RoleViews::pgGroup, "groname name", "grosysid oid", "grolist oid[]"),
        PgCatalogViews.view("pg_auth_members", CatalogTables.PG_AUTH_MEMBERS_OID, RoleViews::pgAuthMembers,
            "roleid oid", "member oid", "grantor oid", "admin_option bool"),
        PgCatalogViews.view("pg_db_role_setting", 2964, RoleViews::pgDbRoleSetting, "setdatabase oid", "setrole oid",
            "setconfig text[]"));
    }

    private static Roles roles(EvalContext ctx) {
        return Roles.of(ctx);
    }

    private static List<Value[]> pgAuthid(EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        for (Roles.Role r : roles(ctx).all()) {
            out.add(new Value[] {OidValue.oid(r.oid()), name(r.name()), bool(r.superuser()), bool(r.inherit()),
                bool(r.createRole()), bool(r.createDb()), bool(r.canLogin()), bool(r.replication()),
                bool(r.bypassRls()), IntegerValue.int4(r.connectionLimit()), text(r.password()),
                validUntil(r.validUntil())});
        }
        return out;
    }

    private static List<Value[]> pgRoles(EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        for (Roles.Role r : roles(ctx).all()) {
            out.add(new Value[] {name(r.name()), bool(r.superuser()), bool(r.inherit()), bool(r.createRole()),
                bool(r.createDb()), bool(r.canLogin()), bool(r.replication()), IntegerValue.int4(r.connectionLimit()),
                TextValue.text("********"), validUntil(r.validUntil()), bool(r.bypassRls()), config(r.config()),
                OidValue.oid(r.oid())});
        }
        return out;
    }

    private static List<Value[]> users(EvalContext ctx, boolean shadow) {
        List<Value[]> out = new ArrayList<>();
        for (Roles.Role r : roles(ctx).all()) {
            if (!r.canLogin()) {
                continue;
            }
            out.add(new Value[] {name(r.name()), OidValue.oid(r.oid()), bool(r.createDb()), bool(r.superuser()),
                bool(r.replication()), bool(r.bypassRls()), shadow ? text(r.password()) : TextValue.text("********"),
                validUntil(r.validUntil()), config(r.config())});
        }
        return out;
    }

    private static List<Value[]> pgGroup(EvalContext ctx) {
        Roles roles = roles(ctx);
        List<Value[]> out = new ArrayList<>();
        for (Roles.Role r : roles.all()) {
            if (r.canLogin()) {
                continue;
            }
            List<Value> members = new ArrayList<>();
            for (Roles.Membership m : roles.memberships()) {
                if (m.role() == r.oid()) {
                    members.add(OidValue.oid(m.member()));
                }
            }
            out.add(new Value[] {name(r.name()), OidValue.oid(r.oid()),
                new ArrayValue(PgType.OID_ARRAY, members.toArray(new Value[0]))});
        }
        return out;
    }

    private static List<Value[]> pgAuthMembers(EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        for (Roles.Membership m : roles(ctx).memberships()) {
            out.add(m.toRow());
        }
        return out;
    }

    private static List<Value[]> pgDbRoleSetting(EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        if (CatalogNames.tables(ctx.storage())) {
            for (CatalogStore.Entry e : PgCatalogViews.stored(ctx.storage(), CatalogTables.PG_DATABASE)) {
                Value[] d = e.row();
                if (d.length > CatalogTables.DAT_CONFIG && d[CatalogTables.DAT_CONFIG] instanceof TextValue c) {
                    out.add(new Value[] {d[CatalogTables.DAT_OID], OidValue.oid(0), config(c.value())});
                }
                if (d.length > CatalogTables.DAT_ROLE_CONFIG && d[CatalogTables.DAT_ROLE_CONFIG] instanceof TextValue c) {
                    // a dropped role's entries stay in the row (DROP ROLE does not rewrite databases): not shown
                    for (var byRole : DatabaseRoleConfig.parse(c.value()).entrySet()) {
                        if (roles(ctx).byOid(byRole.getKey()) != null) {
                            out.add(new Value[] {d[CatalogTables.DAT_OID], OidValue.oid(byRole.getKey()),
                                config(DatabaseRoleConfig.setconfig(byRole.getValue()))});
                        }
                    }
                }
            }
        }
        for (Roles.Role r : roles(ctx).all()) {
            if (r.config() != null) {
                out.add(new Value[] {OidValue.oid(0), OidValue.oid(r.oid()), config(r.config())});
            }
        }
        return out;
    }

    private static Value config(String stored) {
        return stored == null ? null : ArrayValue.parse(PgType.TEXT_ARRAY, stored, -1, SessionStyle.utc());
    }

    /** rolvaliduntil is stored as timestamptz text in UTC. */
    private static Value validUntil(String stored) {
        return stored == null ? null : TypeInput.parse(PgType.TIMESTAMPTZ, -1, stored, SessionStyle.utc());
    }

    private static Value name(String s) {
        return new TextValue(PgType.NAME, s);
    }

    private static Value text(String s) {
        return s == null ? null : TextValue.text(s);
    }

    private static Value bool(boolean b) {
        return BoolValue.of(b);
    }
}
